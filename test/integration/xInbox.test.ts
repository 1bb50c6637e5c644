import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xSignature } from "../../src/channels/x/xWebhook.ts";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { xUserIdOf } from "../../src/simulator/x/fakeXApi.ts";
import { ApiClient } from "../support/apiClient.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const BRAND = { accountId: "1800000000000000001", username: "nordmart", name: "Nordmart" };
const CONSUMER_SECRET = "x-consumer-secret-for-tests";
const anna = {
  id: 501,
  firstName: "Анна",
  lastName: "Петрова",
  username: "anna_p",
  languageCode: "ru" as const,
};
const piotr = {
  id: 502,
  firstName: "Piotr",
  lastName: "Nowak",
  username: "pnowak",
  languageCode: "pl" as const,
};

interface ConversationView {
  id: string;
  contact: { displayName: string };
  visibility: string;
}
interface MessageView {
  id: string;
  direction: string;
  text: string;
  externalId: string | null;
  deliveryStatus: string;
  editedAt: string | null;
  moderationPending: string | null;
}

describe.each(dbTargets())("X inbox on $name", (target) => {
  let sim: RunningSimulator;
  let app: TestParley;
  let api: ApiClient;
  let channel: { id: string; webhookUrl: string };
  const rows = async <T>(statement: ReturnType<typeof sql>) =>
    ((await app.parley.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
  const conversationOf = (name: string) =>
    waitFor(
      async () =>
        ((await api.get("/api/conversations")).body.items as ConversationView[]).find(
          (c) => c.contact.displayName === name,
        ),
      20_000,
      `${name}'s conversation`,
    );
  const messagesOf = async (conversationId: string) =>
    (await api.get(`/api/conversations/${conversationId}/messages`)).body.items as MessageView[];

  beforeAll(async () => {
    // A keep-alive every 200 ms, and a stream that drops after every second post, as X does now and then.
    sim = await startSimulator({ port: 0, x: { keepAliveMs: 200, dropEveryPosts: 2 } });
    app = await startTestParley(target, {
      workerOptions: { streams: { rescanMs: 300, leaseSeconds: 6, rulesEveryMs: 2_000, keepAliveMs: 3_000 } },
    });
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    sim.x.addAccount({ ...BRAND, tokens: ["app-bearer-token"] });
    const topic = await api.post("/api/listening/topics", {
      name: "Winter range",
      kind: "product",
      query: '"winter coat" OR parka NOT lidl',
    });
    expect(topic.status).toBe(201);
    // The stored access token has expired: the first user call refreshes it with the (one-use) refresh token.
    sim.x.state.refreshTokens.set("refresh-1", BRAND.accountId);
    const created = await api.post("/api/channels", {
      platform: "x",
      name: "X @nordmart",
      settings: {
        accountId: BRAND.accountId,
        username: BRAND.username,
        mentions: "stream",
        directMessages: "webhook",
        backfillMinutes: 1,
        clientId: "client-1",
        accessToken: "expired-token",
        accessTokenExpiresAt: "2020-01-01T00:00:00.000Z",
        refreshToken: "refresh-1",
        consumerKey: "consumer-key",
        consumerSecret: CONSUMER_SECRET,
        bearerToken: "app-bearer-token",
      },
      apiBaseUrl: sim.url,
    });
    expect(created.status).toBe(201);
    channel = created.body;
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("keeps the stream rules in step with the account, then turns a mention into a ticket", async () => {
    await waitFor(async () => sim.x.state.streamConnections === 1, 20_000, "the stream connected");
    expect(sim.x.state.rules.map((r) => r.value)).toContain("(@nordmart OR to:nordmart) -is:retweet");
    sim.x.post(anna, "@nordmart где мой заказ? Уже неделю жду доставку");
    const conversation = await conversationOf("Анна Петрова");
    expect(conversation.visibility).toBe("public");
    const [message] = await messagesOf(conversation.id);
    expect(message).toMatchObject({
      direction: "in",
      text: "@nordmart где мой заказ? Уже неделю жду доставку",
    });
    // 64-bit ids stay exact strings all the way to the API.
    const [identity] = await rows<{ external_id: string }>(
      sql`SELECT external_id FROM contact_identities WHERE platform = 'x' AND display_name = 'Анна Петрова'`,
    );
    expect(identity?.external_id).toBe(xUserIdOf(anna.id));
  });

  it("keeps a captured post that does not address the brand out of the inbox, for listening only", async () => {
    await waitFor(
      async () => sim.x.state.rules.some((r) => r.value === '("winter coat" OR parka) -is:retweet'),
      20_000,
      "the topic's rule",
    );
    await waitFor(async () => sim.x.state.streamConnections === 1, 20_000, "the stream connected");
    // The negated term narrows the topic; it is no rule of its own.
    expect(sim.x.state.rules.some((r) => r.value.includes("lidl"))).toBe(false);
    const olga = { id: 503, firstName: "Olga", lastName: "Ozola", languageCode: "lv" as const };
    // Neither a question nor a complaint: listening's triage records it and leaves it out of the inbox.
    const captured = sim.x.post(olga, "Šodien nopirku jaunu winter coat, ļoti silts un skaists!");
    const listened = () =>
      rows<{ in_inbox: boolean; mentions: number }>(
        sql`SELECT c.in_inbox, (SELECT count(*)::int FROM mentions mn WHERE mn.message_id = m.id) AS mentions
          FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.external_id = ${captured.id}`,
      );
    await waitFor(async () => (await listened())[0]?.mentions === 1, 20_000, "the listening mention");
    const [decided] = await rows<{ decision: string }>(
      sql`SELECT mn.decision FROM mentions mn JOIN messages m ON m.id = mn.message_id WHERE m.external_id = ${captured.id}`,
    );
    expect(decided!.decision).toBe("record");
    expect((await listened())[0]!.in_inbox).toBe(false);
    const inbox = (await api.get("/api/conversations")).body.items as ConversationView[];
    expect(inbox.some((c) => c.contact.displayName === "Olga Ozola")).toBe(false);
  });

  it("reconnects after the stream drops, with a backfill whose replays are stored once", async () => {
    const before = sim.state.callsOf("x", "GET /2/tweets/search/stream").length;
    const first = sim.x.post(piotr, "@nordmart kiedy wróci promocja?");
    // The second post ends the connection (dropEveryPosts: 2); the reconnect replays both with backfill_minutes.
    sim.x.post(piotr, "@nordmart halo?");
    await waitFor(
      async () => sim.state.callsOf("x", "GET /2/tweets/search/stream").length > before,
      20_000,
      "a reconnect",
    );
    const reconnect = sim.state.callsOf("x", "GET /2/tweets/search/stream").at(-1)!;
    expect(reconnect.params.backfill_minutes).toBe("1");
    // Each post starts an X conversation of its own: two cases of Piotr's, one message each.
    const piotrsMessages = () =>
      rows<{ external_id: string }>(
        sql`SELECT m.external_id FROM messages m JOIN contact_identities ci ON ci.id = m.author_identity_id
          WHERE ci.display_name = 'Piotr Nowak'`,
      );
    await waitFor(async () => (await piotrsMessages()).length >= 2, 20_000, "both posts");
    await waitFor(async () => sim.x.state.streamConnections === 1, 20_000, "the stream back");
    // A live post after the reconnect comes through the new connection.
    const later = sim.x.post(piotr, "@nordmart jestem tutaj");
    await waitFor(async () => (await piotrsMessages()).length >= 3, 20_000, "the post after the reconnect");
    const ids = (await piotrsMessages()).map((m) => m.external_id);
    expect(ids.filter((id) => id === first.id)).toHaveLength(1);
    expect(ids).toContain(later.id);
    expect(ids).toHaveLength(3);
    const health = (await api.get(`/api/channels/${channel.id}/health`)).body as {
      findings: { key: string }[];
    };
    expect(health.findings.map((f) => f.key)).toContain("stream_connected");
  });

  it("keeps an edited post as one message with the newer text, marked edited", async () => {
    // A new post of Anna's is a new X conversation, so a case of its own.
    const original = sim.x.post(anna, "@nordmart заказ 4521 не пришёл");
    const versions = () =>
      rows<{ text: string; edited_at: Date | null }>(
        sql`SELECT text, edited_at FROM messages WHERE external_id = ${original.id}`,
      );
    await waitFor(async () => (await versions()).length === 1, 20_000, "the original");
    sim.x.edit(original.id, "@nordmart заказ 4521 не пришёл, трек не обновляется");
    await waitFor(async () => (await versions())[0]?.edited_at, 20_000, "the edit");
    const stored = await versions();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.text).toContain("трек не обновляется");
  });

  it("answers in public through the outbox once, with a refreshed token stored sealed", async () => {
    const conversation = await conversationOf("Анна Петрова");
    const text = "Анна, проверили: заказ 4521 передан курьеру сегодня.";
    const sent = await api.post(`/api/conversations/${conversation.id}/messages`, {
      text,
      visibility: "public",
    });
    expect([201, 202]).toContain(sent.status);
    await waitFor(
      async () =>
        (await messagesOf(conversation.id)).find((m) => m.text === text)?.deliveryStatus === "delivered",
      20_000,
      "the reply delivered",
    );
    const posts = sim.state.callsOf("x", "POST /2/tweets").filter((c) => c.params.text === text);
    expect(posts).toHaveLength(1);
    expect((posts[0]!.params.reply as { in_reply_to_tweet_id: string }).in_reply_to_tweet_id).toMatch(
      /^\d{19}$/,
    );
    expect(sim.state.callsOf("x", "POST /2/oauth2/token")).toHaveLength(1);
    const [row] = await rows<{ secrets_encrypted: string }>(
      sql`SELECT secrets_encrypted FROM channels WHERE id = ${channel.id}`,
    );
    expect(row!.secrets_encrypted).not.toContain("refresh-1");
    expect(sim.x.state.refreshTokens.has("refresh-1")).toBe(false);
  });

  it("answers the CRC, stores a signed DM, and refuses a forged signature storing nothing", async () => {
    const crc = await fetch(`${channel.webhookUrl}?crc_token=challenge-1`);
    expect(crc.status).toBe(200);
    expect(await crc.json()).toEqual({ response_token: xSignature(CONSUMER_SECRET, "challenge-1") });
    const body = JSON.stringify({
      for_user_id: BRAND.accountId,
      direct_message_events: [
        {
          type: "message_create",
          id: "1900000000000000777",
          created_timestamp: String(Date.now()),
          message_create: {
            target: { recipient_id: BRAND.accountId },
            sender_id: "9007199254749999",
            message_data: { text: "Hi, my parcel never arrived" },
          },
        },
      ],
      users: { "9007199254749999": { id: "9007199254749999", name: "Emma Stone", screen_name: "emma_s" } },
    });
    const stored = async () =>
      (
        await rows<{
          n: number;
        }>(sql`SELECT (SELECT count(*) FROM raw_events) + (SELECT count(*) FROM rejected_webhooks)
          + (SELECT count(*) FROM conversations) AS n`)
      )[0]!.n;
    const before = await stored();
    const knock = (signature?: string) =>
      fetch(channel.webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(signature ? { "x-twitter-webhooks-signature": signature } : {}),
        },
        body,
      });
    expect((await knock()).status).toBe(401);
    expect((await knock(xSignature("forged-secret", body))).status).toBe(403);
    expect((await knock(xSignature(CONSUMER_SECRET, `${body} `))).status).toBe(403);
    expect(Number(await stored())).toBe(Number(before));
    expect((await knock(xSignature(CONSUMER_SECRET, body))).status).toBe(200);
    const dm = await conversationOf("Emma Stone");
    expect(dm.visibility).toBe("private");
  });

  it("hides and likes a customer's post through the outbox", async () => {
    const conversation = await conversationOf("Piotr Nowak");
    const [message] = await messagesOf(conversation.id);
    // One moderation at a time per post: the like is asked for once the hide has gone out.
    for (const [operation, call] of [
      ["hide", "PUT /2/tweets/:id/hidden"],
      ["like", "POST /2/users/:id/likes"],
    ] as const) {
      const queued = await api.post(
        `/api/conversations/${conversation.id}/messages/${message!.id}/moderation`,
        { operation },
      );
      expect(queued.status).toBe(202);
      await waitFor(
        async () =>
          sim.state.callsOf("x", call).length === 1 &&
          !(await messagesOf(conversation.id)).find((m) => m.id === message!.id)?.moderationPending,
        20_000,
        `the ${operation}`,
      );
    }
    expect(sim.x.state.hidden.has(message!.externalId!)).toBe(true);
    expect(sim.state.callsOf("x", "POST /2/users/:id/likes")[0]!.params).toMatchObject({
      id: BRAND.accountId,
      tweet_id: message!.externalId,
    });
  });

  it("pauses the channel on a usage cap without retrying, and says so on the health page", async () => {
    sim.x.state.usageCapped = true;
    const conversation = await conversationOf("Piotr Nowak");
    const text = "Piotr, promocja wraca w piątek.";
    await api.post(`/api/conversations/${conversation.id}/messages`, { text, visibility: "public" });
    await waitFor(
      async () => (await api.get(`/api/channels/${channel.id}/health`)).body.channel?.status === "paused",
      20_000,
      "the channel paused",
    );
    const health = (await api.get(`/api/channels/${channel.id}/health`)).body as {
      findings: { key: string; data?: Record<string, unknown> }[];
    };
    const capped = health.findings.find((f) => f.key === "paused_usage_capped");
    expect(capped?.data).toMatchObject({ reason: "usage_capped", lastError: "X usage cap" });
    expect(Date.parse(String(capped?.data?.until))).toBeGreaterThan(Date.now() + 60_000);
    // Not retried blindly: one attempt, and the reply waits in the outbox.
    expect(sim.x.state.cappedCalls.filter((call) => call === "POST /2/tweets")).toHaveLength(1);
    const [waiting] = await rows<{ status: string }>(
      sql`SELECT o.status FROM outbox o JOIN messages m ON m.id = o.message_id WHERE m.text = ${text}`,
    );
    expect(waiting!.status).toBe("pending");
  });
});

describe.each(dbTargets())("X mentions and DMs by polling on $name", (target) => {
  let sim: RunningSimulator;
  let app: TestParley;
  let api: ApiClient;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    app = await startTestParley(target);
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    sim.x.addAccount({ ...BRAND, tokens: ["user-token"] });
    sim.x.brandPost(BRAND.username, "Nowa kolekcja już w sklepach!");
    const created = await api.post("/api/channels", {
      platform: "x",
      name: "X polling",
      settings: {
        accountId: BRAND.accountId,
        username: BRAND.username,
        pollIntervalSeconds: 1,
        clientId: "client-1",
        accessToken: "user-token",
        accessTokenExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
      apiBaseUrl: sim.url,
    });
    expect(created.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("reads replies under the brand's post with since_id, and DMs, each once", async () => {
    await sim.x.act(BRAND.username, { person: piotr, text: "Kiedy wróci promocja?", visibility: "public" });
    sim.x.dm(BRAND.username, anna, "Здравствуйте, хочу вернуть товар");
    const list = async () => (await api.get("/api/conversations")).body.items as ConversationView[];
    await waitFor(async () => (await list()).length === 2, 20_000, "two conversations");
    const calls = sim.state.callsOf("x", "GET /2/users/:id/mentions");
    await waitFor(
      async () => sim.state.callsOf("x", "GET /2/users/:id/mentions").length > calls.length + 1,
      20_000,
      "later polls",
    );
    expect(sim.state.callsOf("x", "GET /2/users/:id/mentions").at(-1)!.params.since_id).toMatch(/^\d{19}$/);
    const [counted] = (
      (await app.parley.database.db.execute(
        sql`SELECT count(*)::int AS n FROM messages WHERE channel_id IS NOT NULL`,
      )) as unknown as { rows: { n: number }[] }
    ).rows;
    expect(counted!.n).toBe(2);
    const reply = (await list()).find((c) => c.contact.displayName === "Piotr Nowak")!;
    const post = (await api.get(`/api/conversations/${reply.id}`)).body as {
      post?: { text?: string } | null;
    };
    expect(JSON.stringify(post)).toContain("Nowa kolekcja");
  });

  it("connects an account with OAuth 2.0 and PKCE: consent, callback, tokens sealed; a forged state changes nothing", async () => {
    const created = await api.post("/api/channels", {
      platform: "x",
      name: "X to connect",
      settings: {
        accountId: "1800000000000000002",
        username: "nordmart_lv",
        directMessages: "off",
        clientId: "client-2",
      },
      apiBaseUrl: sim.url,
    });
    expect(created.status).toBe(201);
    sim.x.addAccount({
      accountId: "1800000000000000002",
      username: "nordmart_lv",
      name: "Nordmart LV",
      tokens: [],
    });
    const started = await api.post(`/api/channels/${created.body.id}/x/authorize`, {});
    expect(started.status).toBe(200);
    const consent = new URL(started.body.authorizeUrl as string);
    expect(consent.searchParams.get("code_challenge_method")).toBe("S256");
    expect(consent.searchParams.get("scope")).toContain("offline.access");
    const secrets = async () =>
      (
        (await app.parley.database.db.execute(
          sql`SELECT secrets_encrypted FROM channels WHERE id = ${created.body.id}`,
        )) as unknown as { rows: { secrets_encrypted: string }[] }
      ).rows[0]!.secrets_encrypted;
    const forged = await fetch(`${app.url}/oauth/x/callback?code=abc&state=${created.body.id}.forged`);
    expect(forged.status).toBe(409);
    const before = await secrets();
    // X's consent page sends the browser back to Parley's callback with a code.
    const back = await fetch(consent, { redirect: "manual" });
    const callback = back.headers.get("location")!;
    expect(callback.startsWith(`${app.url}/oauth/x/callback?`)).toBe(true);
    const landed = await fetch(callback, { redirect: "manual" });
    expect(landed.status).toBe(302);
    expect(await secrets()).not.toBe(before);
    const listed = (await api.get("/api/channels")).body.items.find(
      (c: { id: string }) => c.id === created.body.id,
    );
    expect(listed.secretsSet).toEqual(
      expect.arrayContaining(["accessToken", "refreshToken", "accessTokenExpiresAt"]),
    );
    expect(listed.secretsSet).not.toContain("pkceVerifier");
    // The same callback again: the attempt is spent.
    expect((await fetch(callback, { redirect: "manual" })).status).toBe(409);
  });
});
