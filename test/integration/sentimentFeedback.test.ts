import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/server/auth/password.ts";
import type { RunningSimulator } from "../../src/simulator/simulatorServer.ts";
import { users, workspaces } from "../../src/store/schema.ts";
import { ensureTriageDefaults } from "../../src/triage/triageDefaults.ts";
import { ApiClient } from "../support/apiClient.ts";
import { openEventStream } from "../support/eventStream.ts";
import { connectTelegramBot, startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { type TestParley, waitFor } from "../support/testParley.ts";

const BOT = { token: "700100200:sentiment-token", username: "paka_bot", firstName: "Paka" };
const OTHER_BOT = { token: "700100300:other-token", username: "other_bot", firstName: "Other" };
const OTHER_ADMIN = { email: "admin@other.test", password: "other-horse-battery" };

interface JudgedMessage {
  id: string;
  direction: string;
  text: string;
  sentiment: {
    label: string;
    judged: string;
    score: number;
    model: string;
    corrected: boolean;
  } | null;
}

describe.each(dbTargets())("Agents correcting sentiment on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  let otherApi: ApiClient;
  let personId = 9100;
  const query = async <T>(statement: ReturnType<typeof sql>) =>
    ((await app.parley.database.db.execute(statement)) as unknown as { rows: T[] }).rows;

  /** A new customer writes to `bot`; resolves with the conversation and the message once triage judged it. */
  async function customerWrites(
    client: ApiClient,
    bot: typeof BOT,
    text: string,
    name = `Klients ${personId}`,
  ) {
    const person = { id: personId++, firstName: name, languageCode: "lv" as const };
    await sim.telegram.act(bot.token, { person, text, visibility: "private" });
    return judgedMessage(client, name, text);
  }

  async function judgedMessage(client: ApiClient, name: string, text: string) {
    return waitFor(
      async () => {
        const list = await client.get("/api/conversations");
        const conversation = list.body.items.find(
          (c: { contact: { displayName: string } }) => c.contact.displayName === name,
        );
        if (!conversation) return null;
        const items: JudgedMessage[] = (await client.get(`/api/conversations/${conversation.id}/messages`))
          .body.items;
        const message = items.find((m) => m.direction === "in" && m.text === text && m.sentiment);
        return message ? { conversation, message } : null;
      },
      15_000,
      `the judged message "${text}"`,
    );
  }

  const correct = (client: ApiClient, conversationId: string, messageId: string, sentiment: unknown) =>
    client.post(`/api/conversations/${conversationId}/messages/${messageId}/sentiment`, { sentiment });

  const conversationOf = async (client: ApiClient, id: string) =>
    (await client.get(`/api/conversations/${id}`)).body;

  beforeAll(async () => {
    ({ app, sim, api } = await startSimulatedParley(target));
    await connectTelegramBot(api, sim, BOT, { name: "Paka", webhookSecret: "paka-secret" });

    // A second workspace on the same server, with its own admin and channel: what it learns stays its own.
    const db = app.parley.database.db;
    const [other] = await db.insert(workspaces).values({ name: "Other shop" }).returning();
    await ensureTriageDefaults(db, other!.id);
    await db.insert(users).values({
      workspaceId: other!.id,
      email: OTHER_ADMIN.email,
      name: "Other admin",
      role: "admin",
      passwordHash: await hashPassword(OTHER_ADMIN.password),
    });
    otherApi = await ApiClient.login(app.url, OTHER_ADMIN.email, OTHER_ADMIN.password);
    await connectTelegramBot(otherApi, sim, OTHER_BOT, { name: "Other", webhookSecret: "other-secret" });
  });

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  let first: Awaited<ReturnType<typeof customerWrites>>;

  it("judges each customer message and stores its mood, score and model on it and on the conversation", async () => {
    first = await customerWrites(api, BOT, "pakomāts rāda kodu E17");
    expect(first.message.sentiment).toMatchObject({
      label: "neutral",
      judged: "neutral",
      model: "builtin",
      corrected: false,
    });
    expect(typeof first.message.sentiment!.score).toBe("number");
    expect((await conversationOf(api, first.conversation.id)).sentiment).toBe("neutral");
    const [stored] = await query<{ language: string; sentiment_judged_at: string | null }>(
      sql`SELECT language, sentiment_judged_at FROM messages WHERE id = ${first.message.id}`,
    );
    expect(stored).toMatchObject({ language: "lv" });
    expect(stored!.sentiment_judged_at).not.toBeNull();
  });

  it("refuses an unknown label, another workspace's user and a stranger, and changes nothing", async () => {
    const { conversation, message } = first;
    const invalid = await correct(api, conversation.id, message.id, "furious");
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe("invalid_request");
    // Another workspace's admin cannot even see the conversation (404, as for every conversation route).
    expect((await correct(otherApi, conversation.id, message.id, "negative")).status).toBe(404);
    const stranger = await fetch(
      `${app.url}/api/conversations/${conversation.id}/messages/${message.id}/sentiment`,
      { method: "POST", headers: { "content-type": "application/json" }, body: '{"sentiment":"negative"}' },
    );
    expect(stranger.status).toBe(401);
    // A signed-in browser without the CSRF header is refused too.
    const forged = await fetch(
      `${app.url}/api/conversations/${conversation.id}/messages/${message.id}/sentiment`,
      {
        method: "POST",
        headers: { "content-type": "application/json", cookie: api.cookie },
        body: '{"sentiment":"negative"}',
      },
    );
    expect(forged.status).toBe(403);
    // A message that is not this conversation's.
    expect((await correct(api, conversation.id, conversation.id, "negative")).status).toBe(404);

    const [corrections] = await query<{ count: string }>(
      sql`SELECT count(*) AS count FROM sentiment_corrections`,
    );
    expect(Number(corrections!.count)).toBe(0);
    const [audits] = await query<{ count: string }>(
      sql`SELECT count(*) AS count FROM audit_log WHERE action = 'message.sentiment_corrected'`,
    );
    expect(Number(audits!.count)).toBe(0);
    const messages = (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items;
    expect(messages[0].sentiment).toMatchObject({ label: "neutral", corrected: false });
    expect((await conversationOf(api, conversation.id)).sentiment).toBe("neutral");
  });

  it("records a correction with who, when and what, audits it, updates the conversation and tells open views", async () => {
    const { conversation, message } = first;
    const me = (await api.get("/api/me")).body;
    const stream = await openEventStream(`${app.url}/api/events`, api.cookie);
    const answer = await correct(api, conversation.id, message.id, "negative");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      changed: true,
      conversationChanged: true,
      message: { id: message.id, sentiment: { label: "negative", judged: "neutral", corrected: true } },
    });
    // The deciding message's tone is now negative: the conversation's mood and priority follow, as triage's would.
    expect(await conversationOf(api, conversation.id)).toMatchObject({
      sentiment: "negative",
      priority: "high",
      priorityReasons: [{ kind: "negative_sentiment" }],
    });
    const [priorityEvent] = await query<{ details: Record<string, unknown> }>(sql`
      SELECT details FROM conversation_events WHERE conversation_id = ${conversation.id} AND type = 'priority_changed'`);
    expect(priorityEvent!.details).toMatchObject({ priority: "high", reason: "sentiment_corrected" });

    const corrections = await query<Record<string, unknown>>(sql`
      SELECT message_id, conversation_id, language, text, original_label, corrected_label, model, created_by, created_at
      FROM sentiment_corrections`);
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({
      message_id: message.id,
      conversation_id: conversation.id,
      language: "lv",
      text: "pakomāts rāda kodu E17",
      original_label: "neutral",
      corrected_label: "negative",
      model: "builtin",
      created_by: me.user.id,
    });
    expect(corrections[0]!.created_at).toBeTruthy();
    const [audit] = await query<{
      actor_user_id: string;
      target_id: string;
      details: Record<string, unknown>;
    }>(sql`
      SELECT actor_user_id, target_id, details FROM audit_log WHERE action = 'message.sentiment_corrected'`);
    expect(audit).toMatchObject({
      actor_user_id: me.user.id,
      target_id: message.id,
      details: {
        from: "neutral",
        to: "negative",
        judged: "neutral",
        language: "lv",
        conversationChanged: true,
      },
    });

    await waitFor(
      async () =>
        stream.received.some((e) => {
          const change = JSON.parse(e.data);
          return change.type === "message.updated" && change.messageId === message.id;
        }),
      10_000,
      "the change notice",
    );
    stream.close();

    // Pressing the label that already stands records nothing.
    const again = await correct(api, conversation.id, message.id, "negative");
    expect(again.body).toMatchObject({ changed: false });
    const [count] = await query<{ count: string }>(sql`SELECT count(*) AS count FROM sentiment_corrections`);
    expect(Number(count!.count)).toBe(1);
  });

  it("after three corrections judges the next similar message negative in that workspace, and not in another", async () => {
    for (const text of ["Pakomāts rāda kodu E17.", "mans pakomāts rāda kodu E17"]) {
      const { conversation, message } = await customerWrites(api, BOT, text);
      // Two corrections are not enough to teach: the model's word still stands.
      expect(message.sentiment).toMatchObject({ label: "neutral", model: "builtin" });
      expect((await correct(api, conversation.id, message.id, "negative")).status).toBe(200);
    }
    const next = await customerWrites(api, BOT, "Sveiki, pakomāts rāda kodu E17");
    expect(next.message.sentiment).toMatchObject({
      label: "negative",
      judged: "negative",
      model: "builtin+learned",
      corrected: false,
    });
    expect(next.message.sentiment!.score).toBeLessThan(0);
    expect(await conversationOf(api, next.conversation.id)).toMatchObject({
      sentiment: "negative",
      priority: "high",
      priorityReasons: [{ kind: "negative_sentiment" }],
    });

    const elsewhere = await customerWrites(otherApi, OTHER_BOT, "Sveiki, pakomāts rāda kodu E17");
    expect(elsewhere.message.sentiment).toMatchObject({ label: "neutral", model: "builtin" });
  });

  it("counts how often agents disagree with the model, per language and per pair, over a period", async () => {
    const figures = (await api.get("/api/sentiment/disagreement")).body;
    expect(figures).toMatchObject({
      judged: 4,
      disagreed: 3,
      rate: 0.75,
      corrections: 3,
      byLanguage: [{ language: "lv", judged: 4, disagreed: 3, rate: 0.75 }],
      byPair: [{ judged: "neutral", corrected: "negative", count: 3 }],
    });
    // An agent who changes their mind back to the model's label agrees with it after all.
    expect((await correct(api, first.conversation.id, first.message.id, "neutral")).status).toBe(200);
    const after = (await api.get("/api/sentiment/disagreement")).body;
    expect(after).toMatchObject({ judged: 4, disagreed: 2, rate: 0.5, corrections: 4 });
    // The tone's reason goes with it; the priority, as ever in triage, does not fall by itself.
    expect(await conversationOf(api, first.conversation.id)).toMatchObject({
      sentiment: "neutral",
      priority: "high",
      priorityReasons: [],
    });

    const before = new Date(Date.now() - 3_600_000).toISOString();
    const past = (
      await api.get(
        `/api/sentiment/disagreement?from=${encodeURIComponent(new Date(Date.now() - 30 * 86_400_000).toISOString())}&to=${encodeURIComponent(before)}`,
      )
    ).body;
    expect(past).toMatchObject({
      judged: 0,
      disagreed: 0,
      rate: 0,
      corrections: 0,
      byLanguage: [],
      byPair: [],
    });
    expect(
      (
        await api.get(
          `/api/sentiment/disagreement?from=${encodeURIComponent(before)}&to=${encodeURIComponent(before)}`,
        )
      ).status,
    ).toBe(400);
    expect((await api.get("/api/sentiment/disagreement?from=yesterday")).status).toBe(400);

    // The other workspace's figures are its own.
    expect((await otherApi.get("/api/sentiment/disagreement")).body).toMatchObject({
      judged: 1,
      disagreed: 0,
    });
  });

  it("changes the conversation's mood only when the corrected message is its latest customer message", async () => {
    const name = "Klients divreiz";
    const earlier = await customerWrites(otherApi, OTHER_BOT, "pakomāts rāda kodu E17", name);
    await sim.telegram.act(OTHER_BOT.token, {
      person: { id: personId - 1, firstName: name, languageCode: "lv" },
      text: "Paldies, viss ir lieliski!",
      visibility: "private",
    });
    const later = await judgedMessage(otherApi, name, "Paldies, viss ir lieliski!");
    const latestMood = (await conversationOf(otherApi, earlier.conversation.id)).sentiment;
    expect(latestMood).toBe(later.message.sentiment!.label);
    const answer = await correct(otherApi, earlier.conversation.id, earlier.message.id, "negative");
    expect(answer.body).toMatchObject({ changed: true, conversationChanged: false });
    expect((await conversationOf(otherApi, earlier.conversation.id)).sentiment).toBe(latestMood);
  });
});
