import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const BOT = { token: "555000111:integration-token", username: "brand_help_bot", firstName: "Brand Help" };
const SECRET = "tg-secret_123";

describe.each(dbTargets())("Telegram inbox end to end on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  let webhookUrl: string;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeoutStallMs: 300 });
    sim.telegram.addBot(BOT);
    app = await startTestParley(target, { workerOptions: { outboxLeaseSeconds: 5 } });
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await api.post("/api/channels", {
      platform: "telegram",
      name: "Support bot",
      settings: { botToken: BOT.token, webhookSecret: SECRET, mode: "webhook", botUsername: BOT.username },
      apiBaseUrl: sim.url,
    });
    expect(created.status).toBe(201);
    webhookUrl = created.body.webhookUrl;
  });

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  const person = {
    id: 7001,
    firstName: "Анна",
    lastName: "Петрова",
    username: "anna_p",
    languageCode: "ru" as const,
  };

  it("registers the webhook with the platform when the channel is added, and never returns the token", async () => {
    const setWebhook = sim.state.callsOf("telegram", "setWebhook");
    expect(setWebhook.at(-1)?.params.url).toBe(webhookUrl);
    expect(setWebhook.at(-1)?.params.secret_token).toBe(SECRET);
    const list = await api.get("/api/channels");
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(BOT.token);
    expect(text).not.toContain(SECRET);
    expect(list.body.items[0].secretsSet.sort()).toEqual(["botToken", "webhookSecret"]);
  });

  it("turns a customer's message into an unread conversation, and the reply reaches the platform once", async () => {
    const outcome = await sim.telegram.act(BOT.token, {
      person,
      text: "Где мой заказ 4581-2290? Жду третий день",
      visibility: "private",
    });
    expect(outcome.status).toBe(200);
    const conversation = await waitFor(
      async () => {
        const list = await api.get("/api/conversations");
        return list.body.items.find(
          (c: { contact: { displayName: string } }) => c.contact.displayName === "Анна Петрова",
        );
      },
      15_000,
      "the conversation",
    );
    expect(conversation.awaitingReply).toBe(true);
    expect(conversation.status).toBe("new");
    expect(conversation.visibility).toBe("private");
    expect(conversation.lastMessagePreview).toContain("Где мой заказ");

    const reply = await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Анна, проверяю заказ — напишу через 10 минут.",
      visibility: "private",
    });
    expect(reply.status).toBe(202);
    // Accepted for delivery; a fast worker may already have sent it by the time the answer is written.
    expect(["queued", "sending", "delivered"]).toContain(reply.body.message.deliveryStatus);

    const delivered = await waitFor(
      async () => {
        const messages = await api.get(`/api/conversations/${conversation.id}/messages`);
        return messages.body.items.find(
          (m: { direction: string; deliveryStatus: string }) =>
            m.direction === "out" && m.deliveryStatus === "delivered",
        );
      },
      15_000,
      "delivery",
    );
    expect(delivered.externalId).toMatch(/^7001:\d+$/);
    const sends = sim.state
      .callsOf("telegram", "sendMessage")
      .filter((c) => c.params.text === "Анна, проверяю заказ — напишу через 10 минут.");
    expect(sends).toHaveLength(1);
    expect(String(sends[0]!.params.chat_id)).toBe("7001");

    const after = await api.get(`/api/conversations/${conversation.id}`);
    expect(after.body.awaitingReply).toBe(false);
    expect(after.body.status).toBe("open");
    // The list row keeps previewing what the customer said, not our answer to it.
    expect(after.body.lastMessagePreview).toContain("Где мой заказ");
  });

  it("assigns, changes status and keeps internal notes away from the platform, all in the audit log", async () => {
    await sim.telegram.act(BOT.token, {
      person: { ...person, id: 7010, firstName: "Workflow" },
      text: "assign me",
      visibility: "private",
    });
    const conversation = await waitFor(
      async () => (await api.get("/api/conversations?q=assign%20me")).body.items[0],
      15_000,
      "conversation",
    );
    const me = (await api.get("/api/me")).body.user;
    const assigned = await api.post(`/api/conversations/${conversation.id}/assign`, { assigneeId: me.id });
    expect(assigned.body.conversation.assignee).toEqual({ id: me.id, name: "Admin" });
    expect(
      (await api.get("/api/conversations?assignee=me")).body.items.map((c: { id: string }) => c.id),
    ).toContain(conversation.id);
    const pending = await api.post(`/api/conversations/${conversation.id}/status`, { status: "pending" });
    expect(pending.body.conversation.status).toBe("pending");
    expect(
      (await api.post(`/api/conversations/${conversation.id}/status`, { status: "closed" })).status,
    ).toBe(400);
    const sendsBefore = sim.state.callsOf("telegram", "sendMessage").length;
    const note = await api.post(`/api/conversations/${conversation.id}/notes`, {
      text: "VIP customer, be quick",
    });
    expect(note.status).toBe(201);
    expect(note.body.message).toMatchObject({ direction: "note", text: "VIP customer, be quick" });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sim.state.callsOf("telegram", "sendMessage").length).toBe(sendsBefore);
    // A new message from the customer reopens a pending conversation.
    await sim.telegram.act(BOT.token, {
      person: { ...person, id: 7010, firstName: "Workflow" },
      text: "any news?",
      visibility: "private",
    });
    await waitFor(
      async () => (await api.get(`/api/conversations/${conversation.id}`)).body.status === "open",
      15_000,
      "reopening",
    );
    const audit = (await app.parley.database.db.execute(sql`SELECT action FROM audit_log`)) as unknown as {
      rows: { action: string }[];
    };
    const actions = new Set(audit.rows.map((r) => r.action));
    for (const action of [
      "auth.login",
      "channel.created",
      "reply.sent",
      "conversation.assigned",
      "conversation.status_changed",
    ])
      expect(actions).toContain(action);
  });

  it("stores a duplicate delivery once and answers 200", async () => {
    const update = {
      update_id: 990001,
      message: {
        message_id: 501,
        date: 1764000000,
        chat: { id: 7002, type: "private", first_name: "Dup" },
        from: { id: 7002, is_bot: false, first_name: "Dup" },
        text: "same update twice",
      },
    };
    for (let i = 0; i < 2; i++) {
      const res = await fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update),
      });
      expect(res.status).toBe(200);
    }
    await waitFor(
      async () => (await api.get("/api/conversations?q=same%20update%20twice")).body.items.length === 1,
      15_000,
      "the duplicate's conversation",
    );
    const db = app.parley.database.db;
    const rows = (await db.execute(
      sql`SELECT count(*)::int AS n FROM messages WHERE text = 'same update twice'`,
    )) as unknown as { rows: { n: number }[] };
    expect(rows.rows[0]!.n).toBe(1);
  });

  it("rejects a forged or missing secret and stores nothing", async () => {
    const db = app.parley.database.db;
    const count = async () =>
      (
        (await db.execute(sql`SELECT count(*)::int AS n FROM raw_events`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n;
    const before = await count();
    const body = JSON.stringify({
      update_id: 990002,
      message: { message_id: 1, date: 1, chat: { id: 1, type: "private" }, text: "forged" },
    });
    const forged = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "wrong" },
      body,
    });
    expect(forged.status).toBe(403);
    const missing = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(missing.status).toBe(401);
    expect(await count()).toBe(before);
  });

  it("answers 400 to malformed JSON from an authentic sender and keeps the body for inspection", async () => {
    const res = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("malformed_payload");
    const db = app.parley.database.db;
    const kept = (await db.execute(sql`SELECT raw_body FROM rejected_webhooks`)) as unknown as {
      rows: { raw_body: string }[];
    };
    expect(kept.rows.map((r) => r.raw_body)).toContain("{not json");
  });

  it("refuses a broken update shape with 400, but stores an unknown update kind and sets it aside for admins", async () => {
    const post = (body: unknown) =>
      fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(body),
      });
    const broken = await post({ update_id: 990020, message: { message_id: 1, text: "no chat, no date" } });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toMatch(/chat/);
    const novel = await post({ update_id: 990021, future_update_kind: { id: 1 } });
    expect(novel.status).toBe(200);
    const problems = await waitFor(
      async () => {
        const answer = (await api.get("/api/inbound-problems")).body;
        return answer.unparsed.some((e: { error: string }) => /future_update_kind/.test(e.error))
          ? answer
          : null;
      },
      15_000,
      "the unparseable event",
    );
    expect(problems.rejected.some((r: { rawBody: string }) => r.rawBody.includes("no chat, no date"))).toBe(
      true,
    );
  });

  it("answers 404 for an unknown channel", async () => {
    const res = await fetch(`${app.url}/webhooks/telegram/00000000-0000-4000-8000-000000000000`, {
      method: "POST",
      body: "{}",
    });
    expect(res.status).toBe(404);
    const notUuid = await fetch(`${app.url}/webhooks/telegram/nope`, { method: "POST", body: "{}" });
    expect(notUuid.status).toBe(404);
  });

  it("retries after the platform's 429 and 500, honouring retry_after, and sends exactly once", async () => {
    await sim.telegram.act(BOT.token, {
      person: { ...person, id: 7003, firstName: "Retry" },
      text: "hello?",
      visibility: "private",
    });
    const conversation = await waitFor(
      async () => (await api.get("/api/conversations?q=Retry")).body.items[0],
      15_000,
      "conversation",
    );
    sim.state.injectFault({
      platform: "telegram",
      method: "sendMessage",
      kind: "429",
      remaining: 1,
      retryAfterSeconds: 1,
    });
    sim.state.injectFault({ platform: "telegram", method: "sendMessage", kind: "500", remaining: 1 });
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "retry-me",
      visibility: "private",
    });
    const delivered = await waitFor(
      async () => {
        const items = (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items;
        return items.find(
          (m: { text: string; deliveryStatus: string }) =>
            m.text === "retry-me" && m.deliveryStatus === "delivered",
        );
      },
      30_000,
      "delivery after retries",
    );
    expect(delivered).toBeTruthy();
    const calls = sim.state.callsOf("telegram", "sendMessage").filter((c) => c.params.text === "retry-me");
    expect(calls.map((c) => c.outcome)).toEqual(["429", "500", "ok"]);
  });

  it("shows a permanent platform error to the agent instead of retrying", async () => {
    await sim.telegram.act(BOT.token, {
      person: { ...person, id: 7004, firstName: "Longtext" },
      text: "hi",
      visibility: "private",
    });
    const conversation = await waitFor(
      async () => (await api.get("/api/conversations?q=Longtext")).body.items[0],
      15_000,
      "conversation",
    );
    const tooLong = await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "x".repeat(4097),
      visibility: "private",
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.code).toBe("reply_too_long");
    const wrongSide = await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "public?",
      visibility: "public",
    });
    expect(wrongSide.status).toBe(422);
  });

  it("applies an edit to the stored message instead of adding another", async () => {
    const base = {
      message_id: 777,
      date: 1764000100,
      chat: { id: 7005, type: "private", first_name: "Editor" },
      from: { id: 7005, is_bot: false, first_name: "Editor" },
    };
    const send = (body: unknown) =>
      fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(body),
      });
    await send({ update_id: 990010, message: { ...base, text: "first version" } });
    await send({
      update_id: 990011,
      edited_message: { ...base, text: "second version", edit_date: 1764000200 },
    });
    const conversation = await waitFor(
      async () => (await api.get("/api/conversations?q=Editor")).body.items[0],
      15_000,
      "conversation",
    );
    const message = await waitFor(
      async () => {
        const items = (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items;
        return items.length === 1 && items[0].text === "second version" ? items[0] : null;
      },
      15_000,
      "the edit",
    );
    expect(message.editedAt).not.toBeNull();
  });
});
