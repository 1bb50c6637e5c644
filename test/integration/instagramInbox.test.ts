import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "../../src/channels/meta/metaWebhook.ts";
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

const APP = { appId: "1234567890", appSecret: "instagram-app-secret", verifyToken: "meta-verify-token" };
const ACCOUNT_A = {
  accountId: "17841405726653026",
  username: "nordmart",
  accessToken: "ig-a-token-123",
  loginModel: "facebook" as const,
};
const ACCOUNT_B = {
  accountId: "17841400000000002",
  username: "nordmart.outlet",
  accessToken: "ig-b-token-456",
  loginModel: "instagram" as const,
};

interface ListedMessage {
  id: string;
  text: string;
  direction: string;
  deliveryStatus: string;
  deliveryError: string | null;
}

describe.each(dbTargets())("Instagram comments, mentions and direct messages on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  let webhookUrl: string;
  const post = (body: unknown, signature?: string) =>
    postMetaWebhook(webhookUrl, APP.appSecret, body, signature);
  const conversationWith = (q: string) => conversationMatching(api, q);
  const messagesOf = async (conversationId: string) =>
    (await api.get(`/api/conversations/${conversationId}/messages`)).body.items as ListedMessage[];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    app = await startTestParley(target);
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const account of [ACCOUNT_A, ACCOUNT_B]) {
      const created = await api.post("/api/channels", {
        platform: "instagram",
        name: `@${account.username}`,
        settings: {
          ...APP,
          accountId: account.accountId,
          accessToken: account.accessToken,
          loginModel: account.loginModel,
        },
        apiBaseUrl: sim.url,
      });
      expect(created.status).toBe(201);
      // One app, one callback URL: the first account's URL serves both accounts.
      webhookUrl ??= created.body.webhookUrl;
      sim.instagram.addAccount({ ...account, appSecret: APP.appSecret, webhookUrl });
    }
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("answers Meta's verification handshake only with the right verify token", async () => {
    await expectMetaHandshake(webhookUrl, APP.verifyToken);
  });

  it("refuses a bad or missing signature and stores nothing", async () => {
    const count = () => rawEventCount(app);
    const before = await count();
    const body = sim.instagram.change(ACCOUNT_A.accountId, "comments", {
      id: "1",
      from: { id: "2", username: "x" },
      text: "forged",
      media: { id: "3" },
    });
    expect((await post(body, "sha256=00")).status).toBe(403);
    expect((await post(body, signMetaBody(JSON.stringify(body), "not-the-app-secret"))).status).toBe(403);
    expect((await fetch(webhookUrl, { method: "POST", body: JSON.stringify(body) })).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it("threads a comment under its post, replies in public, then privately once", async () => {
    await sim.instagram.act(ACCOUNT_A.accountId, {
      person: {
        id: 6001001,
        firstName: "Olga",
        lastName: "Nowak",
        username: "olga.nowak",
        languageCode: "pl",
      },
      text: "Kiedy dostawa do Krakowa?",
      visibility: "public",
    });
    const conversation = await conversationWith("dostawa do Krakowa");
    expect(conversation).toMatchObject({
      visibility: "public",
      contact: { displayName: "olga.nowak" },
      replyOptions: { public: true, private: true },
      channel: { name: "@nordmart" },
    });
    // The webhook names the media only; its caption was fetched before the comment was stored.
    expect(conversation.post.text).toMatch(/Black Friday/);
    expect(conversation.post.permalink).toMatch(/^https:\/\/www\.instagram\.com\/p\//);
    for (const [text, visibility] of [
      ["Dostawa w 2 dni robocze!", "public"],
      ["Napiszę prywatnie w sprawie zamówienia.", "private"],
      ["Second private reply", "private"],
    ])
      await api.post(`/api/conversations/${conversation.id}/messages`, { text, visibility });
    const items = await waitFor(
      async () => {
        const list = await messagesOf(conversation.id);
        return list.filter((m) => ["delivered", "failed"].includes(m.deliveryStatus)).length >= 3
          ? list
          : null;
      },
      20_000,
      "three outcomes",
    );
    const reply = sim.state
      .callsOf("instagram", "POST /{id}/replies")
      .find((c) => c.params.message === "Dostawa w 2 dni robocze!")!;
    const inbound = items.find((m) => m.direction === "in")!;
    expect(inbound.text).toBe("Kiedy dostawa do Krakowa?");
    expect(reply).toBeDefined();
    const privateReplies = sim.state
      .callsOf("instagram", "POST /{id}/messages")
      .filter((c) => (c.params.recipient as { comment_id?: string }).comment_id);
    expect(privateReplies).toHaveLength(2);
    expect(privateReplies[0]!.params).toMatchObject({ id: ACCOUNT_A.accountId });
    // The public and the private reply both address the customer's comment.
    expect((privateReplies[0]!.params.recipient as { comment_id: string }).comment_id).toBe(
      String(reply.params.id),
    );
    // Instagram allows one private reply per comment: the second is refused and the agent sees why.
    expect(items.find((m) => m.text === "Second private reply")).toMatchObject({
      deliveryStatus: "failed",
      deliveryError: expect.stringMatching(/Activity already replied to/),
    });
    expect(items.find((m) => m.text === "Dostawa w 2 dni robocze!")?.deliveryStatus).toBe("delivered");
  });

  it("hides a comment through the moderation queue", async () => {
    await sim.instagram.act(ACCOUNT_A.accountId, {
      person: { id: 6001011, firstName: "Troll", username: "troll_42", languageCode: "en" },
      text: "Worst shop ever, spam spam",
      visibility: "public",
    });
    const conversation = await conversationWith("Worst shop ever");
    expect(conversation.moderation).toEqual(["hide", "unhide", "delete"]);
    const [comment] = await messagesOf(conversation.id);
    const queued = await api.post(
      `/api/conversations/${conversation.id}/messages/${comment!.id}/moderation`,
      {
        operation: "hide",
      },
    );
    expect(queued.status).toBe(202);
    const call = await waitFor(
      async () => sim.state.callsOf("instagram", "POST /{id}").find((c) => c.params.hide !== undefined),
      15_000,
      "the hide call",
    );
    expect(call.params.hide).toBe(true);
    expect(sim.instagram.isHidden(ACCOUNT_A.accountId, String(call.params.id))).toBe(true);
  });

  it("reads the Instagram Login shape and routes it to its own account's channel", async () => {
    await sim.instagram.act(ACCOUNT_B.accountId, {
      person: { id: 6001004, firstName: "Anna", username: "anna.k", languageCode: "pl" },
      text: "Czy outlet ma jeszcze lodówki?",
      visibility: "public",
    });
    const conversation = await conversationWith("outlet ma jeszcze");
    expect(conversation.channel.name).toBe("@nordmart.outlet");
    expect(conversation.visibility).toBe("public");
  });

  it("takes direct messages into a private chat, names the customer, and answers within the window", async () => {
    await sim.instagram.act(ACCOUNT_A.accountId, {
      person: {
        id: 6001006,
        firstName: "Anna",
        lastName: "Kowalska",
        username: "anna.kowalska",
        languageCode: "pl",
      },
      text: "Czy mogę zwrócić telewizor?",
      visibility: "private",
    });
    const conversation = await conversationWith("zwrócić telewizor");
    expect(conversation.visibility).toBe("private");
    expect(conversation.replyOptions).toEqual({ public: false, private: true });
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
    const call = await waitFor(
      async () =>
        sim.state
          .callsOf("instagram", "POST /{id}/messages")
          .find((c) => (c.params.message as { text?: string }).text === "Tak, w ciągu 30 dni."),
      15_000,
      "the send",
    );
    expect(call.params).toMatchObject({ id: ACCOUNT_A.accountId, recipient: { id: "6001006" } });
    expect(call.params.tag).toBeUndefined();
  });

  it("fetches a mention's text before storing it, and answers it through the mentions edge", async () => {
    const mention = await sim.instagram.mention(ACCOUNT_A.accountId, {
      person: { id: 6001020, firstName: "Jānis", username: "janis_ozols", languageCode: "lv" },
      caption: "Unboxing my new kettle",
      comment: "@nordmart the lid is broken, what now?",
    });
    expect(mention.status).toBe(200);
    expect(mention.payload).not.toHaveProperty("entry.0.changes.0.value.text");
    const conversation = await conversationWith("the lid is broken");
    expect(conversation).toMatchObject({ visibility: "public" });
    expect(conversation.post.text).toBe("Unboxing my new kettle");
    const [stored] = await messagesOf(conversation.id);
    expect(stored!.text).toBe("@nordmart the lid is broken, what now?");
    expect(
      sim.state
        .callsOf("instagram", "GET /{id}")
        .some((c) => String(c.params.fields).startsWith("mentioned_comment")),
    ).toBe(true);
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Sorry! Please DM us your order number.",
      visibility: "public",
    });
    const call = await waitFor(
      async () => sim.state.callsOf("instagram", "POST /{id}/mentions")[0],
      15_000,
      "the mention reply",
    );
    expect(call.params).toMatchObject({
      id: ACCOUNT_A.accountId,
      media_id: mention.mediaId,
      comment_id: mention.commentId,
      message: "Sorry! Please DM us your order number.",
    });
  });

  it("retries a mention whose text Instagram throttled, and keeps a placeholder when it is refused", async () => {
    sim.state.injectFault({ platform: "instagram", method: "GET /{id}", kind: "429" });
    const throttled = await sim.instagram.mention(ACCOUNT_A.accountId, {
      person: { id: 6001021, firstName: "Maria", username: "maria_l", languageCode: "lv" },
      caption: "My fridge",
      comment: "@nordmart the fridge hums all night",
    });
    const retried = await conversationWith("fridge hums all night");
    const [stored] = await messagesOf(retried.id);
    expect(stored!.text).toBe("@nordmart the fridge hums all night");
    const attempts = (await app.parley.database.db.execute(
      sql`SELECT attempts FROM raw_events WHERE dedup_key = ${`mentions:${throttled.mediaId}:${throttled.commentId}`} AND status = 'processed'`,
    )) as unknown as { rows: { attempts: number }[] };
    expect(attempts.rows[0]!.attempts).toBe(1);

    sim.state.injectFault({ platform: "instagram", method: "GET /{id}", kind: "error", errorCode: 100 });
    await sim.instagram.mention(ACCOUNT_A.accountId, {
      person: { id: 6001022, firstName: "Piotr", username: "piotr.w", languageCode: "pl" },
      caption: "Kettle again",
      comment: "@nordmart this text is never fetched",
    });
    const refused = await conversationWith("Mention in a comment (text unavailable)");
    expect(refused.visibility).toBe("public");
    expect((await api.get("/api/conversations?q=never%20fetched")).body.items).toHaveLength(0);
  });
});
