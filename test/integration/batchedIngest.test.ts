import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawEventWriterFor } from "../../src/ingest/rawEventGroupWriter.ts";
import type { Db } from "../../src/store/database.ts";
import { ApiClient } from "../support/apiClient.ts";
import { createTestDatabase, dbTargets, type TestDatabase } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const SECRET = "batch-secret";
const CHATS = [81_001, 81_002, 81_003];
const MESSAGES_PER_CHAT = 30;
/** Messages of each chat that the customer edits, the edit arriving after later messages. */
const EDITED = new Set([3, 17, 29]);

function update(updateId: number, chat: number, messageId: number, text: string, edited = false) {
  const message = {
    message_id: messageId,
    date: 1_790_000_000 + messageId,
    ...(edited ? { edit_date: 1_790_000_500 + messageId } : {}),
    chat: { id: chat, type: "private", first_name: "Batch" },
    from: { id: chat, is_bot: false, first_name: "Batch", last_name: String(chat) },
    text,
  };
  return { update_id: updateId, [edited ? "edited_message" : "message"]: message };
}

/** Each chat's messages, then edits of some of them, interleaved across chats as a storm would bring them. */
function storm(): object[] {
  const updates: object[] = [];
  let updateId = 500_000;
  for (let m = 1; m <= MESSAGES_PER_CHAT; m++) {
    for (const chat of CHATS) updates.push(update(updateId++, chat, m, `Chat ${chat}, message ${m}`));
    if (m > 5 && EDITED.has(m - 5))
      for (const chat of CHATS)
        updates.push(update(updateId++, chat, m - 5, `Chat ${chat}, message ${m - 5}, edited`, true));
  }
  // The last edit's message is the chat's last but one: its edit comes after everything else.
  for (const m of [...EDITED].filter((m) => m > MESSAGES_PER_CHAT - 5))
    for (const chat of CHATS)
      updates.push(update(updateId++, chat, m, `Chat ${chat}, message ${m}, edited`, true));
  return updates;
}

async function post(url: string, body: object): Promise<number> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe.each(dbTargets())("Batched ingest on $name", (target) => {
  let database: TestDatabase;
  let dataDir: string;
  let front: TestParley | undefined;
  let app: TestParley;
  let second: TestParley | undefined;
  let webhookUrl: string;
  let channelId: string;

  beforeAll(async () => {
    database = await createTestDatabase(target);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-batch-"));
    // The storm is stored by a server alone, so the worker that starts afterwards finds it all waiting and takes
    // it in full batches (on PGlite, in time slices that stop mid-batch).
    front = await startTestParley(target, { roles: ["server"], dataDir, databaseUrl: database.databaseUrl });
    const api = await ApiClient.login(front.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await api.post("/api/channels", {
      platform: "telegram",
      name: "Storm",
      settings: { botToken: "1:storm", webhookSecret: SECRET, mode: "webhook" },
      apiBaseUrl: "http://127.0.0.1:9",
    });
    expect(created.status).toBe(201);
    webhookUrl = created.body.webhookUrl;
    channelId = created.body.id;
  });

  afterAll(async () => {
    await front?.stop();
    await second?.stop();
    await app?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("groups concurrent acknowledgements: a repeat delivered at the same time is stored once, and counted once", async () => {
    const db = front!.parley.database.db;
    const row = (dedupKey: string, workspaceId?: string) => ({
      workspaceId: workspaceId ?? front!.parley.bootstrap.workspaceId,
      channelId,
      platform: "telegram",
      dedupKey,
      payload: update(1, 1, 1, "group probe"),
      status: "unparseable" as const,
      error: "group commit probe",
      processedAt: new Date(),
    });
    const writer = rawEventWriterFor(db);
    const results = await Promise.allSettled([
      writer.store([row("probe:1"), row("probe:2")]),
      writer.store([row("probe:2"), row("probe:3")]),
      writer.store([row("probe:1")]),
      writer.store([row("probe:bad", "not-a-uuid")]),
      writer.store([row("probe:4")]),
    ]);
    // Each request hears of its own new rows; the one that PostgreSQL refuses fails alone.
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "refused"))).toEqual([
      2,
      1,
      0,
      "refused",
      1,
    ]);
    const stored = await rows<{ dedup_key: string }>(
      db,
      sql`SELECT dedup_key FROM raw_events WHERE dedup_key LIKE 'probe:%' ORDER BY dedup_key`,
    );
    expect(stored.map((r) => r.dedup_key)).toEqual(["probe:1", "probe:2", "probe:3", "probe:4"]);
  });

  it("acknowledges a storm, and keeps every conversation's events in order through batched processing", async () => {
    const updates = storm();
    // One chat's updates come one after another (a platform waits for each answer); the chats come at once.
    const statuses = await Promise.all(
      CHATS.map(async (chat) => {
        const own = updates.filter((u) => JSON.stringify(u).includes(`"id":${chat},"type"`));
        const answers: number[] = [];
        for (const u of own) answers.push(await post(webhookUrl, u));
        return answers;
      }),
    );
    expect(statuses.flat().every((status) => status === 200)).toBe(true);
    // A platform's retry of a whole burst changes nothing.
    const repeats = await Promise.all(updates.slice(0, 20).map((u) => post(webhookUrl, u)));
    expect(repeats.every((status) => status === 200)).toBe(true);
    await front!.stop();
    front = undefined;

    app = await startTestParley(target, { dataDir, databaseUrl: database.databaseUrl });
    // On PostgreSQL a second worker process shares the queue: a thread's events must still go in order.
    if (target.name === "postgres")
      second = await startTestParley(target, {
        roles: ["worker"],
        dataDir,
        databaseUrl: database.databaseUrl,
      });
    const db = app.parley.database.db;
    await waitFor(
      async () => {
        const [left] = await rows<{ raw: number; triage: number }>(
          db,
          sql`SELECT (SELECT count(*) FROM raw_events WHERE status = 'pending')::int AS raw,
            (SELECT count(*) FROM conversation_events WHERE processed_at IS NULL)::int AS triage`,
        );
        return left!.raw === 0 && left!.triage === 0;
      },
      60_000,
      "the storm to be processed and triaged",
    );

    const raw = await rows<{ status: string; n: number }>(
      db,
      sql`SELECT status, count(*)::int AS n FROM raw_events WHERE dedup_key LIKE 'update:%' GROUP BY status`,
    );
    expect(raw).toEqual([{ status: "processed", n: updates.length }]);

    for (const chat of CHATS) {
      const messages = await rows<{ external_id: string; text: string; edited: boolean }>(
        db,
        sql`SELECT m.external_id, m.text, m.edited_at IS NOT NULL AS edited FROM messages m
          JOIN conversations c ON c.id = m.conversation_id
          WHERE c.channel_id = ${channelId} AND c.thread_key = ${`chat:${chat}`}
          ORDER BY m.sent_at`,
      );
      // One message per update, edits applied to their message.
      expect(messages.map((m) => m.text)).toEqual(
        Array.from({ length: MESSAGES_PER_CHAT }, (_, i) =>
          EDITED.has(i + 1) ? `Chat ${chat}, message ${i + 1}, edited` : `Chat ${chat}, message ${i + 1}`,
        ),
      );
      expect(messages.filter((m) => m.edited).length).toBe(EDITED.size);

      // Stored in the order the customer wrote them (each raw event applied after the ones before it).
      const applied = await rows<{ text: string }>(
        db,
        sql`SELECT m.text FROM messages m JOIN conversations c ON c.id = m.conversation_id
          JOIN conversation_events e ON e.type = 'message_received' AND (e.details->>'messageId')::uuid = m.id
          WHERE c.channel_id = ${channelId} AND c.thread_key = ${`chat:${chat}`} ORDER BY e.id`,
      );
      expect(applied.map((m) => m.text)).toEqual(messages.map((m) => m.text));
      const [conversation] = await rows<{ preview: string }>(
        db,
        sql`SELECT last_message_preview AS preview FROM conversations
          WHERE channel_id = ${channelId} AND thread_key = ${`chat:${chat}`}`,
      );
      expect(conversation?.preview).toBe(messages.at(-1)?.text);

      // Triage heard of the messages in the same order, each once, and handled every event without an error.
      const events = await rows<{ type: string; text: string | null; error: string | null }>(
        db,
        sql`SELECT e.type, m.text, e.error FROM conversation_events e
          JOIN conversations c ON c.id = e.conversation_id
          LEFT JOIN messages m ON m.id = (e.details->>'messageId')::uuid
          WHERE c.channel_id = ${channelId} AND c.thread_key = ${`chat:${chat}`}
            AND e.type IN ('conversation_created', 'message_received')
          ORDER BY e.id`,
      );
      expect(events[0]?.type).toBe("conversation_created");
      const received = events.filter((e) => e.type === "message_received");
      expect(received.map((e) => e.text)).toEqual(messages.map((m) => m.text));
      expect(events.every((e) => e.error === null)).toBe(true);

      // A batch writes its messages together: each searchable at once (an edit sends its message back to the
      // search indexer), each step kept for the reports.
      const [written] = await rows<{ searchable: number; reported: number }>(
        db,
        sql`SELECT count(*) FILTER (WHERE m.search_vector IS NOT NULL OR m.edited_at IS NOT NULL)::int AS searchable,
            (SELECT count(*) FROM report_events r WHERE r.conversation_id = c.id
              AND r.type = 'message_received')::int AS reported
          FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE c.channel_id = ${channelId} AND c.thread_key = ${`chat:${chat}`} GROUP BY c.id`,
      );
      expect(written).toEqual({ searchable: MESSAGES_PER_CHAT, reported: MESSAGES_PER_CHAT });
    }
    // Each customer is created once, though a batch brought several of their messages before any was stored.
    const people = await rows<{ external_id: string; contacts: number }>(
      db,
      sql`SELECT i.external_id, count(DISTINCT i.contact_id)::int AS contacts FROM contact_identities i
        WHERE i.platform = 'telegram' AND i.external_id IN (${sql.join(
          CHATS.map((chat) => sql`${String(chat)}`),
          sql`, `,
        )}) GROUP BY i.external_id ORDER BY i.external_id`,
    );
    expect(people).toEqual(CHATS.map((chat) => ({ external_id: String(chat), contacts: 1 })));
    const [contacts] = await rows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM contacts WHERE display_name LIKE 'Batch %'`,
    );
    expect(contacts?.n).toBe(CHATS.length);
  });

  it("answers each conversation of the storm once, through the outbox", async () => {
    const api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const list = await api.get("/api/conversations?limit=10");
    const storm = list.body.items.filter((c: { channel: { name: string } }) => c.channel.name === "Storm");
    expect(storm.length).toBe(CHATS.length);
    for (const conversation of storm) {
      const sent = await api.post(`/api/conversations/${conversation.id}/messages`, {
        text: "Thank you, we are on it.",
        visibility: "private",
      });
      expect(sent.status).toBe(202);
    }
    const db = app.parley.database.db;
    const replies = await rows<{ conversation_id: string; n: number; keys: number }>(
      db,
      sql`SELECT conversation_id, count(*)::int AS n, count(DISTINCT idempotency_key)::int AS keys
        FROM outbox GROUP BY conversation_id`,
    );
    expect(replies.length).toBe(CHATS.length);
    expect(replies.every((r) => r.n === 1 && r.keys === 1)).toBe(true);
  });
  it("holds a conversation's later events behind one waiting out a retry, then takes them in one turn", async () => {
    const db = app.parley.database.db;
    // The server that took the storm is gone; the one with the worker answers webhooks now.
    const door = new URL(new URL(webhookUrl).pathname, app.url).toString();
    const [conversation] = await rows<{ id: string; workspace_id: string }>(
      db,
      sql`SELECT id, workspace_id FROM conversations
        WHERE channel_id = ${channelId} AND thread_key = ${`chat:${CHATS[0]}`}`,
    );
    // As if triage of the first had failed once: it waits an hour for its retry.
    const held = await rows<{ id: number }>(
      db,
      sql`INSERT INTO conversation_events (workspace_id, conversation_id, type, details, attempts, next_attempt_at)
        VALUES (${conversation!.workspace_id}, ${conversation!.id}, 'priority_changed', '{}', 1, now() + interval '1 hour'),
          (${conversation!.workspace_id}, ${conversation!.id}, 'priority_changed', '{}', 0, now()),
          (${conversation!.workspace_id}, ${conversation!.id}, 'priority_changed', '{}', 0, now())
        RETURNING id`,
    );
    // Triage has had its turns once a message of another chat, sent after them, is triaged.
    expect(await post(door, update(900_001, CHATS[1]!, 901, "After the held events"))).toBe(200);
    const triaged = async (text: string) =>
      (
        await rows<{ n: number }>(
          db,
          sql`SELECT count(*)::int AS n FROM conversation_events e JOIN messages m
            ON m.id = (e.details->>'messageId')::uuid
            WHERE e.type = 'message_received' AND m.text = ${text} AND e.processed_at IS NOT NULL`,
        )
      )[0]!.n === 1;
    await waitFor(() => triaged("After the held events"), 30_000, "the later chat's message to be triaged");
    const ids = sql.join(
      held.map((row) => sql`${row.id}`),
      sql`, `,
    );
    const waiting = await rows<{ id: number }>(
      db,
      sql`SELECT id FROM conversation_events WHERE id IN (${ids}) AND processed_at IS NULL ORDER BY id`,
    );
    expect(waiting.map((row) => row.id)).toEqual(held.map((row) => row.id));

    // Its retry comes due: all three are handled, none set aside.
    await db.execute(sql`UPDATE conversation_events SET next_attempt_at = now() WHERE id = ${held[0]!.id}`);
    expect(await post(door, update(900_002, CHATS[0]!, 902, "Wakes triage"))).toBe(200);
    await waitFor(
      async () =>
        (
          await rows<{ n: number }>(
            db,
            sql`SELECT count(*)::int AS n FROM conversation_events WHERE id IN (${ids}) AND processed_at IS NULL`,
          )
        )[0]!.n === 0,
      30_000,
      "the held events to be handled",
    );
    const handled = await rows<{ error: string | null }>(
      db,
      sql`SELECT error FROM conversation_events WHERE id IN (${ids})`,
    );
    expect(handled.every((row) => row.error === null)).toBe(true);
  });

  it("triages the rest of a batch when one conversation's event fails, and retries only that one", async () => {
    const db = app.parley.database.db;
    const door = new URL(new URL(webhookUrl).pathname, app.url).toString();
    const chats = await rows<{ id: string; workspace_id: string }>(
      db,
      sql`SELECT id, workspace_id FROM conversations WHERE channel_id = ${channelId}
        AND thread_key IN (${`chat:${CHATS[1]}`}, ${`chat:${CHATS[2]}`}) ORDER BY thread_key`,
    );
    const [poisoned, healthy] = chats;
    // An event whose message id PostgreSQL refuses: its triage fails every time, as a bug's would. Beside it, in
    // the same statement (so the same run of triage takes both), an event of another chat.
    const [poison, beside] = await rows<{ id: number }>(
      db,
      sql`INSERT INTO conversation_events (workspace_id, conversation_id, type, details)
        VALUES (${poisoned!.workspace_id}, ${poisoned!.id}, 'message_received', '{"messageId": "not-a-uuid"}'),
          (${healthy!.workspace_id}, ${healthy!.id}, 'priority_changed', '{}')
        RETURNING id`,
    );
    expect(await post(door, update(900_003, CHATS[0]!, 903, "Wakes triage again"))).toBe(200);
    await waitFor(
      async () =>
        (
          await rows<{ n: number }>(
            db,
            sql`SELECT count(*)::int AS n FROM conversation_events
              WHERE id = ${beside!.id} AND processed_at IS NOT NULL AND error IS NULL`,
          )
        )[0]!.n === 1,
      30_000,
      "the other chat's event to be triaged",
    );
    await waitFor(
      async () =>
        (
          await rows<{ attempts: number }>(
            db,
            sql`SELECT attempts FROM conversation_events WHERE id = ${poison!.id}`,
          )
        )[0]!.attempts >= 1,
      30_000,
      "the failing event to be put off",
    );
    const [failed] = await rows<{ error: string | null; waits: boolean }>(
      db,
      sql`SELECT error, processed_at IS NULL AND next_attempt_at > now() AS waits
        FROM conversation_events WHERE id = ${poison!.id}`,
    );
    expect(failed?.error).toMatch(/uuid/);
    expect(failed?.waits).toBe(true);
  });
});
