/**
 * Inbox search benchmark: seeds a workspace with conversations and messages (texts of eval/listening in
 * ru/pl/lv/en, one message in five carrying an order number), then times the search box through the API:
 * an order number, a word found nowhere, an inflected common word, a customer's name, and no search at all.
 * Prints one JSON object per database.
 * Usage: node bench/search.bench.ts [conversations=100000] [messagesPerConversation=5] [runs=30]
 *   (BENCH_DATABASE_URL adds PostgreSQL; PGlite is seeded with a tenth of the conversations)
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { messageLexemes } from "../src/search/searchLexemes.ts";
import { type DbTarget, dbTargets } from "../test/support/testDatabase.ts";
import { startTestParley } from "../test/support/testParley.ts";
import { benchTelegramChannel } from "./benchChannel.ts";

const CONVERSATIONS = Number(process.argv[2] ?? 100_000);
const PER_CONVERSATION = Number(process.argv[3] ?? 5);
const RUNS = Number(process.argv[4] ?? 30);

const PHRASES = readFileSync(new URL("../eval/listening/mentions.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { text: string }).text);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function runOn(target: DbTarget) {
  const conversations = target.name === "pglite" ? Math.round(CONVERSATIONS / 10) : CONVERSATIONS;
  const app = await startTestParley(target, { roles: ["server"] });
  try {
    const { api } = await benchTelegramChannel(app.url);
    const db = app.parley.database.db;
    const seedStart = performance.now();
    await db.execute(sql`CREATE TEMP TABLE bench_phrases (idx int PRIMARY KEY, text text, lexemes text[])`);
    await db.execute(sql`INSERT INTO bench_phrases
      SELECT (p->>'i')::int, p->>'t', ARRAY(SELECT jsonb_array_elements_text(p->'l'))
      FROM jsonb_array_elements(${JSON.stringify(PHRASES.map((t, i) => ({ i, t, l: messageLexemes(t) })))}::jsonb) p`);
    // Bulk loading into a GIN index row by row is slow; the index is rebuilt once after the load.
    await db.execute(sql`DROP INDEX IF EXISTS messages_search_idx`);
    await db.execute(sql`INSERT INTO contacts (id, workspace_id, display_name)
      SELECT md5('contact' || g)::uuid, ch.workspace_id, 'Customer ' || g
      FROM generate_series(1, ${conversations}) g, (SELECT workspace_id FROM channels LIMIT 1) ch`);
    await db.execute(sql`INSERT INTO conversations (id, workspace_id, channel_id, contact_id, thread_key, visibility,
        reply_target, last_message_at, last_message_preview)
      SELECT md5('conversation' || g)::uuid, ch.workspace_id, ch.id, md5('contact' || g)::uuid, 'bench:' || g,
        'private', '{}'::jsonb, now() - (g || ' seconds')::interval, ''
      FROM generate_series(1, ${conversations}) g, (SELECT id, workspace_id FROM channels LIMIT 1) ch`);
    await db.execute(sql`INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, visibility, text,
        delivery_status, sent_at, search_vector)
      SELECT ch.workspace_id, md5('conversation' || g)::uuid, ch.id, 'in', 'private',
        p.text || CASE WHEN m = 1 THEN ' NM-' || (100000 + g) ELSE '' END, 'received', now(),
        array_to_tsvector(p.lexemes || CASE WHEN m = 1 THEN ARRAY['nm', (100000 + g)::text] ELSE '{}'::text[] END)
      FROM generate_series(1, ${conversations}) g, generate_series(1, ${PER_CONVERSATION}) m,
        (SELECT id, workspace_id FROM channels LIMIT 1) ch,
        bench_phrases p WHERE p.idx = (g * 7 + m * 13) % ${PHRASES.length}`);
    await db.execute(sql`CREATE INDEX messages_search_idx ON messages USING gin (search_vector)`);
    await db.execute(sql`ANALYZE`);
    const seedSeconds = (performance.now() - seedStart) / 1000;

    // The client's kept-alive socket may have been closed by the server while seeding: one request to reopen it.
    await api.get("/api/me").catch(() => undefined);
    const queries: Record<string, string> = {
      // The first page without a search, for comparison: what presenting 50 rows costs by itself.
      noSearch: "",
      orderNumber: `NM-${100000 + Math.floor(conversations / 2)}`,
      wordFoundNowhere: "зюзябриками",
      commonInflected: "заказы",
      customerName: `Customer ${Math.floor(conversations / 3)}`,
    };
    const results: Record<string, { p50: number; p95: number; hits: number }> = {};
    for (const [name, q] of Object.entries(queries)) {
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const res = await api.get(q ? `/api/conversations?q=${encodeURIComponent(q)}` : "/api/conversations");
        times.push(performance.now() - t0);
        hits = res.body.items.length;
      }
      times.sort((a, b) => a - b);
      results[name] = {
        p50: Math.round(percentile(times, 50) * 10) / 10,
        p95: Math.round(percentile(times, 95) * 10) / 10,
        hits,
      };
    }
    return {
      database: target.name,
      conversations,
      messages: conversations * PER_CONVERSATION,
      seedSeconds: Math.round(seedSeconds),
      runs: RUNS,
      msThroughApi: results,
    };
  } finally {
    await app.stop();
  }
}

for (const target of dbTargets()) console.log(JSON.stringify(await runOn(target)));
