import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/simulator/simulatorServer.ts";
import type { ApiClient } from "../support/apiClient.ts";
import { replyAndResolve } from "../support/conversationSteps.ts";
import { conversationMatching } from "../support/metaWebhookKit.ts";
import {
  connectFacebookPage,
  connectViberBot,
  connectVkCommunity,
  startSimulatedParley,
} from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { type TestParley, waitFor } from "../support/testParley.ts";

const VK = {
  groupId: 4343,
  accessToken: "vk-survey-token",
  secretKey: "vk-secret-key",
  confirmationCode: "c0nf1rm",
  name: "Nordmart",
};
const APP = { appId: "1234567890", appSecret: "meta-app-secret", verifyToken: "meta-verify-token" };
const PAGE = { pageId: "333000444", name: "Nordmart", accessToken: "page-token-survey" };
const VIBER = { authToken: "viber-survey-token-7e2d9c1b4a", name: "Nordmart", uri: "nordmart" };

interface Survey {
  kind: string;
  status: string;
  skipReason: string | null;
  score: number | null;
  answeredWith: string | null;
}

describe.each(dbTargets())("Survey controls on VK and Messenger, and public threads, on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  const surveysOf = async (conversationId: string): Promise<Survey[]> =>
    (await api.get(`/api/conversations/${conversationId}/surveys`)).body.items;
  const surveyWhen = (conversationId: string, test: (s: Survey) => boolean, what: string) =>
    waitFor(async () => (await surveysOf(conversationId)).find(test), 20_000, what);
  const resolve = (conversationId: string, visibility: "public" | "private") =>
    replyAndResolve(api, conversationId, "Thank you, it is sorted now.", visibility);

  beforeAll(async () => {
    ({ app, sim, api } = await startSimulatedParley(target, { workerOptions: { followUpIntervalMs: 200 } }));
    await connectVkCommunity(api, sim, VK);
    await connectFacebookPage(api, sim, APP, PAGE);
    await connectViberBot(api, sim, VIBER, { name: "Nordmart Viber" });
    const settings = await api.request("PUT", "/api/surveys/settings", {
      enabled: true,
      kind: "csat",
      delaySeconds: 0,
      askComment: false,
    });
    expect(settings.status).toBe(200);
  });

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("asks on VK with an inline keyboard and takes the pressed button's payload as the score", async () => {
    const person = { id: 5501, firstName: "Ольга", lastName: "Иванова", languageCode: "ru" as const };
    await sim.vk.act(String(VK.groupId), {
      person,
      text: "Добрый день, не пришли бонусы за заказ 6612",
      visibility: "private",
    });
    const found = await conversationMatching(api, "бонусы за заказ 6612");
    await resolve(found.id, "private");
    const keyboard = await waitFor(
      async () => sim.vk.keyboardsFor(String(VK.groupId), person.id)[0],
      20_000,
      "the keyboard",
    );
    expect(keyboard.text).toContain("Как вы оцениваете");
    expect(keyboard.buttons.map((b) => b.label)).toEqual(["5", "4", "3", "2", "1"]);
    await sim.vk.pressButton(String(VK.groupId), person.id, "4");
    const answered = await surveyWhen(found.id, (s) => s.status === "answered", "the score");
    expect(answered).toMatchObject({ score: 4, answeredWith: "button" });
    expect((await api.get(`/api/conversations/${found.id}`)).body.status).toBe("resolved");
  });

  it("asks NPS on Messenger with thirteen-or-fewer quick replies and takes the tapped one", async () => {
    expect((await api.request("PUT", "/api/surveys/settings", { kind: "nps" })).status).toBe(200);
    const person = { id: 6601, firstName: "Tom", lastName: "Baker", languageCode: "en" as const };
    await sim.facebook.act(PAGE.pageId, {
      person,
      text: "Hello, my order 3310 arrived damaged, what should I do?",
      visibility: "private",
    });
    const found = await conversationMatching(api, "order 3310 arrived damaged");
    await resolve(found.id, "private");
    const question = await waitFor(
      async () => sim.facebook.sentTo(PAGE.pageId, person.id).find((m) => m.quickReplies.length > 0),
      20_000,
      "the quick replies",
    );
    expect(question.text).toContain("recommend us");
    expect(question.quickReplies.map((q) => q.title)).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    await sim.facebook.tapQuickReply(PAGE.pageId, person.id, "9");
    const answered = await surveyWhen(found.id, (s) => s.status === "answered", "the NPS score");
    expect(answered).toMatchObject({ kind: "nps", score: 9, answeredWith: "button" });
    const results = await api.get(
      `/api/surveys/results?by=channel&kind=nps&from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(results.status).toBe(200);
    expect(results.body.items).toEqual([
      expect.objectContaining({ kind: "nps", asked: 1, responses: 1, promoters: 1, npsScore: 100 }),
    ]);
    const bad = await api.get("/api/surveys/results?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_request");
  });

  it("never asks under a public comment: skipped without a private chat, asked in the person's Messenger chat when there is one", async () => {
    const stranger = { id: 6701, firstName: "Ann", lastName: "Lee", languageCode: "en" as const };
    await sim.facebook.act(PAGE.pageId, {
      person: stranger,
      text: "Is the store on Brivibas open today?",
      visibility: "public",
    });
    const publicCase = await conversationMatching(api, "store on Brivibas open");
    expect(publicCase.visibility).toBe("public");
    await resolve(publicCase.id, "public");
    const skipped = await surveyWhen(publicCase.id, (s) => s.status === "skipped", "the skipped survey");
    expect(skipped.skipReason).toBe("public_thread_no_private_chat");

    const regular = { id: 6702, firstName: "Ben", lastName: "Ray", languageCode: "en" as const };
    await sim.facebook.act(PAGE.pageId, {
      person: regular,
      text: "Hi, quick question about order 8080",
      visibility: "private",
    });
    await conversationMatching(api, "question about order 8080");
    await sim.facebook.act(PAGE.pageId, {
      person: regular,
      text: "Do you deliver to Jurmala on Sundays?",
      visibility: "public",
    });
    const regularCase = await conversationMatching(api, "deliver to Jurmala on Sundays");
    await resolve(regularCase.id, "public");
    await surveyWhen(regularCase.id, (s) => s.status === "sent", "the survey sent privately");
    // The survey is marked sent with its outbox row; the platform has it once the outbox delivered it.
    const privately = await waitFor(
      async () => {
        const found = sim.facebook.sentTo(PAGE.pageId, regular.id).filter((m) => m.quickReplies.length > 0);
        return found.length > 0 ? found : null;
      },
      15_000,
      "the question in the Messenger chat",
    );
    expect(privately.length).toBe(1);
    // Nothing went out as a comment but the agent's answer, and no private reply to the comment was spent.
    const comments = sim.state
      .callsOf("facebook", "POST /{id}/comments")
      .map((c) => String((c.params as { message?: string }).message));
    expect(comments.every((text) => text === "Thank you, it is sorted now.")).toBe(true);
    const privateReplies = sim.state
      .callsOf("facebook", "POST /{id}/messages")
      .filter((c) => (c.params.recipient as { comment_id?: string }).comment_id);
    expect(privateReplies).toEqual([]);
    const count = (await app.parley.database.db.execute(
      sql`SELECT count(*)::int AS n FROM surveys WHERE status = 'sent' OR status = 'answered'`,
    )) as unknown as { rows: { n: number }[] };
    expect(count.rows[0]!.n).toBe(3);
  });

  it("asks on Viber with a keyboard of reply buttons and takes the pressed label, mapped back by tracking_data", async () => {
    expect((await api.request("PUT", "/api/surveys/settings", { kind: "csat" })).status).toBe(200);
    const person = { id: 7701, firstName: "Мария", lastName: "Соколова", languageCode: "ru" as const };
    await sim.viber.message(VIBER.authToken, person, "Здравствуйте, курьер так и не приехал с заказом 7120");
    const found = await conversationMatching(api, "курьер так и не приехал");
    await resolve(found.id, "private");
    const question = await waitFor(
      async () => sim.viber.sentTo(VIBER.authToken, person.id).find((m) => m.keyboard.length > 0),
      20_000,
      "the keyboard",
    );
    expect(question.text).toContain("Как вы оцениваете");
    expect(question.keyboard.map((b) => b.actionBody)).toEqual(["5", "4", "3", "2", "1"]);
    await sim.viber.pressButton(VIBER.authToken, person, "4");
    const answered = await surveyWhen(found.id, (s) => s.status === "answered", "the score");
    expect(answered).toMatchObject({ score: 4, answeredWith: "button" });
    expect((await api.get(`/api/conversations/${found.id}`)).body.status).toBe("resolved");
  });

  it("skips the survey of a Viber customer who unsubscribed, with the reason", async () => {
    const person = { id: 7702, firstName: "Līga", lastName: "Kalniņa", languageCode: "lv" as const };
    await sim.viber.message(VIBER.authToken, person, "Paldies, viss kārtībā ar pasūtījumu 7130?");
    const found = await conversationMatching(api, "pasūtījumu 7130");
    const reply = await api.post(`/api/conversations/${found.id}/messages`, {
      text: "Jā, tas ir ceļā.",
      visibility: "private",
    });
    expect(reply.status).toBe(202);
    await sim.viber.unsubscribe(VIBER.authToken, person);
    await waitFor(
      async () => (await api.get(`/api/conversations/${found.id}`)).body.replyBlocked,
      20_000,
      "the unsubscription",
    );
    expect((await api.post(`/api/conversations/${found.id}/status`, { status: "resolved" })).status).toBe(
      200,
    );
    const skipped = await surveyWhen(found.id, (s) => s.status === "skipped", "the skipped survey");
    expect(skipped.skipReason).toBe("recipient_unsubscribed");
    expect(sim.viber.sentTo(VIBER.authToken, person.id).filter((m) => m.keyboard.length > 0)).toEqual([]);
  });
});
