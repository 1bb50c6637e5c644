import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import {
  conversationMatching,
  expectMetaHandshake,
  postMetaWebhook,
  rawEventCount,
} from "../support/metaWebhookKit.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const APP = { appId: "1234567890", appSecret: "meta-app-secret", verifyToken: "meta-verify-token" };
const PAGE_A = { pageId: "111000111", name: "Nordmart", accessToken: "page-a-token-123" };
const PAGE_B = { pageId: "222000222", name: "Nordmart Outlet", accessToken: "page-b-token-456" };

describe.each(dbTargets())("Facebook Page comments and Messenger on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  let webhookUrl: string;
  const post = (body: unknown, signature?: string) =>
    postMetaWebhook(webhookUrl, APP.appSecret, body, signature);
  const conversationWith = (q: string) => conversationMatching(api, q);

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    app = await startTestParley(target);
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const page of [PAGE_A, PAGE_B]) {
      const created = await api.post("/api/channels", {
        platform: "facebook",
        name: page.name,
        settings: { ...APP, accountId: page.pageId, accessToken: page.accessToken },
        apiBaseUrl: sim.url,
      });
      expect(created.status).toBe(201);
      // One app, one callback URL: the first page's URL serves both pages.
      webhookUrl ??= created.body.webhookUrl;
      sim.facebook.addPage({ ...page, appSecret: APP.appSecret, webhookUrl });
    }
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("answers Meta's verification handshake only with the right verify token", async () => {
    await expectMetaHandshake(webhookUrl, APP.verifyToken);
  });

  it("refuses a bad signature and stores nothing", async () => {
    const count = () => rawEventCount(app);
    const before = await count();
    expect((await post({ object: "page", entry: [] }, "sha256=00")).status).toBe(403);
    expect((await fetch(webhookUrl, { method: "POST", body: "{}" })).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it("threads a comment under its post, replies in public, then privately once", async () => {
    await sim.facebook.act(PAGE_A.pageId, {
      person: { id: 5551, firstName: "Olga", lastName: "Nowak", languageCode: "pl" },
      text: "Kiedy dostawa do Krakowa?",
      visibility: "public",
    });
    const conversation = await conversationWith("dostawa do Krakowa");
    expect(conversation).toMatchObject({
      visibility: "public",
      contact: { displayName: "Olga Nowak" },
      replyOptions: { public: true, private: true },
    });
    expect(conversation.post.text).toMatch(/Black Friday/);
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Dostawa w 2 dni robocze!",
      visibility: "public",
    });
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Napiszę prywatnie w sprawie zamówienia.",
      visibility: "private",
    });
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Second private reply",
      visibility: "private",
    });
    const items = await waitFor(
      async () => {
        const list = (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items as {
          text: string;
          deliveryStatus: string;
          deliveryError: string | null;
        }[];
        return list.filter((m) => ["delivered", "failed"].includes(m.deliveryStatus)).length >= 3
          ? list
          : null;
      },
      20_000,
      "three outcomes",
    );
    const comment = sim.state
      .callsOf("facebook", "POST /{id}/comments")
      .find((c) => c.params.message === "Dostawa w 2 dni robocze!")!;
    expect(String(comment.params.id)).toMatch(/_/);
    const privateReplies = sim.state
      .callsOf("facebook", "POST /{id}/messages")
      .filter((c) => (c.params.recipient as { comment_id?: string }).comment_id);
    expect(privateReplies).toHaveLength(2);
    // Meta allows one private reply per comment: the second is refused and the agent sees why.
    expect(items.find((m) => m.text === "Second private reply")).toMatchObject({
      deliveryStatus: "failed",
      deliveryError: expect.stringMatching(/Activity already replied to/),
    });
  });

  it("takes Messenger messages into a private chat, names the customer, and answers with RESPONSE", async () => {
    await sim.facebook.act(PAGE_A.pageId, {
      person: { id: 5552, firstName: "Anna", lastName: "Kowalska", languageCode: "pl" },
      text: "Czy mogę zwrócić telewizor?",
      visibility: "private",
    });
    const conversation = await conversationWith("zwrócić telewizor");
    expect(conversation.visibility).toBe("private");
    await waitFor(
      async () =>
        (await api.get(`/api/conversations/${conversation.id}`)).body.contact.displayName === "Anna Kowalska",
      15_000,
      "the profile name",
    );
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Tak, w ciągu 30 dni.",
      visibility: "private",
    });
    await waitFor(
      async () =>
        sim.state
          .callsOf("facebook", "POST /{id}/messages")
          .some((c) => (c.params.message as { text?: string }).text === "Tak, w ciągu 30 dni."),
      15_000,
      "the send",
    );
    const call = sim.state
      .callsOf("facebook", "POST /{id}/messages")
      .find((c) => (c.params.message as { text?: string }).text === "Tak, w ciągu 30 dni.")!;
    expect(call.params).toMatchObject({
      id: PAGE_A.pageId,
      messaging_type: "RESPONSE",
      recipient: { id: "5552" },
    });
  });

  it("routes a batch with entries for two pages to their own channels and sets aside an unknown page", async () => {
    const now = Math.floor(Date.now() / 1000);
    const change = (pageId: string, commentId: string, text: string) => ({
      id: pageId,
      time: now,
      changes: [
        {
          field: "feed",
          value: {
            item: "comment",
            verb: "add",
            comment_id: commentId,
            parent_id: `${pageId}_9`,
            post_id: `${pageId}_9`,
            message: text,
            sender_id: "7777",
            sender_name: "Old Format",
            created_time: now,
          },
        },
      ],
    });
    const res = await post({
      object: "page",
      entry: [
        change(PAGE_A.pageId, "9_1", "batch for A"),
        change(PAGE_B.pageId, "9_2", "batch for B"),
        change("999999", "9_3", "batch for nobody"),
      ],
    });
    expect(res.status).toBe(200);
    const forA = await conversationWith("batch for A");
    const forB = await conversationWith("batch for B");
    expect(forA.channel.name).toBe(PAGE_A.name);
    expect(forB.channel.name).toBe(PAGE_B.name);
    expect(forB.contact.displayName).toBe("Old Format");
    const problems = (await api.get("/api/inbound-problems")).body;
    expect(problems.unparsed.some((e: { error: string }) => /account 999999/.test(e.error))).toBe(true);
    expect((await api.get("/api/conversations?q=batch%20for%20nobody")).body.items).toHaveLength(0);
  });

  it("hides a rude comment and likes a kind one through the outbox, logged, and only supervisors delete", async () => {
    for (const [id, first, text] of [
      [6001, "Rude", "You are thieves, all of you"],
      [6002, "Kind", "Thank you for the fast delivery!"],
    ] as const)
      await sim.facebook.act(PAGE_A.pageId, {
        person: { id, firstName: first, lastName: "Commenter", languageCode: "en" },
        text,
        visibility: "public",
      });
    const rude = await conversationWith("You are thieves");
    const kind = await conversationWith("fast delivery");
    const firstMessage = async (conversationId: string) =>
      (await api.get(`/api/conversations/${conversationId}/messages`)).body.items[0];
    const rudeComment = await firstMessage(rude.id);
    const kindComment = await firstMessage(kind.id);
    expect(rude.moderation).toEqual(["hide", "unhide", "like", "unlike", "delete"]);

    const hide = await api.post(`/api/conversations/${rude.id}/messages/${rudeComment.id}/moderation`, {
      operation: "hide",
    });
    expect(hide.status).toBe(202);
    expect(hide.body.message.moderationPending).toBe("hide");
    await api.post(`/api/conversations/${kind.id}/messages/${kindComment.id}/moderation`, {
      operation: "like",
    });
    await waitFor(async () => (await firstMessage(rude.id)).hiddenAt !== null, 15_000, "the hide");
    await waitFor(async () => (await firstMessage(kind.id)).likedAt !== null, 15_000, "the like");
    expect(await firstMessage(rude.id)).toMatchObject({ moderationPending: null, moderationError: null });
    expect(
      sim.state.callsOf("facebook", "POST /{id}").filter((c) => c.params.id === rudeComment.externalId),
    ).toEqual([expect.objectContaining({ params: { id: rudeComment.externalId, is_hidden: true } })]);
    expect(sim.state.callsOf("facebook", "POST /{id}/likes").map((c) => c.params.id)).toContain(
      kindComment.externalId,
    );

    // An agent may hide but never delete a customer's words.
    await api.post("/api/users", {
      email: "fb-agent@example.test",
      name: "FB Agent",
      role: "agent",
      password: "agent-password-9",
      teamIds: [],
    });
    await api.post(`/api/conversations/${rude.id}/assign`, {
      assigneeId: (await api.get("/api/users")).body.items.find(
        (u: { email: string }) => u.email === "fb-agent@example.test",
      ).id,
    });
    const agent = await ApiClient.login(app.url, "fb-agent@example.test", "agent-password-9");
    const refused = await agent.post(`/api/conversations/${rude.id}/messages/${rudeComment.id}/moderation`, {
      operation: "delete",
    });
    expect(refused.status).toBe(403);
    // Moderating a private message or an unknown operation is refused with a clear error.
    expect(
      (
        await api.post(`/api/conversations/${rude.id}/messages/${rudeComment.id}/moderation`, {
          operation: "pin",
        })
      ).status,
    ).toBe(400);

    const log = (await app.parley.database.db.execute(
      sql`SELECT action FROM audit_log WHERE target_id = ${rudeComment.id} ORDER BY id`,
    )) as unknown as { rows: { action: string }[] };
    expect(log.rows.map((r) => r.action)).toEqual(["moderation.requested", "moderation.hide"]);
  });

  it("marks hides done in Facebook's own app from the feed webhook", async () => {
    await sim.facebook.act(PAGE_A.pageId, {
      person: { id: 6003, firstName: "Spam", lastName: "Bot", languageCode: "en" },
      text: "Cheap followers at spam.example",
      visibility: "public",
    });
    const spam = await conversationWith("Cheap followers");
    const [comment] = (await api.get(`/api/conversations/${spam.id}/messages`)).body.items;
    const now = Math.floor(Date.now() / 1000);
    await sim.facebook.deliverRaw(
      PAGE_A.pageId,
      sim.facebook.feedChange(PAGE_A.pageId, {
        item: "comment",
        verb: "hide",
        comment_id: comment.externalId,
        post_id: spam.post.externalId,
        created_time: now,
      }),
    );
    await waitFor(
      async () => (await api.get(`/api/conversations/${spam.id}/messages`)).body.items[0].hiddenAt !== null,
      15_000,
      "hidden state",
    );
  });

  it("publishes a page post through the outbox and lists it with its platform id", async () => {
    const channel = (await api.get("/api/channels")).body.items.find(
      (c: { name: string }) => c.name === PAGE_A.name,
    );
    expect(channel.capabilities.publishing).toBe(true);
    const queued = await api.post(`/api/channels/${channel.id}/posts`, {
      text: "Pickup points open on Sunday",
    });
    expect(queued.status).toBe(202);
    const published = await waitFor(
      async () => {
        const [latest] = (await api.get(`/api/channels/${channel.id}/posts`)).body.items;
        return latest?.status === "delivered" ? latest : null;
      },
      15_000,
      "the post",
    );
    expect(published.externalId).toMatch(new RegExp(`^${PAGE_A.pageId}_`));
    expect(sim.state.callsOf("facebook", "POST /{id}/feed")).toEqual([
      expect.objectContaining({ params: { id: PAGE_A.pageId, message: "Pickup points open on Sunday" } }),
    ]);
    expect((await api.post(`/api/channels/${channel.id}/posts`, { text: "  " })).status).toBe(422);
  });

  it("holds the channel for re-authorisation on error 190; a new token sends the waiting reply once", async () => {
    await sim.facebook.act(PAGE_B.pageId, {
      person: { id: 6004, firstName: "Ieva", lastName: "Ozola", languageCode: "lv" },
      text: "Kad būs piegāde uz Rīgu?",
      visibility: "public",
    });
    const conversation = await conversationWith("piegāde uz Rīgu");
    sim.state.injectFault({
      platform: "facebook",
      method: "POST /{id}/comments",
      kind: "error",
      errorCode: 190,
    });
    await api.post(`/api/conversations/${conversation.id}/messages`, { text: "Rīt!", visibility: "public" });
    // The reply is not lost: it waits for the channel, with the platform's reason beside it.
    const waiting = await waitFor(
      async () =>
        (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items.find(
          (m: { text: string; deliveryStatus: string; deliveryError: string | null }) =>
            m.text === "Rīt!" && m.deliveryStatus === "queued" && m.deliveryError,
        ),
      15_000,
      "the reply waiting for the channel",
    );
    expect(waiting.deliveryError).toMatch(/Facebook error 190: Error validating access token/);
    const channelOf = async () =>
      (await api.get("/api/channels")).body.items.find((c: { name: string }) => c.name === PAGE_B.name);
    expect(await channelOf()).toMatchObject({
      status: "needs_reauth",
      statusReason: expect.stringMatching(/190/),
    });

    // The admin pastes a new token; the other secrets stay as they were and are never shown.
    sim.facebook.addPage({
      ...PAGE_B,
      accessToken: "page-b-token-new",
      appSecret: APP.appSecret,
      webhookUrl,
    });
    const patched = await api.request("PATCH", `/api/channels/${(await channelOf()).id}`, {
      settings: { accessToken: "page-b-token-new" },
    });
    expect(patched.status).toBe(200);
    expect(await channelOf()).toMatchObject({ status: "active", statusReason: null });
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Rīt no rīta!",
      visibility: "public",
    });
    for (const text of ["Rīt!", "Rīt no rīta!"])
      await waitFor(
        async () =>
          (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items.some(
            (m: { text: string; deliveryStatus: string }) =>
              m.text === text && m.deliveryStatus === "delivered",
          ),
        15_000,
        `"${text}" delivered with the new token`,
      );
    const sent = sim.state.callsOf("facebook", "POST /{id}/comments").filter((c) => c.outcome === "ok");
    expect(sent.filter((c) => c.params.message === "Rīt!")).toHaveLength(1);
  });

  it("turns Messenger's read watermark into read state on the page's replies", async () => {
    await sim.facebook.act(PAGE_A.pageId, {
      person: { id: 6005, firstName: "Jānis", lastName: "Bērziņš", languageCode: "lv" },
      text: "Vai varu mainīt izmēru?",
      visibility: "private",
    });
    const conversation = await conversationWith("mainīt izmēru");
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Jā, protams.",
      visibility: "private",
    });
    await waitFor(
      async () =>
        (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items.some(
          (m: { deliveryStatus: string }) => m.deliveryStatus === "delivered",
        ),
      15_000,
      "delivery",
    );
    const res = await post({
      object: "page",
      entry: [
        {
          id: PAGE_A.pageId,
          time: Date.now(),
          messaging: [
            {
              sender: { id: "6005" },
              recipient: { id: PAGE_A.pageId },
              timestamp: Date.now() + 1000,
              read: { watermark: Date.now() + 1000 },
            },
          ],
        },
      ],
    });
    expect(res.status).toBe(200);
    await waitFor(
      async () =>
        (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items.some(
          (m: { text: string; deliveryStatus: string }) =>
            m.text === "Jā, protams." && m.deliveryStatus === "read",
        ),
      15_000,
      "read state",
    );
  });

  it("puts referrals and handovers in the customer's thread as notes and tells admins of a policy block", async () => {
    await sim.facebook.act(PAGE_A.pageId, {
      person: { id: 6007, firstName: "Marta", lastName: "Kowal", languageCode: "pl" },
      text: "Czy macie rozmiar M?",
      visibility: "private",
    });
    const conversation = await conversationWith("rozmiar M");
    const at = Date.now();
    const messaging = [
      {
        sender: { id: "6007" },
        recipient: { id: PAGE_A.pageId },
        timestamp: at,
        referral: { ref: "size-guide", source: "SHORTLINK", type: "OPEN_THREAD" },
      },
      {
        sender: { id: "6007" },
        recipient: { id: PAGE_A.pageId },
        timestamp: at + 1,
        pass_thread_control: { new_owner_app_id: "42", metadata: "to the sales bot" },
      },
      // The first tap of Get Started by a new person, with no mid, opens their conversation.
      {
        sender: { id: "6008" },
        recipient: { id: PAGE_A.pageId },
        timestamp: at + 2,
        postback: { title: "Get Started", payload: "GET_STARTED" },
      },
      {
        recipient: { id: PAGE_A.pageId },
        timestamp: at + 3,
        "policy-enforcement": { action: "block", reason: "spam" },
      },
    ];
    const body = { object: "page", entry: [{ id: PAGE_A.pageId, time: at, messaging }] };
    expect((await post(body)).status).toBe(200);
    // Meta repeats deliveries: the same notes are not added twice.
    expect((await post(body)).status).toBe(200);
    await waitFor(
      async () =>
        (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items.filter(
          (m: { direction: string }) => m.direction === "note",
        ).length === 2,
      15_000,
      "two notes",
    );
    const items = (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items as {
      direction: string;
      text: string;
      author: { name: string };
    }[];
    const notes = items.filter((m) => m.direction === "note");
    expect(notes.map((n) => n.text)).toEqual([
      "Came from shortlink, ref “size-guide”",
      expect.stringMatching(/passed to app 42/),
    ]);
    expect(notes[0]!.author.name).toBe("facebook (platform)");
    // Notes are context, not the customer's words: the conversation still previews what the customer wrote.
    const after = (await api.get(`/api/conversations/${conversation.id}`)).body;
    expect(after.lastMessagePreview).toBe("Czy macie rozmiar M?");
    const started = await conversationWith("Get Started");
    expect(started.contact.displayName).toBeTruthy();
    await waitFor(
      async () =>
        (await api.get("/api/notifications")).body.items.some(
          (n: { kind: string; text: string }) =>
            n.kind === "channel.messenger.policy_enforcement" && /block — spam/.test(n.text),
        ),
      15_000,
      "policy notice",
    );
    const notices = (await api.get("/api/notifications")).body.items.filter(
      (n: { kind: string }) => n.kind === "channel.messenger.policy_enforcement",
    );
    expect(notices).toHaveLength(1);
  });

  it("reads back the words of a mention Meta sent as bare ids, and names who wrote it", async () => {
    await sim.facebook.mentionInComment(
      PAGE_A.pageId,
      { id: "6010", name: "Rūta Ozola" },
      "@Nordmart kāpēc mans pasūtījums vēl nav atnācis?",
    );
    const conversation = await conversationWith("pasūtījums vēl nav atnācis");
    expect(conversation).toMatchObject({ visibility: "public", contact: { displayName: "Rūta Ozola" } });
    const [mention] = (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items;
    expect(mention.text).toBe("@Nordmart kāpēc mans pasūtījums vēl nav atnācis?");
  });

  it("keeps a broken item of a batch for admins and lets the rest of the batch through", async () => {
    const now = Math.floor(Date.now() / 1000);
    const res = await post({
      object: "page",
      entry: [
        {
          id: PAGE_A.pageId,
          time: now,
          changes: [{ field: "feed", value: { item: "comment", verb: "add" } }],
        },
        {
          id: PAGE_A.pageId,
          time: now,
          changes: [
            {
              field: "feed",
              value: {
                item: "comment",
                verb: "add",
                comment_id: "77_1",
                post_id: `${PAGE_A.pageId}_77`,
                parent_id: `${PAGE_A.pageId}_77`,
                message: "the healthy half of the batch",
                from: { id: "6006", name: "Healthy Half" },
                created_time: now,
              },
            },
          ],
        },
      ],
    });
    expect(res.status).toBe(200);
    await conversationWith("healthy half of the batch");
    const problems = (await api.get("/api/inbound-problems")).body;
    expect(problems.unparsed.some((e: { error: string }) => /comment_id or post_id/.test(e.error))).toBe(
      true,
    );
  });

  it("takes a storm of comments under one post: one post, each top-level comment a conversation under it", async () => {
    const now = Math.floor(Date.now() / 1000);
    const postId = `${PAGE_A.pageId}_950`;
    const comment = (n: number) => ({
      field: "feed",
      value: {
        item: "comment",
        verb: "add",
        comment_id: `950_${n}`,
        post_id: postId,
        parent_id: postId,
        // Only the first change carries the post itself; the others name it.
        ...(n === 1
          ? { post: { id: postId, message: "Flash sale tonight", permalink_url: "https://fb.test/950" } }
          : {}),
        message: `Storm comment ${n}: is the flash sale on in Riga too?`,
        from: { id: String(7000 + n), name: `Storm Person ${n}` },
        created_time: now + n,
      },
    });
    const comments = Array.from({ length: 30 }, (_, i) => comment(i + 1));
    const res = await post({ object: "page", entry: [{ id: PAGE_A.pageId, time: now, changes: comments }] });
    expect(res.status).toBe(200);
    const db = app.parley.database.db;
    const under = await waitFor(
      async () => {
        const result = (await db.execute(sql`
          SELECT p.text, p.permalink, count(c.id)::int AS conversations, count(DISTINCT c.contact_id)::int AS people
          FROM posts p JOIN conversations c ON c.post_id = p.id
          WHERE p.external_id = ${postId} GROUP BY p.id`)) as unknown as {
          rows: { text: string; permalink: string; conversations: number; people: number }[];
        };
        return result.rows.length === 1 && result.rows[0]!.conversations === 30 ? result.rows[0] : null;
      },
      20_000,
      "thirty conversations under the post",
    );
    expect(under).toEqual({
      text: "Flash sale tonight",
      permalink: "https://fb.test/950",
      conversations: 30,
      people: 30,
    });
  });
});
