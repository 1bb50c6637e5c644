import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../src/domain/inboundEvent.ts";
import { applyInboundEvent } from "../../src/ingest/applyInboundEvent.ts";
import { channels } from "../../src/store/schema.ts";
import {
  connectTelegramBot,
  type SimulatedParley,
  startSimulatedParley,
} from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { waitFor } from "../support/testParley.ts";

/**
 * What a keyword search or a feed captures (issue 13) is listening's until its triage says a person must answer.
 * The captured posts go through the same ingestion step a connector's events take; X and the feeds have their
 * own end-to-end tests on top of this.
 */
describe.each(dbTargets())("Posts captured by listening on $name", (target) => {
  let env: SimulatedParley;
  let channelId: string;
  let seq = 0;

  const capture = async (text: string, threadKey = `captured-${++seq}`, captured = true) => {
    const db = env.app.parley.database.db;
    const [channel] = await db.select().from(channels).where(eq(channels.id, channelId));
    const event: InboundMessage = {
      type: "message",
      platform: "telegram",
      externalId: `post-${++seq}`,
      threadKey,
      visibility: "public",
      author: { externalId: `author-${threadKey}`, displayName: `Author ${threadKey}` },
      text,
      attachments: [],
      sentAt: new Date(),
      replyTarget: { chatId: threadKey },
      capturedByListening: captured,
    };
    await db.transaction((tx) => applyInboundEvent(tx, channel!, event));
    return threadKey;
  };
  const conversationOf = async (threadKey: string) => {
    const rows = (await env.app.parley.database.db.execute(
      sql`SELECT id, in_inbox, awaiting_reply, status FROM conversations WHERE thread_key = ${threadKey}`,
    )) as unknown as { rows: { id: string; in_inbox: boolean; awaiting_reply: boolean; status: string }[] };
    return rows.rows[0]!;
  };
  const inboxIds = async () =>
    ((await env.api.get("/api/conversations?limit=100")).body.items as { id: string }[]).map((c) => c.id);
  const mentionOf = async (conversationId: string) =>
    (
      (await env.api.get("/api/listening/mentions?limit=200")).body.items as {
        conversationId: string;
        decision: string;
      }[]
    ).find((m) => m.conversationId === conversationId);

  beforeAll(async () => {
    env = await startSimulatedParley(target);
    const created = await connectTelegramBot(
      env.api,
      env.sim,
      { token: "42:capture", username: "capture_bot", firstName: "Capture" },
      { name: "Capture", webhookSecret: "capture-secret" },
    );
    channelId = created.id;
    const topic = await env.api.post("/api/listening/topics", {
      name: "Nordmart",
      kind: "brand",
      query: "nordmart",
    });
    expect(topic.status).toBe(201);
  });
  afterAll(async () => {
    await env?.app.stop();
    await env?.sim.stop();
  });

  it("keeps a passing remark out of the inbox, triage and reports, and records it in listening", async () => {
    const key = await capture("Saw a Nordmart van on my street today");
    const conversation = await conversationOf(key);
    expect(conversation).toMatchObject({ in_inbox: false, awaiting_reply: false });
    const mention = await waitFor(() => mentionOf(conversation.id), 15_000, "the mention");
    expect(mention.decision).toBe("record");
    expect(await inboxIds()).not.toContain(conversation.id);
    const events = (await env.app.parley.database.db.execute(
      sql`SELECT count(*)::int AS n FROM conversation_events WHERE conversation_id = ${conversation.id}`,
    )) as unknown as { rows: { n: number }[] };
    expect(events.rows[0]!.n).toBe(0);
    const facts = (await env.app.parley.database.db.execute(
      sql`SELECT count(*)::int AS n FROM report_facts WHERE conversation_id = ${conversation.id}`,
    )) as unknown as { rows: { n: number }[] };
    expect(facts.rows[0]!.n).toBe(0);
    // Still reachable by its id, for listening's link to it.
    expect((await env.api.get(`/api/conversations/${conversation.id}`)).status).toBe(200);
  });

  it("brings a complaint into the inbox unread, where triage starts its clocks", async () => {
    const key = await capture("Nordmart lost my parcel again, this is terrible");
    const { id } = await conversationOf(key);
    const mention = await waitFor(() => mentionOf(id), 15_000, "the mention");
    expect(mention.decision).toBe("ticket");
    expect(await conversationOf(key)).toMatchObject({ in_inbox: true, awaiting_reply: true, status: "new" });
    expect(await inboxIds()).toContain(id);
    await waitFor(
      async () => {
        const clocks = (await env.app.parley.database.db.execute(
          sql`SELECT count(*)::int AS n FROM sla_clocks WHERE conversation_id = ${id}`,
        )) as unknown as { rows: { n: number }[] };
        return clocks.rows[0]!.n > 0;
      },
      15_000,
      "the first-response clock",
    );
  });

  it("lets the customer addressing the brand in a captured thread bring it in", async () => {
    const key = await capture("Nordmart opened a store nearby");
    const { id } = await conversationOf(key);
    await waitFor(() => mentionOf(id), 15_000, "the mention");
    expect((await conversationOf(key)).in_inbox).toBe(false);
    await capture("@capture_bot can you deliver to Jelgava?", key, false);
    expect(await conversationOf(key)).toMatchObject({ in_inbox: true, awaiting_reply: true });
    expect(await inboxIds()).toContain(id);
  });
});
