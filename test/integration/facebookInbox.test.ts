import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "../../src/channels/meta/metaWebhook.ts";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
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
  const post = (body: unknown, signature?: string) => {
    const raw = JSON.stringify(body);
    return fetch(webhookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signature ?? signMetaBody(raw, APP.appSecret),
      },
      body: raw,
    });
  };
  const conversationWith = (q: string) =>
    waitFor(
      async () => (await api.get(`/api/conversations?q=${encodeURIComponent(q)}`)).body.items[0],
      15_000,
      `conversation "${q}"`,
    );

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
    const ok = await fetch(
      `${webhookUrl}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${APP.verifyToken}`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    expect(
      (await fetch(`${webhookUrl}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=guess`)).status,
    ).toBe(403);
  });

  it("refuses a bad signature and stores nothing", async () => {
    const count = async () =>
      (
        (await app.parley.database.db.execute(sql`SELECT count(*)::int AS n FROM raw_events`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n;
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
});
