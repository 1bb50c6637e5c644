import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import type { RecordedCall } from "../../src/simulator/simulatorState.ts";
import { ApiClient } from "../support/apiClient.ts";
import { conversationMatching } from "../support/metaWebhookKit.ts";
import { connectFacebookPage, connectTelegramBot, connectVkCommunity } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const META_APP = { appId: "5550001112", appSecret: "limits-app-secret", verifyToken: "limits-verify" };
const PAGE = { pageId: "771000222", name: "Nordmart Limits", accessToken: "page-limits-token" };
const WABA = "102290129340777";
const NUMBER = { phoneNumberId: "106540352249999", displayPhoneNumber: "37120009999", name: "Limits WA" };
const VK = {
  groupId: 229_777_001,
  accessToken: "vk1.a.limits",
  secretKey: "vk-limits-secret",
  confirmationCode: "c0nf-limits",
  name: "VK community",
};

interface MessageItem {
  id: string;
  text: string;
  deliveryStatus: string;
  deliveryError: string | null;
}
interface ChannelItem {
  id: string;
  name: string;
  status: string;
  statusReason: string | null;
  pausedReason: string | null;
  pausedUntil: string | null;
  lastErrorStatus: string | null;
}

const at = (call: RecordedCall) => Date.parse(call.at);

/**
 * A platform's 429 with its wait and repeated 5xx answers, end to end through the simulator's fake APIs: no
 * request of the channel goes out before the platform's wait is over, a channel that keeps failing is
 * paused and resumed by its probe, a revoked token waits for an admin, and every reply arrives exactly once.
 */
describe.each(dbTargets())("Platform limits on $name", (target) => {
  let app: TestParley;
  /** On PostgreSQL a second worker process shares the database: the waits must hold across processes. */
  let secondWorker: TestParley | undefined;
  let sim: RunningSimulator;
  let api: ApiClient;

  const messagesOf = async (conversationId: string) =>
    (await api.get(`/api/conversations/${conversationId}/messages`)).body.items as MessageItem[];
  const delivered = (conversationId: string, text: string) =>
    waitFor(
      async () =>
        (await messagesOf(conversationId)).find((m) => m.text === text && m.deliveryStatus === "delivered"),
      40_000,
      `"${text}" delivered`,
    );
  const channelNamed = async (name: string) =>
    ((await api.get("/api/channels")).body.items as ChannelItem[]).find((c) => c.name === name)!;
  const outboxOf = async (messageId: string) =>
    (
      (await app.parley.database.db.execute(
        sql`SELECT status, attempts FROM outbox WHERE message_id = ${messageId}`,
      )) as unknown as { rows: { status: string; attempts: number }[] }
    ).rows[0]!;
  const reply = async (
    conversationId: string,
    text: string,
    visibility: "public" | "private" = "private",
  ) => {
    const posted = await api.post(`/api/conversations/${conversationId}/messages`, { text, visibility });
    expect(posted.status).toBe(202);
  };
  const notificationsOf = async (kind: string) =>
    (
      (await api.get("/api/notifications")).body.items as { kind: string; data: Record<string, unknown> }[]
    ).filter((n) => n.kind === kind);

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, maxPollSeconds: 1 });
    const workerOptions = {
      channelHealth: { failuresBeforePause: 3, firstPauseSeconds: 2, maxPauseSeconds: 4 },
      probeIntervalMs: 200,
    };
    app = await startTestParley(target, { workerOptions });
    if (app.config.databaseUrl)
      secondWorker = await startTestParley(target, {
        roles: ["worker"],
        databaseUrl: app.config.databaseUrl,
        // The same data directory holds the same secret key, so it can open the channels' credentials.
        dataDir: app.config.dataDir,
        workerOptions,
      });
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await secondWorker?.stop();
    await app?.stop();
    await sim?.stop();
  });

  it("sends nothing of a Telegram bot before the retry_after of its 429, then each reply exactly once", async () => {
    const bot = { token: "555000333:limits-token", username: "limits_help_bot", firstName: "Limits" };
    await connectTelegramBot(api, sim, bot, { name: "Limits bot", webhookSecret: "limits-secret_1" });
    for (const [id, text] of [
      [7301, "where is order 1?"],
      [7302, "where is order 2?"],
    ] as const)
      await sim.telegram.act(bot.token, {
        person: { id, firstName: `Limits${id}`, languageCode: "en" },
        text,
        visibility: "private",
      });
    const first = await conversationMatching(api, "order 1");
    const second = await conversationMatching(api, "order 2");
    sim.state.injectFault({
      platform: "telegram",
      method: "sendMessage",
      kind: "429",
      retryAfterSeconds: 2,
    });
    await reply(first.id, "first after the 429");
    const throttled = await waitFor(
      async () => sim.state.callsOf("telegram", "sendMessage").find((c) => c.outcome === "429"),
      15_000,
      "the 429",
    );
    // Written once the wait is recorded (the fake answers before Parley has stored it): it must wait too,
    // though it is another conversation.
    await waitFor(
      async () => (await channelNamed("Limits bot")).lastErrorStatus === "Telegram 429",
      15_000,
      "the recorded wait",
    );
    await reply(second.id, "second during the wait");
    await delivered(first.id, "first after the 429");
    await delivered(second.id, "second during the wait");

    const sends = sim.state.callsOf("telegram", "sendMessage");
    const textOf = (c: RecordedCall) => c.params.text;
    expect(sends.filter((c) => textOf(c) === "first after the 429").map((c) => c.outcome)).toEqual([
      "429",
      "ok",
    ]);
    expect(sends.filter((c) => textOf(c) === "second during the wait").map((c) => c.outcome)).toEqual(["ok"]);
    for (const later of sends.filter((c) => c.seq > throttled.seq))
      expect(at(later) - at(throttled)).toBeGreaterThanOrEqual(2000);
    const channel = await channelNamed("Limits bot");
    expect(channel).toMatchObject({ status: "active", lastErrorStatus: "Telegram 429" });
    // The platform took nothing: the wait did not cost the reply an attempt.
    const firstReply = (await messagesOf(first.id)).find((m) => m.text === "first after the 429")!;
    expect(await outboxOf(firstReply.id)).toEqual({ status: "delivered", attempts: 1 });
  });

  it("polls a bot again only after the Retry-After date of its 429", async () => {
    const bot = { token: "555000444:limits-polling", username: "limits_poll_bot", firstName: "Polled" };
    sim.telegram.addBot(bot);
    const created = await api.post("/api/channels", {
      platform: "telegram",
      name: "Limits polled bot",
      settings: { botToken: bot.token, webhookSecret: "limits-secret_2", mode: "polling" },
      apiBaseUrl: sim.url,
    });
    expect(created.status).toBe(201);
    await waitFor(async () => sim.state.callsOf("telegram", "getUpdates").length > 0, 15_000, "polling");
    // Only the header says how long: an HTTP-date eight seconds ahead (whole seconds, so at least seven), longer
    // than the poller's own pause after a failure.
    sim.state.injectFault({
      platform: "telegram",
      method: "getUpdates",
      kind: "429",
      retryAfterSeconds: 8,
      bodyHint: false,
      retryAfterHeader: "date",
    });
    const throttled = await waitFor(
      async () => sim.state.callsOf("telegram", "getUpdates").find((c) => c.outcome === "429"),
      15_000,
      "the throttled poll",
    );
    await sim.telegram.act(bot.token, {
      person: { id: 7401, firstName: "Polly", languageCode: "en" },
      text: "polled after the wait",
      visibility: "private",
    });
    await conversationMatching(api, "polled after the wait");
    const later = sim.state.callsOf("telegram", "getUpdates").filter((c) => c.seq > throttled.seq);
    expect(later.length).toBeGreaterThan(0);
    for (const poll of later) expect(at(poll) - at(throttled)).toBeGreaterThanOrEqual(7000);
  });

  it("honours VK's error 6 in a 200 body before any next call of the community", async () => {
    await connectVkCommunity(api, sim, VK);
    for (const [id, text] of [
      [1701, "когда доставка?"],
      [1702, "где мой возврат?"],
    ] as const)
      await sim.vk.act(String(VK.groupId), {
        person: { id, firstName: "Vadim", lastName: `Limits${id}`, languageCode: "ru" },
        text,
        visibility: "private",
      });
    const conversation = await conversationMatching(api, "когда доставка");
    const other = await conversationMatching(api, "мой возврат");
    // Names come from users.get: once both are in, no lookup is in flight when VK says wait.
    await waitFor(
      async () => {
        const names = (
          (await api.get("/api/conversations?limit=100")).body.items as {
            contact: { displayName: string };
          }[]
        ).map((c) => c.contact.displayName);
        return names.includes("Vadim Limits1701") && names.includes("Vadim Limits1702");
      },
      15_000,
      "the customers' names",
    );
    sim.state.injectFault({ platform: "vk", method: "messages.send", kind: "429" });
    await reply(conversation.id, "Завтра!");
    await waitFor(
      async () => sim.state.callsOf("vk", "messages.send").some((c) => c.outcome === "429"),
      15_000,
      "the throttled send",
    );
    await waitFor(
      async () => (await channelNamed(VK.name)).lastErrorStatus === "VK error 6",
      15_000,
      "the recorded wait",
    );
    await reply(other.id, "Возврат оформлен.");
    await delivered(conversation.id, "Завтра!");
    await delivered(other.id, "Возврат оформлен.");
    const calls = sim.state.callsOf("vk");
    const throttled = calls.find((c) => c.method === "messages.send" && c.outcome === "429")!;
    const sendsOf = (text: string) => calls.filter((c) => c.params.message === text).length;
    expect(sendsOf("Завтра!")).toBe(2);
    expect(sendsOf("Возврат оформлен.")).toBe(1);
    for (const later of calls.filter((c) => c.seq > throttled.seq))
      expect(at(later) - at(throttled)).toBeGreaterThanOrEqual(1000);
    expect((await channelNamed(VK.name)).lastErrorStatus).toBe("VK error 6");
  });

  it("waits the Retry-After of a bare 503 from WhatsApp's side", async () => {
    const created = await api.post("/api/channels", {
      platform: "whatsapp",
      name: NUMBER.name,
      settings: {
        ...META_APP,
        accountId: NUMBER.phoneNumberId,
        businessAccountId: WABA,
        accessToken: "wa-limits-token-1",
      },
      apiBaseUrl: sim.url,
    });
    expect(created.status).toBe(201);
    sim.whatsapp.addNumber({
      ...NUMBER,
      accessToken: "wa-limits-token-1",
      businessAccountId: WABA,
      appSecret: META_APP.appSecret,
      webhookUrl: created.body.webhookUrl,
    });
    await sim.whatsapp.act(NUMBER.phoneNumberId, {
      person: { id: 37125550101, firstName: "Ilze", languageCode: "lv" },
      text: "Vai veikals strādā?",
      visibility: "private",
    });
    const conversation = await conversationMatching(api, "veikals strādā");
    sim.state.injectFault({
      platform: "whatsapp",
      method: "POST /{id}/messages",
      kind: "500",
      httpStatus: 503,
      retryAfterHeader: "seconds",
      retryAfterSeconds: 4,
    });
    await reply(conversation.id, "Jā, līdz 21:00");
    await delivered(conversation.id, "Jā, līdz 21:00");
    const sends = sim.state.callsOf("whatsapp", "POST /{id}/messages");
    expect(sends.map((c) => c.outcome)).toEqual(["500", "ok"]);
    expect(at(sends[1]!) - at(sends[0]!)).toBeGreaterThanOrEqual(4000);
    expect((await channelNamed(NUMBER.name)).lastErrorStatus).toBe("WhatsApp HTTP 503");
  });

  it("pauses a page that keeps answering 500, probes it when the pause is over, and resumes it", async () => {
    await connectFacebookPage(api, sim, META_APP, PAGE);
    await sim.facebook.act(PAGE.pageId, {
      person: { id: 6101, firstName: "Kārlis", lastName: "Ozols", languageCode: "lv" },
      text: "Kur ir mana paka?",
      visibility: "public",
    });
    const conversation = await conversationMatching(api, "mana paka");
    sim.state.injectFault({ platform: "facebook", method: "POST /{id}/comments", kind: "500", remaining: 3 });
    // The first probe is refused too: the pause doubles, long enough to write while it lasts.
    sim.state.injectFault({ platform: "facebook", method: "GET /{id}", kind: "500", remaining: 1 });
    await reply(conversation.id, "Pārbaudām!", "public");

    const paused = await waitFor(
      async () => {
        const channel = await channelNamed(PAGE.name);
        return channel.status === "paused" ? channel : null;
      },
      30_000,
      "the pause",
    );
    expect(paused).toMatchObject({
      pausedReason: "platform_unavailable",
      lastErrorStatus: "Facebook error 2",
      pausedUntil: expect.any(String),
    });
    // A status, never what the platform wrote.
    expect(JSON.stringify(paused)).not.toMatch(/unexpected error/i);
    const notice = await waitFor(async () => (await notificationsOf("channel_paused"))[0], 15_000, "notice");
    expect(notice.data).toMatchObject({ channelName: PAGE.name, reason: "platform_unavailable" });

    // Written while the page is paused: it waits in the outbox, no attempt spent.
    await reply(conversation.id, "Paka ir ceļā.", "public");
    await delivered(conversation.id, "Pārbaudām!");
    await delivered(conversation.id, "Paka ir ceļā.");
    expect((await channelNamed(PAGE.name)).status).toBe("active");
    expect((await notificationsOf("channel_resumed")).map((n) => n.data.channelName)).toContain(PAGE.name);

    const comments = sim.state.callsOf("facebook", "POST /{id}/comments");
    const probes = sim.state.callsOf("facebook", "GET /{id}");
    expect(comments.filter((c) => c.params.message === "Pārbaudām!").map((c) => c.outcome)).toEqual([
      "500",
      "500",
      "500",
      "ok",
    ]);
    expect(comments.filter((c) => c.params.message === "Paka ir ceļā.").map((c) => c.outcome)).toEqual([
      "ok",
    ]);
    expect(probes.map((c) => c.outcome)).toEqual(["500", "ok"]);
    const lastFailure = comments.filter((c) => c.outcome === "500").at(-1)!;
    // Nothing goes out during the pause: the first probe waits for it, the second for the doubled pause.
    expect(at(probes[0]!) - at(lastFailure)).toBeGreaterThanOrEqual(2000);
    expect(at(probes[1]!) - at(probes[0]!)).toBeGreaterThanOrEqual(4000);
    for (const sent of comments.filter((c) => c.seq > lastFailure.seq))
      expect(sent.seq).toBeGreaterThan(probes[1]!.seq);
    const waited = (await messagesOf(conversation.id)).find((m) => m.text === "Paka ir ceļā.")!;
    expect(await outboxOf(waited.id)).toEqual({ status: "delivered", attempts: 1 });
  });

  it("holds a bot whose token was revoked for an admin; its replies wait and go once resumed by hand", async () => {
    const bot = { token: "555000555:limits-revoked", username: "limits_revoked_bot", firstName: "Revoked" };
    await connectTelegramBot(api, sim, bot, { name: "Limits revoked bot", webhookSecret: "limits-secret_3" });
    await sim.telegram.act(bot.token, {
      person: { id: 7501, firstName: "Rita", languageCode: "en" },
      text: "is my token fine?",
      visibility: "private",
    });
    const conversation = await conversationMatching(api, "token fine");
    sim.state.injectFault({ platform: "telegram", method: "sendMessage", kind: "error", errorCode: 401 });
    await reply(conversation.id, "before the revocation");
    const held = await waitFor(
      async () => {
        const channel = await channelNamed("Limits revoked bot");
        return channel.status === "needs_reauth" ? channel : null;
      },
      15_000,
      "needs attention",
    );
    expect(held).toMatchObject({
      pausedReason: "auth_failed",
      pausedUntil: null,
      statusReason: "Telegram 401",
      lastErrorStatus: "Telegram 401",
    });
    await reply(conversation.id, "while it needs attention");
    const waiting = await messagesOf(conversation.id);
    for (const text of ["before the revocation", "while it needs attention"])
      expect(waiting.find((m) => m.text === text)?.deliveryStatus).toBe("queued");
    const first = waiting.find((m) => m.text === "before the revocation")!;
    expect(await outboxOf(first.id)).toEqual({ status: "pending", attempts: 0 });
    expect(
      sim.state.callsOf("telegram", "sendMessage").filter((c) => c.params.chat_id === 7501),
    ).toHaveLength(1);

    const resumed = await api.post(`/api/channels/${held.id}/resume`, {});
    expect(resumed.status).toBe(200);
    await delivered(conversation.id, "before the revocation");
    await delivered(conversation.id, "while it needs attention");
    const sends = sim.state.callsOf("telegram", "sendMessage").filter((c) => c.params.chat_id === 7501);
    expect(sends.map((c) => [c.params.text, c.outcome])).toEqual([
      ["before the revocation", "error"],
      ["before the revocation", "ok"],
      ["while it needs attention", "ok"],
    ]);
    expect(await channelNamed("Limits revoked bot")).toMatchObject({ status: "active", pausedReason: null });
  });
});
