import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/simulator/simulatorServer.ts";
import type { ApiClient } from "../support/apiClient.ts";
import { conversationMatching } from "../support/metaWebhookKit.ts";
import { connectTelegramBot, startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { type TestParley, waitFor } from "../support/testParley.ts";

const BOT = { token: "555000333:followup-token", username: "nordmart_care_bot", firstName: "Nordmart" };

describe.each(dbTargets())("Follow-ups: check-ins, snoozes and pending cases on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  let me: string;
  const query = async <T>(statement: ReturnType<typeof sql>) =>
    ((await app.parley.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
  const status = async (id: string) => (await api.get(`/api/conversations/${id}`)).body.status as string;
  const customerWrites = async (person: { id: number; firstName: string }, text: string) => {
    await sim.telegram.act(BOT.token, {
      person: { ...person, languageCode: "ru" },
      text,
      visibility: "private",
    });
    return conversationMatching(api, text);
  };

  beforeAll(async () => {
    ({ app, sim, api } = await startSimulatedParley(target, {
      workerOptions: { followUpIntervalMs: 200, pendingSweepIntervalMs: 200 },
    }));
    me = (await api.get("/api/me")).body.user?.id ?? (await api.get("/api/me")).body.id;
    await connectTelegramBot(api, sim, BOT, { name: "Care bot", webhookSecret: "tg-secret" });
  });

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("asks 'Did this help?' after the configured delay, and a 'No' reopens the case", async () => {
    expect(
      (await api.request("PUT", "/api/surveys/settings", { checkInEnabled: true, checkInDelaySeconds: 2 }))
        .status,
    ).toBe(200);
    const person = { id: 9101, firstName: "Игорь" };
    const found = await customerWrites(person, "Не могу оплатить заказ 2024 картой");
    expect(
      (
        await api.post(`/api/conversations/${found.id}/messages`, {
          text: "Попробуйте ещё раз, платёж прошёл.",
          visibility: "private",
        })
      ).status,
    ).toBe(202);
    const resolvedAt = Date.now();
    expect((await api.post(`/api/conversations/${found.id}/status`, { status: "resolved" })).status).toBe(
      200,
    );
    const question = await waitFor(
      async () => sim.telegram.sentTo(BOT.token, person.id).find((m) => m.reply_markup),
      20_000,
      "the check-in",
    );
    expect(question.text).toContain("Удалось ли решить ваш вопрос");
    expect(question.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toEqual(["Да", "Нет"]);
    // Not before its time: the question went out no earlier than the delay after the resolution.
    expect(question.date * 1000).toBeGreaterThanOrEqual(Math.floor(resolvedAt / 1000) * 1000 + 1000);
    const [row] = await query<{ due_at: Date; status: string }>(sql`
      SELECT due_at, status FROM follow_ups WHERE conversation_id = ${found.id} AND kind = 'check_in'`);
    expect(row!.status).toBe("done");

    await sim.telegram.pressButton(BOT.token, person, "Нет");
    await waitFor(async () => (await status(found.id)) === "open", 15_000, "the case reopened");
    await waitFor(
      async () => sim.telegram.sentTo(BOT.token, person.id).some((m) => m.text?.startsWith("Жаль.")),
      15_000,
      "the apology",
    );
    const items = (await api.get(`/api/conversations/${found.id}/follow-ups`)).body.items;
    expect(items[0]).toMatchObject({ kind: "check_in", status: "done", answer: "no" });
    expect((await api.request("PUT", "/api/surveys/settings", { checkInEnabled: false })).status).toBe(200);
  });

  it("wakes a snoozed conversation at its time and tells the assignee", async () => {
    const found = await customerWrites(
      { id: 9102, firstName: "Вера" },
      "Перезвоните мне завтра по заказу 3003",
    );
    expect((await api.post(`/api/conversations/${found.id}/assign`, { assigneeId: me })).status).toBe(200);
    const until = new Date(Date.now() + 3000).toISOString();
    const snoozed = await api.post(`/api/conversations/${found.id}/snooze`, { until, note: "call back" });
    expect(snoozed.status).toBe(201);
    expect(await status(found.id)).toBe("pending");
    const past = await api.post(`/api/conversations/${found.id}/snooze`, { until: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(400);

    await waitFor(async () => (await status(found.id)) === "open", 15_000, "the conversation back");
    const bell = await waitFor(
      async () =>
        (await api.get("/api/notifications")).body.items.find(
          (n: { kind: string; conversationId: string }) =>
            n.kind === "snooze_ended" && n.conversationId === found.id,
        ),
      15_000,
      "the reminder",
    );
    expect(bell.data.note).toBe("call back");
    const items = (await api.get(`/api/conversations/${found.id}/follow-ups`)).body.items;
    expect(items[0]).toMatchObject({ kind: "snooze", status: "done" });
  });

  it("resolves a pending case after N days without an answer, audited, and asks no survey about it", async () => {
    expect(
      (
        await api.request("PUT", "/api/surveys/settings", {
          enabled: true,
          delaySeconds: 0,
          autoResolvePendingDays: 3,
        })
      ).status,
    ).toBe(200);
    const waiting = await customerWrites({ id: 9103, firstName: "Пётр" }, "Пришлю номер заказа позже");
    const fresh = await customerWrites({ id: 9104, firstName: "Нина" }, "Уточню адрес и напишу");
    for (const c of [waiting, fresh])
      expect((await api.post(`/api/conversations/${c.id}/status`, { status: "pending" })).status).toBe(200);
    // Four days of silence for one of them; the other wrote just now.
    await query(sql`
      UPDATE conversations SET last_message_at = now() - interval '4 days' WHERE id = ${waiting.id}`);

    await waitFor(async () => (await status(waiting.id)) === "resolved", 15_000, "the stale case resolved");
    const audit = await query<{ details: { reason: string; days: number } }>(sql`
      SELECT details FROM audit_log WHERE action = 'conversation.auto_resolved' AND target_id = ${waiting.id}`);
    expect(audit).toEqual([{ details: { reason: "pending_timeout", days: 3 } }]);
    const survey = await waitFor(
      async () => (await api.get(`/api/conversations/${waiting.id}/surveys`)).body.items[0],
      15_000,
      "the survey decision",
    );
    expect(survey).toMatchObject({ status: "skipped", skipReason: "auto_resolved" });
    expect(await status(fresh.id)).toBe("pending");
  });
});
