import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/simulator/simulatorServer.ts";
import type { ApiClient } from "../support/apiClient.ts";
import { replyAndResolve } from "../support/conversationSteps.ts";
import { conversationMatching } from "../support/metaWebhookKit.ts";
import { connectTelegramBot, startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { type TestParley, waitFor } from "../support/testParley.ts";

const BOT = { token: "555000222:survey-token", username: "nordmart_help_bot", firstName: "Nordmart" };
const APP = { appId: "1234567890", appSecret: "meta-app-secret", verifyToken: "meta-verify-token" };
const WABA = "102290129340398";
const NUMBER = {
  phoneNumberId: "106540352242922",
  displayPhoneNumber: "37120000000",
  name: "Nordmart WhatsApp",
  accessToken: "wa-token-a-123456",
};
const waIdOf = (id: number) => `3712${String(id).padStart(7, "0")}`;

interface Survey {
  id: string;
  kind: string;
  status: string;
  skipReason: string | null;
  score: number | null;
  answeredWith: string | null;
  comment: string | null;
  lowScoreAction: string | null;
}

describe.each(dbTargets())("CSAT surveys after resolution on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  const query = async <T>(statement: ReturnType<typeof sql>) =>
    ((await app.parley.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
  const surveysOf = async (conversationId: string): Promise<Survey[]> =>
    (await api.get(`/api/conversations/${conversationId}/surveys`)).body.items;
  const conversation = async (id: string) => (await api.get(`/api/conversations/${id}`)).body;
  /** Every conversation event handled by triage: what a resolution or a reopening sets in motion is done. */
  const triaged = () =>
    waitFor(
      async () =>
        (
          await query<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM conversation_events WHERE processed_at IS NULL`,
          )
        )[0]!.n === 0,
      15_000,
      "triage to catch up",
    );
  const answerAndResolve = (conversationId: string) =>
    replyAndResolve(api, conversationId, "Проверили: заказ уже у курьера, будет сегодня.");
  const surveyWhen = (conversationId: string, test: (s: Survey) => boolean, what: string) =>
    waitFor(async () => (await surveysOf(conversationId)).find(test), 20_000, what);

  beforeAll(async () => {
    ({ app, sim, api } = await startSimulatedParley(target, { workerOptions: { followUpIntervalMs: 200 } }));
    await connectTelegramBot(api, sim, BOT, { name: "Support bot", webhookSecret: "tg-secret" });
    const whatsapp = await api.post("/api/channels", {
      platform: "whatsapp",
      name: NUMBER.name,
      settings: {
        ...APP,
        accountId: NUMBER.phoneNumberId,
        businessAccountId: WABA,
        accessToken: NUMBER.accessToken,
      },
      apiBaseUrl: sim.url,
    });
    expect(whatsapp.status).toBe(201);
    sim.whatsapp.addNumber({
      ...NUMBER,
      businessAccountId: WABA,
      appSecret: APP.appSecret,
      webhookUrl: whatsapp.body.webhookUrl,
    });
    const settings = await api.request("PUT", "/api/surveys/settings", {
      enabled: true,
      kind: "csat",
      delaySeconds: 0,
      lowScoreAction: "follow_up",
    });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ enabled: true, kind: "csat", csatLowMax: 2, npsLowMax: 6 });
  });

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  const anna = { id: 8101, firstName: "Анна", lastName: "Смирнова", languageCode: "ru" as const };

  it("asks on Telegram with an inline keyboard, takes the pressed score and a comment without reopening the case", async () => {
    await sim.telegram.act(BOT.token, {
      person: anna,
      text: "Здравствуйте! Где мой заказ 4581? Жду уже неделю",
      visibility: "private",
    });
    const found = await conversationMatching(api, "Где мой заказ 4581");
    await answerAndResolve(found.id);

    const question = await waitFor(
      async () => sim.telegram.sentTo(BOT.token, anna.id).find((m) => m.reply_markup),
      20_000,
      "the survey with its keyboard",
    );
    expect(question.text).toContain("Как вы оцениваете нашу помощь");
    const buttons = question.reply_markup!.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(["5", "4", "3", "2", "1"]);
    expect(buttons.every((b) => b.callback_data?.startsWith("survey:"))).toBe(true);
    const asked = await surveyWhen(found.id, (s) => s.status === "sent", "the survey marked sent");
    expect(asked.kind).toBe("csat");

    await sim.telegram.pressButton(BOT.token, anna, "5");
    const answered = await surveyWhen(found.id, (s) => s.status === "answered", "the score");
    expect(answered).toMatchObject({ score: 5, answeredWith: "button", lowScoreAction: null });
    // The press is acknowledged, and the customer is invited to add a comment.
    await waitFor(
      async () => sim.telegram.answeredCallbacks(BOT.token).length === 1,
      15_000,
      "answerCallbackQuery",
    );
    await waitFor(
      async () =>
        sim.telegram.sentTo(BOT.token, anna.id).some((m) => m.text?.startsWith("Спасибо! Если хотите")),
      15_000,
      "the comment prompt",
    );

    await sim.telegram.act(BOT.token, {
      person: anna,
      text: "Курьер был очень вежлив",
      visibility: "private",
    });
    await surveyWhen(found.id, (s) => s.comment === "Курьер был очень вежлив", "the comment");
    await triaged();
    const after = await conversation(found.id);
    expect(after.status).toBe("resolved");
    expect(after.awaitingReply).toBe(false);
    // Neither the press nor the comment started an SLA round or counted as a customer message for triage.
    const received = await query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM conversation_events
      WHERE conversation_id = ${found.id} AND type = 'message_received'`);
    expect(received[0]!.n).toBe(1);
  });

  it("does not ask again when the same case is resolved a second time", async () => {
    const found = await conversationMatching(api, "Где мой заказ 4581");
    expect((await api.post(`/api/conversations/${found.id}/status`, { status: "open" })).status).toBe(200);
    expect((await api.post(`/api/conversations/${found.id}/status`, { status: "resolved" })).status).toBe(
      200,
    );
    await triaged();
    // Give the survey loop several turns to do anything it would do.
    const turns = await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM surveys`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await surveysOf(found.id)).length).toBe(1);
    expect((await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM surveys`))[0]!.n).toBe(turns[0]!.n);
    expect(sim.telegram.sentTo(BOT.token, anna.id).filter((m) => m.reply_markup).length).toBe(1);
    const keys = await query<{ idempotency_key: string }>(sql`
      SELECT idempotency_key FROM outbox WHERE idempotency_key LIKE 'parley-survey-%' ORDER BY id`);
    expect(
      keys.map((k) =>
        k.idempotency_key.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, "ID"),
      ),
    ).toEqual(["parley-survey-ID", "parley-survey-ID-answer"]);
  });

  it("asks on WhatsApp with a list, reads a typed '2/5' and gives the team lead a follow-up", async () => {
    const person = { id: 8201, firstName: "Līga", lastName: "Kalniņa", languageCode: "lv" as const };
    await sim.whatsapp.act(NUMBER.phoneNumberId, {
      person,
      text: "Labdien! Mana paka nav atnākusi, pasūtījums 7731",
      visibility: "private",
    });
    const found = await conversationMatching(api, "pasūtījums 7731");
    await answerAndResolve(found.id);
    const question = await waitFor(
      async () =>
        sim.whatsapp.sentTo(NUMBER.phoneNumberId, waIdOf(person.id)).find((m) => m.type === "interactive"),
      20_000,
      "the survey list",
    );
    const interactive = question.params.interactive as {
      type: string;
      body: { text: string };
      action: { sections: { rows: { id: string; title: string; description?: string }[] }[] };
    };
    expect(interactive.type).toBe("list");
    expect(interactive.body.text).toContain("Kā jūs novērtētu");
    expect(interactive.action.sections[0]!.rows.map((r) => r.description)).toEqual([
      "Lieliski",
      "Labi",
      "Normāli",
      "Slikti",
      "Ļoti slikti",
    ]);

    await sim.whatsapp.act(NUMBER.phoneNumberId, { person, text: "2/5", visibility: "private" });
    const answered = await surveyWhen(found.id, (s) => s.status === "answered", "the typed score");
    expect(answered).toMatchObject({ score: 2, answeredWith: "text", lowScoreAction: "follow_up" });
    await triaged();
    expect((await conversation(found.id)).status).toBe("resolved");
    const followUps = (await api.get("/api/follow-ups")).body.items;
    const followUp = followUps.find((f: { conversationId: string }) => f.conversationId === found.id);
    expect(followUp).toMatchObject({ kind: "low_score", status: "pending", details: { score: 2 } });
    const bell = (await api.get("/api/notifications")).body.items;
    expect(
      bell.some(
        (n: { kind: string; conversationId: string }) =>
          n.kind === "survey_low_score" && n.conversationId === found.id,
      ),
    ).toBe(true);
    expect(
      (await api.post(`/api/follow-ups/${followUp.id}/done`, { note: "Called the customer" })).status,
    ).toBe(200);
  });

  it("reopens the case on a low score when so configured (a list row picked on WhatsApp)", async () => {
    expect((await api.request("PUT", "/api/surveys/settings", { lowScoreAction: "reopen" })).status).toBe(
      200,
    );
    const person = { id: 8202, firstName: "Jānis", lastName: "Ozols", languageCode: "lv" as const };
    await sim.whatsapp.act(NUMBER.phoneNumberId, {
      person,
      text: "Labdien, vēlos atgriezt preci, pasūtījums 9914",
      visibility: "private",
    });
    const found = await conversationMatching(api, "pasūtījums 9914");
    await answerAndResolve(found.id);
    await waitFor(
      async () =>
        sim.whatsapp.sentTo(NUMBER.phoneNumberId, waIdOf(person.id)).some((m) => m.type === "interactive"),
      20_000,
      "the survey list",
    );
    await sim.whatsapp.pressButton(NUMBER.phoneNumberId, person, "1");
    const answered = await surveyWhen(found.id, (s) => s.status === "answered", "the picked score");
    expect(answered).toMatchObject({ score: 1, answeredWith: "button", lowScoreAction: "reopen" });
    await waitFor(async () => (await conversation(found.id)).status === "open", 15_000, "the case reopened");
    const audit = await query<{ action: string }>(sql`
      SELECT action FROM audit_log WHERE target_id = ${found.id} AND action = 'conversation.reopened'`);
    expect(audit.length).toBe(1);
  });

  it("keeps a text that is not a score as the survey's comment, never as a score, and lets it reach the team", async () => {
    const person = { id: 8203, firstName: "Marta", lastName: "Liepa", languageCode: "lv" as const };
    await sim.whatsapp.act(NUMBER.phoneNumberId, {
      person,
      text: "Sveiki, kur ir mans pasūtījums 5520?",
      visibility: "private",
    });
    const found = await conversationMatching(api, "pasūtījums 5520");
    await answerAndResolve(found.id);
    await surveyWhen(found.id, (s) => s.status === "sent", "the survey sent");
    await sim.whatsapp.act(NUMBER.phoneNumberId, {
      person,
      text: "Paka joprojām nav atnākusi, 5 dienas gaidu",
      visibility: "private",
    });
    const kept = await surveyWhen(found.id, (s) => s.comment !== null, "the comment kept");
    expect(kept).toMatchObject({
      status: "sent",
      score: null,
      comment: "Paka joprojām nav atnākusi, 5 dienas gaidu",
    });
    await waitFor(async () => (await conversation(found.id)).status === "open", 15_000, "the case reopened");
  });

  it("gives reports CSAT per channel and per agent over a period", async () => {
    const period = {
      from: encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString()),
      to: encodeURIComponent(new Date(Date.now() + 60_000).toISOString()),
    };
    const byChannel = await api.get(`/api/surveys/results?by=channel&from=${period.from}&to=${period.to}`);
    expect(byChannel.status).toBe(200);
    const channels = (await api.get("/api/channels")).body.items as { id: string; platform: string }[];
    const rowOf = (platform: string) =>
      byChannel.body.items.find(
        (r: { key: string }) => r.key === channels.find((c) => c.platform === platform)!.id,
      );
    expect(rowOf("telegram")).toMatchObject({
      kind: "csat",
      asked: 1,
      responses: 1,
      responseRate: 1,
      averageScore: 5,
      satisfiedShare: 1,
      lowScores: 0,
      comments: 1,
    });
    // Scores 2 and 1, and one survey answered only with words: a comment, not a response.
    expect(rowOf("whatsapp")).toMatchObject({
      kind: "csat",
      asked: 3,
      responses: 2,
      averageScore: 1.5,
      satisfiedShare: 0,
      lowScores: 2,
      comments: 1,
    });
    const me = (await api.get("/api/me")).body;
    const byAgent = await api.get(`/api/surveys/results?by=agent&from=${period.from}&to=${period.to}`);
    expect(byAgent.body.items).toEqual([
      expect.objectContaining({ key: me.user?.id ?? me.id, asked: 4, responses: 3 }),
    ]);
  });
});
