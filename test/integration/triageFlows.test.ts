import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverOutboundWebhooks } from "../../src/notifications/outboundWebhooks.ts";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { automationRules } from "../../src/store/schema.ts";
import { deleteExpiredWork } from "../../src/worker/housekeeping.ts";
import { ApiClient } from "../support/apiClient.ts";
import { conversationMatching } from "../support/metaWebhookKit.ts";
import { connectFacebookPage } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  freePort,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const APP = { appId: "1234567890", appSecret: "meta-app-secret", verifyToken: "meta-verify-token" };
const PAGE = { pageId: "333000333", name: "Nordmart", accessToken: "page-token-789" };

interface Message {
  id: string;
  direction: string;
  text: string;
  automatedBy: string | null;
  hiddenAt: string | null;
  externalId: string | null;
}

describe.each(dbTargets())("The FAQ bot, community rules and automation on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  let personId = 7100;
  const messagesOf = async (conversationId: string): Promise<Message[]> =>
    (await api.get(`/api/conversations/${conversationId}/messages`)).body.items;
  const customer = (
    text: string,
    visibility: "public" | "private",
    languageCode: "ru" | "pl" | "en" = "ru",
  ) =>
    sim.facebook.act(PAGE.pageId, {
      person: { id: personId++, firstName: "Klient", lastName: String(personId), languageCode },
      text,
      visibility,
    });
  const query = async <T>(statement: ReturnType<typeof sql>) =>
    ((await app.parley.database.db.execute(statement)) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    app = await startTestParley(target);
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await connectFacebookPage(api, sim, APP, PAGE);
    const article = await api.post("/api/playbook/articles", {
      title: "Сколько стоит доставка по Риге?",
      body: "Доставка по Риге стоит 3 евро, от 50 евро — бесплатно. Курьер привозит заказ на следующий день.",
      language: "ru",
      categoryKey: "delivery",
      published: true,
    });
    expect(article.status).toBe(201);
    // Every bot answer goes to review here, so the test can judge one.
    const settings = await api.request("PUT", "/api/triage/settings", {
      bot: { enabled: true, minConfidence: 0.6, answerPublic: false, reviewRate: 1 },
    });
    expect(settings.status).toBe(200);
  });

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("answers a simple question from the knowledge base, puts the answer up for review, and hands over on a follow-up", async () => {
    await customer("Сколько стоит доставка по Риге?", "private");
    const conversation = await conversationMatching(api, "стоит доставка по Риге");
    const answer = await waitFor(
      async () =>
        (await messagesOf(conversation.id)).find((m) => m.automatedBy === "bot" && m.direction === "out"),
      15_000,
      "the bot's answer",
    );
    expect(answer.text).toContain("3 евро");
    await waitFor(
      async () =>
        sim.state
          .callsOf("facebook", "POST /{id}/messages")
          .some((c) => ((c.params.message as { text?: string }).text ?? "").includes("3 евро")),
      15_000,
      "the answer on Messenger",
    );
    const answered = (await api.get(`/api/conversations/${conversation.id}`)).body;
    expect(answered.status).toBe("pending");
    expect(answered.assignee).toBeNull();
    expect(answered.sla.find((c: { metric: string }) => c.metric === "first_response").state).toBe("met");

    const review = await api.get("/api/bot-answers");
    const item = review.body.items.find(
      (i: { conversationId: string }) => i.conversationId === conversation.id,
    );
    expect(item.verdict).toBeNull();
    expect(item.article.title).toBe("Сколько стоит доставка по Риге?");
    expect((await api.post(`/api/bot-answers/${item.id}/verdict`, { verdict: "right" })).status).toBe(200);
    expect((await api.get("/api/bot-answers")).body.totals).toMatchObject({ reviewed: 1, right: 1 });

    // The answer did not settle it: a person takes over, and the customer is told so once.
    await sim.facebook.act(PAGE.pageId, {
      person: { id: personId - 1, firstName: "Klient", lastName: String(personId), languageCode: "ru" },
      text: "А если заказ тяжёлый, больше 30 кг?",
      visibility: "private",
    });
    const handover = await waitFor(
      async () => (await messagesOf(conversation.id)).find((m) => m.automatedBy === "bot:handover"),
      15_000,
      "the hand-over",
    );
    expect(handover.text).toContain("сотрудник");
    const note = (await messagesOf(conversation.id)).find((m) => m.direction === "note");
    // For the team, in the conversation's language like the notice, not in Parley's own English.
    expect(note?.text).toContain("клиент написал снова после ответа бота");
    const after = (await api.get(`/api/conversations/${conversation.id}`)).body;
    expect(after.botHandedOverAt).not.toBeNull();
    expect(after.awaitingReply).toBe(true);
  });

  it("keeps a complaint a complaint when the customer closes with thanks", async () => {
    const person = { id: personId++, firstName: "Klient", lastName: "Zhaloba", languageCode: "ru" as const };
    await sim.facebook.act(PAGE.pageId, {
      person,
      text: "Это просто позор, третий раз одно и то же, сколько можно",
      visibility: "private",
    });
    const conversation = await conversationMatching(api, "третий раз одно и то же");
    const opened = await waitFor(
      async () => {
        const found = (await api.get(`/api/conversations/${conversation.id}`)).body;
        return found.category ? found : null;
      },
      15_000,
      "the category",
    );
    expect(opened.category.key).toBe("complaint");
    await sim.facebook.act(PAGE.pageId, {
      person,
      text: "Спасибо!",
      visibility: "private",
    });
    // Triaged once the conversation's mood follows the thank-you.
    const thanked = await waitFor(
      async () => {
        const found = (await api.get(`/api/conversations/${conversation.id}`)).body;
        return found.sentiment === "positive" ? found : null;
      },
      15_000,
      "the thank-you triaged",
    );
    expect(thanked.category.key).toBe("complaint");
  });

  it("hides a comment that breaks the community rules, logs it, and a supervisor can restore it", async () => {
    await customer("Вы все тут мудаки, верните деньги", "public");
    const conversation = await conversationMatching(api, "верните деньги");
    const comment = await waitFor(
      async () =>
        (await messagesOf(conversation.id)).find((m) => m.direction === "in" && m.hiddenAt !== null),
      15_000,
      "the automatic hide",
    );
    expect(
      sim.state.callsOf("facebook", "POST /{id}").filter((c) => c.params.id === comment.externalId),
    ).toEqual([expect.objectContaining({ params: { id: comment.externalId, is_hidden: true } })]);
    const cases = await api.get("/api/moderation/cases?status=hidden");
    const hidden = cases.body.items.find((c: { messageId: string }) => c.messageId === comment.id);
    expect(hidden.summary).toMatch(/profanity/i);
    const log = await query<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE target_id = ${comment.id} ORDER BY id`,
    );
    expect(log.map((r) => r.action)).toEqual([
      "moderation.auto_hidden",
      "moderation.requested",
      "moderation.hide",
    ]);

    expect(
      (await api.post(`/api/moderation/cases/${hidden.id}/decision`, { decision: "restore" })).status,
    ).toBe(200);
    await waitFor(
      async () => (await messagesOf(conversation.id)).find((m) => m.id === comment.id && m.hiddenAt === null),
      15_000,
      "the restore",
    );
    expect(
      sim.state
        .callsOf("facebook", "POST /{id}")
        .filter((c) => c.params.id === comment.externalId)
        .map((c) => c.params.is_hidden),
    ).toEqual([true, false]);
    // Never deleted, by a rule or anyone.
    expect(sim.state.callsOf("facebook", "DELETE /{id}")).toEqual([]);
  });

  it("queues a comment publishing someone's phone number for review instead of hiding it", async () => {
    await customer("Это номер вашего курьера Ивана: +371 2612 3456, звоните ему ночью", "public");
    const conversation = await conversationMatching(api, "номер вашего курьера");
    const item = await waitFor(
      async () =>
        (await api.get("/api/moderation/cases?status=pending")).body.items.find(
          (c: { conversationId: string }) => c.conversationId === conversation.id,
        ),
      15_000,
      "the review case",
    );
    expect(item.summary).toMatch(/personal data/i);
    expect((await messagesOf(conversation.id)).find((m) => m.direction === "in")?.hiddenAt).toBeNull();
    expect((await api.post(`/api/moderation/cases/${item.id}/decision`, { decision: "keep" })).status).toBe(
      200,
    );
    expect((await api.post(`/api/moderation/cases/${item.id}/decision`, { decision: "keep" })).status).toBe(
      422,
    );
  });

  it("runs a rule on new messages, logs the run, and retries a dead webhook without holding up triage", async () => {
    const deadPort = await freePort();
    const rule = await api.post("/api/automation-rules", {
      name: "Label and report the word 'срочно'",
      event: "message_received",
      conditions: [{ field: "text", operator: "contains", value: "срочно" }],
      actions: [
        { type: "add_label", label: "срочно" },
        { type: "call_webhook", url: `http://127.0.0.1:${deadPort}/hook` },
      ],
      enabled: true,
    });
    expect(rule.status).toBe(201);
    const ruleId = rule.body.id ?? rule.body.rule?.id;
    await customer("Срочно нужна помощь с заказом", "private");
    const conversation = await conversationMatching(api, "нужна помощь с заказом");
    await waitFor(
      async () => (await api.get(`/api/conversations/${conversation.id}`)).body.labels.includes("срочно"),
      15_000,
      "the label",
    );
    const runs = await api.get(`/api/automation-rules/${ruleId}/runs`);
    expect(runs.body.items[0]).toMatchObject({ status: "applied", conversationId: conversation.id });
    const attempts = await waitFor(
      async () => {
        const rows = await query<{ attempts: number; last_error: string | null; status: string }>(
          sql`SELECT attempts, last_error, status FROM outbound_webhooks WHERE source = ${`automation:${ruleId}`}`,
        );
        return rows[0]?.last_error ? rows[0] : null;
      },
      15_000,
      "a failed webhook attempt",
    );
    expect(attempts.status).toBe("pending");
    expect(attempts.attempts).toBeGreaterThanOrEqual(1);
    // On its last attempt the call is given up and the admins are told, in the app.
    const deadUrl = `http://127.0.0.1:${deadPort}/hook`;
    await app.parley.database.db.execute(sql`
      UPDATE outbound_webhooks SET attempts = 7, next_attempt_at = now() WHERE url = ${deadUrl}`);
    await deliverOutboundWebhooks(app.parley.database.db, { publicUrl: app.url });
    const [given] = await query<{ status: string; last_error: string }>(
      sql`SELECT status, last_error FROM outbound_webhooks WHERE url = ${deadUrl}`,
    );
    expect(given).toMatchObject({ status: "failed" });
    const told = await api.get("/api/notifications");
    expect(told.body.items.find((n: { kind: string }) => n.kind === "webhook_failed")?.data).toMatchObject({
      source: `automation:${ruleId}`,
      attempts: 8,
    });
    // Triage goes on meanwhile.
    await customer("Ещё вопрос: срочно ли это?", "private");
    const next = await conversationMatching(api, "Ещё вопрос");
    await waitFor(
      async () => (await api.get(`/api/conversations/${next.id}`)).body.labels.includes("срочно"),
      15_000,
      "the next label",
    );
  });

  it("refuses to enable rules that trigger each other, and stops such a loop at run time, logged", async () => {
    const reopen = {
      name: "Reopen pending",
      event: "status_changed",
      conditions: [{ field: "status", operator: "equals", value: "pending" }],
      actions: [{ type: "set_status", status: "open" }],
      enabled: true,
    };
    const park = {
      name: "Park open",
      event: "status_changed",
      conditions: [{ field: "status", operator: "equals", value: "open" }],
      actions: [{ type: "set_status", status: "pending" }],
      enabled: true,
    };
    expect((await api.post("/api/automation-rules", reopen)).status).toBe(201);
    const refused = await api.post("/api/automation-rules", park);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/loop/i);

    // A pair saved before that check existed (written straight to the database) is stopped when it runs.
    const workspaceId = (await api.get("/api/me")).body.workspace.id;
    const [stored] = await app.parley.database.db
      .insert(automationRules)
      .values({ workspaceId, ...park, match: "all", position: 9 })
      .returning({ id: automationRules.id });
    await customer("Подскажите по заказу 55", "private");
    const conversation = await conversationMatching(api, "Подскажите по заказу 55");
    await waitFor(
      async () => (await api.get(`/api/conversations/${conversation.id}`)).body.sla.length > 0,
      15_000,
      "triage",
    );
    expect(
      (await api.post(`/api/conversations/${conversation.id}/status`, { status: "pending" })).status,
    ).toBe(200);
    const stopped = await waitFor(
      async () => {
        const rows = await query<{ status: string; error: string | null }>(
          sql`SELECT status, error FROM automation_runs WHERE conversation_id = ${conversation.id} ORDER BY id`,
        );
        return rows.find((r) => r.status === "loop_stopped") ? rows : null;
      },
      15_000,
      "the loop stop",
    );
    expect(stopped.filter((r) => r.status === "applied").length).toBeGreaterThanOrEqual(2);
    expect(stopped.at(-1)?.error).toMatch(/loop/);
    expect(stored?.id).toBeDefined();
  });

  it("deletes triage work long handled, and keeps what is recent or still pending", async () => {
    const [conversation] = await query<{ id: string; workspace_id: string }>(
      sql`SELECT id, workspace_id FROM conversations LIMIT 1`,
    );
    await app.parley.database.db.execute(sql`
      INSERT INTO conversation_events (workspace_id, conversation_id, type, processed_at) VALUES
        (${conversation!.workspace_id}, ${conversation!.id}, 'status_changed', now() - interval '31 days'),
        (${conversation!.workspace_id}, ${conversation!.id}, 'status_changed', now() - interval '29 days')`);
    const count = async () =>
      (
        await query<{ old: number; recent: number }>(sql`
          SELECT count(*) FILTER (WHERE processed_at < now() - interval '30 days')::int AS old,
            count(*) FILTER (WHERE processed_at >= now() - interval '30 days' OR processed_at IS NULL)::int AS recent
          FROM conversation_events`)
      )[0]!;
    const before = await count();
    expect(before.old).toBe(1);
    expect(await deleteExpiredWork(app.parley.database.db)).toBeGreaterThanOrEqual(1);
    const after = await count();
    expect(after.old).toBe(0);
    expect(after.recent).toBe(before.recent);
  });
});
