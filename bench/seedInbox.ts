/**
 * Fills a workspace with a big brand's inbox, set-based (INSERT … SELECT generate_series): by default 1,000,000
 * conversations and 5,000,000 messages over a year, on ten channels of six platforms, four teams of ten agents,
 * the four languages (customer texts of eval/listening in ru/pl/lv/en, one message in five carrying an order
 * number), priorities, statuses, labels, queues, SLA clocks (running for open work, stopped for closed),
 * contact identities with usernames, and private replies to public comments.
 *
 * Every row has a deterministic id (md5 of its ordinal), and conversations are written in chunks, each chunk with
 * its messages and clocks in one transaction: a second run adds only the chunks missing, so the script is
 * idempotent and an interrupted run resumes. The inbox's secondary indexes are dropped while loading and rebuilt
 * once at the end (their definitions are kept in a table, so an interrupted run rebuilds them too).
 *
 * Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/seedInbox.ts \
 *          [--conversations 1000000] [--database parley_bench_1m]
 * Without BENCH_DATABASE_URL it seeds a PGlite data directory (--data-dir, default .bench/pglite-inbox).
 * `seedInbox(db, …)` is the same work for a database already open (tests use a tiny size).
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import pg from "pg";
import { ensureWorkspaceAndAdmin } from "../src/bootstrap.ts";
import { messageLexemes } from "../src/search/searchLexemes.ts";
import { type Database, type Db, openDatabase } from "../src/store/database.ts";

export const SEED_ADMIN_EMAIL = "admin@example.test";
export const SEED_ADMIN_PASSWORD = "correct-horse-battery";

export interface SeedOptions {
  conversations: number;
  /** Conversations per transaction; progress is kept per chunk. */
  chunk?: number;
  log?: (line: string) => void;
}

export interface SeedResult {
  workspaceId: string;
  conversations: number;
  messages: number;
  chunksWritten: number;
  ms: number;
}

const MESSAGES_PER_CONVERSATION = 5;
const CHANNELS: [platform: string, name: string][] = [
  ["telegram", "Telegram bot"],
  ["telegram", "Telegram delivery bot"],
  ["whatsapp", "WhatsApp"],
  ["viber", "Viber"],
  ["vk", "VK community"],
  ["vk", "VK messages"],
  ["facebook", "Facebook page"],
  ["facebook", "Messenger"],
  ["instagram", "Instagram"],
  ["instagram", "Instagram direct"],
];
/** Public comment channels (the others are private chats). */
const PUBLIC_CHANNELS = [4, 6, 8];
const TEAMS = 4;
const AGENTS_PER_TEAM = 10;
const CATEGORIES = 9;
export const SEED_LABELS = ["vip", "refund", "delivery", "complaint", "b2b", "warranty"];
const FIRST_NAMES = ["Анна", "Иван", "Ольга", "Agnieszka", "Piotr", "Jānis", "Līga", "Emma", "John", "Marta"];
const LAST_NAMES = [
  "Смирнова",
  "Петров",
  "Kowalska",
  "Nowak",
  "Bērziņš",
  "Ozola",
  "Smith",
  "Brown",
  "Wiśniewska",
];

function phrases(): { language: string; text: string }[] {
  return readFileSync(new URL("../eval/listening/mentions.jsonl", import.meta.url), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { language: string; text: string })
    .filter((p) => ["ru", "pl", "lv", "en"].includes(p.language));
}

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;
/** A constant text array for SQL, written inline (the values are this file's own). */
const textArray = (list: readonly string[]) =>
  sql.raw(`(ARRAY[${list.map((v) => `'${v.replace(/'/gu, "''")}'`).join(",")}]::text[])`);
/** A deterministic id shaped as a version-4 UUID (the API's parameters accept no other shape). */
export const seedId = (kind: string, n: string) =>
  sql.raw(
    `overlay(overlay(md5('bench-${kind}' || (${n})) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid`,
  );

/** A deterministic draw in [0, 1000) for ordinal `g` and a salt, so reruns write the same rows. */
const draw = (salt: string, g = "g") => sql.raw(`(abs(hashtext('${salt}' || ${g})) % 1000)`);

export async function seedInbox(db: Db, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const total = options.conversations;
  const chunk = Math.max(1, options.chunk ?? 50_000);
  const contactsCount = Math.max(1, Math.round(total * 0.6));
  const workspaceId = await workspaceOf(db);
  await seedDirectory(db, workspaceId);
  await seedPhrases(db);

  const chunks: [number, number][] = [];
  for (let from = 1; from <= total; from += chunk) chunks.push([from, Math.min(total, from + chunk - 1)]);
  const missing: [number, number][] = [];
  for (const [from, to] of chunks) {
    const done = rows<{ n: number }>(
      await db.execute(
        sql`SELECT count(*)::int AS n FROM conversations WHERE id = ${seedId("conversation", String(to))}`,
      ),
    )[0]!.n;
    if (done === 0) missing.push([from, to]);
  }
  if (missing.length > 0) {
    await dropLoadIndexes(db);
    for (const [from, to] of missing) {
      const t0 = performance.now();
      await db.transaction(async (tx) => {
        await seedContacts(tx, workspaceId, from, to, contactsCount);
        await seedConversations(tx, workspaceId, from, to, total, contactsCount);
        await seedMessages(tx, workspaceId);
        await seedClocks(tx, workspaceId);
      });
      log(`conversations ${from}–${to} in ${Math.round(performance.now() - t0)} ms`);
    }
  }
  await rebuildLoadIndexes(db, log);
  await refreshDenormalised(db, workspaceId);
  await db.execute(sql`DROP TABLE IF EXISTS bench_phrases`);
  await db.execute(sql`DROP TABLE IF EXISTS bench_phrase_counts`);
  if (missing.length > 0) await db.execute(sql`ANALYZE`);
  const counted = rows<{ c: number; m: number }>(
    await db.execute(sql`SELECT (SELECT count(*)::int FROM conversations WHERE workspace_id = ${workspaceId}) AS c,
      (SELECT count(*)::int FROM messages WHERE workspace_id = ${workspaceId}) AS m`),
  )[0]!;
  return {
    workspaceId,
    conversations: counted.c,
    messages: counted.m,
    chunksWritten: missing.length,
    ms: Math.round(performance.now() - started),
  };
}

async function workspaceOf(db: Db): Promise<string> {
  const boot = await ensureWorkspaceAndAdmin(db, SEED_ADMIN_EMAIL, SEED_ADMIN_PASSWORD);
  return boot.workspaceId;
}

async function seedDirectory(db: Db, workspaceId: string) {
  const channelValues = CHANNELS.map(
    ([platform, name], i) =>
      sql`(${seedId("channel", String(i))}, ${workspaceId}::uuid, ${platform}, ${name})`,
  );
  await db.execute(sql`INSERT INTO channels (id, workspace_id, platform, name, settings, secrets_encrypted, api_base_url)
    SELECT v.id, v.ws, v.platform, v.name, '{}'::jsonb, '', 'http://127.0.0.1:9'
    FROM (VALUES ${sql.join(channelValues, sql`, `)}) AS v(id, ws, platform, name)
    ON CONFLICT (id) DO NOTHING`);
  await db.execute(sql`INSERT INTO teams (id, workspace_id, name)
    SELECT ${seedId("team", "g")}, ${workspaceId}, (ARRAY['Delivery','Returns','Payments','VIP'])[g + 1]
    FROM generate_series(0, ${TEAMS - 1}::int) g ON CONFLICT (id) DO NOTHING`);
  await db.execute(sql`INSERT INTO users (id, workspace_id, email, name, password_hash, role)
    SELECT ${seedId("agent", "g")}, ${workspaceId}, 'agent' || g || '@bench.test', 'Agent ' || g, 'x', 'agent'
    FROM generate_series(0, ${TEAMS * AGENTS_PER_TEAM - 1}::int) g ON CONFLICT DO NOTHING`);
  await db.execute(sql`INSERT INTO team_members (workspace_id, team_id, user_id)
    SELECT ${workspaceId}, ${seedId("team", `g / ${AGENTS_PER_TEAM}`)}, ${seedId("agent", "g")}
    FROM generate_series(0, ${TEAMS * AGENTS_PER_TEAM - 1}::int) g ON CONFLICT DO NOTHING`);
  await db.execute(sql`INSERT INTO categories (id, workspace_id, key, name)
    SELECT ${seedId("category", "g")}, ${workspaceId}, 'bench-' || g, 'Category ' || g
    FROM generate_series(0, ${CATEGORIES - 1}::int) g ON CONFLICT DO NOTHING`);
}

async function seedPhrases(db: Db) {
  const list = phrases();
  await db.execute(sql`DROP TABLE IF EXISTS bench_phrases`);
  await db.execute(
    sql`CREATE TABLE bench_phrases (language text, idx int, text text, lexemes text[], PRIMARY KEY (language, idx))`,
  );
  const byLanguage = new Map<string, { t: string; l: string[] }[]>();
  for (const p of list) {
    const into = byLanguage.get(p.language) ?? [];
    into.push({ t: p.text, l: messageLexemes(p.text) });
    byLanguage.set(p.language, into);
  }
  const payload = [...byLanguage].flatMap(([language, items]) =>
    items.map((item, idx) => ({ language, idx, t: item.t, l: item.l })),
  );
  await db.execute(sql`INSERT INTO bench_phrases
    SELECT p->>'language', (p->>'idx')::int, p->>'t', ARRAY(SELECT jsonb_array_elements_text(p->'l'))
    FROM jsonb_array_elements(${JSON.stringify(payload)}::jsonb) p`);
  await db.execute(sql`DROP TABLE IF EXISTS bench_phrase_counts`);
  await db.execute(sql`CREATE TABLE bench_phrase_counts AS
    SELECT language, count(*)::int AS n FROM bench_phrases GROUP BY language`);
}

/** The channel of contact `c` (a contact writes on one platform; its identity is that platform's). */
const channelOfContact = (c: string) => sql.raw(`(${c}) % ${CHANNELS.length}`);

async function seedContacts(db: Db, workspaceId: string, from: number, to: number, count: number) {
  // Conversation g belongs to contact (g - 1) % count: each chunk writes the contacts it is first to use, and
  // the later conversations are repeat customers'.
  const first = from - 1;
  const last = Math.min(to, count) - 1;
  if (last < first) return;
  await db.execute(sql`INSERT INTO contacts (id, workspace_id, display_name, created_at, updated_at)
    SELECT ${seedId("contact", "c")}, ${workspaceId},
      ${textArray(FIRST_NAMES)}[1 + abs(hashtext('fn' || c)) % ${FIRST_NAMES.length}] || ' ' ||
      ${textArray(LAST_NAMES)}[1 + abs(hashtext('ln' || c)) % ${LAST_NAMES.length}],
      now() - make_interval(days => 400), now() - make_interval(days => 400)
    FROM generate_series(${first}::int, ${last}::int) c ON CONFLICT (id) DO NOTHING`);
  const platforms = CHANNELS.map(([platform]) => platform);
  await db.execute(sql`INSERT INTO contact_identities (id, workspace_id, contact_id, platform, external_id, username,
      display_name, profile_fetched_at)
    SELECT ${seedId("identity", "c")}, ${workspaceId}, ${seedId("contact", "c")},
      ${textArray(platforms)}[1 + ${channelOfContact("c")}], 'user' || c,
      CASE WHEN ${draw("un", "c")} < 700 THEN 'customer_' || c END, 'Customer ' || c, now()
    FROM generate_series(${first}::int, ${last}::int) c ON CONFLICT DO NOTHING`);
}

async function seedConversations(
  db: Db,
  workspaceId: string,
  from: number,
  to: number,
  total: number,
  contactsCount: number,
) {
  // g = total is the newest conversation; activity spreads over a year, denser lately.
  await db.execute(sql`CREATE TEMP TABLE IF NOT EXISTS bench_chunk (g int PRIMARY KEY, c int, channel int,
    status text, priority text, team int, agent int, language text, labels jsonb, queued boolean,
    category int, in_inbox boolean, last_at timestamptz, created timestamptz)`);
  await db.execute(sql`TRUNCATE bench_chunk`);
  await db.execute(sql`INSERT INTO bench_chunk
    SELECT g, c, ${channelOfContact("c")},
      CASE WHEN age_days < 3 THEN (CASE WHEN s < 350 THEN 'new' WHEN s < 750 THEN 'open' WHEN s < 900 THEN 'pending' ELSE 'resolved' END)
        ELSE (CASE WHEN s < 10 THEN 'new' WHEN s < 40 THEN 'open' WHEN s < 70 THEN 'pending' ELSE 'resolved' END) END,
      CASE WHEN ${draw("pr")} < 100 THEN 'low' WHEN ${draw("pr")} < 800 THEN 'normal' WHEN ${draw("pr")} < 950 THEN 'high' ELSE 'urgent' END,
      ${draw("tm")} % ${TEAMS}, ${draw("ag")} % ${AGENTS_PER_TEAM},
      CASE WHEN ${draw("lg")} < 400 THEN 'ru' WHEN ${draw("lg")} < 650 THEN 'pl' WHEN ${draw("lg")} < 800 THEN 'lv' ELSE 'en' END,
      CASE WHEN ${draw("lb")} < 700 THEN '[]'::jsonb
        WHEN ${draw("lb")} < 900 THEN jsonb_build_array(${textArray(SEED_LABELS)}[1 + ${draw("l1")} % ${SEED_LABELS.length}])
        ELSE jsonb_build_array(${textArray(SEED_LABELS)}[1 + ${draw("l1")} % 3], ${textArray(SEED_LABELS)}[4 + ${draw("l2")} % 3]) END,
      ${draw("qu")} < 150,
      CASE WHEN ${draw("ct")} < 600 THEN ${draw("ct")} % ${CATEGORIES} END,
      ${draw("ib")} >= 10,
      last_at, last_at - make_interval(mins => ${draw("cr")})
    FROM (SELECT g, (g - 1) % ${contactsCount} AS c, ${draw("st")} AS s,
        now() - make_interval(secs => power((${total} - g)::float8 / ${total}, 1.5) * 365 * 86400 + ${draw("jt")}) AS last_at,
        power((${total} - g)::float8 / ${total}, 1.5) * 365 AS age_days
      FROM generate_series(${from}::int, ${to}::int) g) x`);
  const publicChannels = sql.raw(`ARRAY[${PUBLIC_CHANNELS.join(",")}]`);
  await db.execute(sql`INSERT INTO conversations (id, workspace_id, channel_id, contact_id, thread_key, visibility, status,
      team_id, assignee_id, category_id, priority, language, labels, queued_at, assigned_at, resolved_at, in_inbox,
      reply_target, awaiting_reply, last_message_preview, last_message_at, last_inbound_at, first_response_at,
      created_at, updated_at)
    SELECT ${seedId("conversation", "b.g")}, ${workspaceId}, ${seedId("channel", "b.channel")}, ${seedId("contact", "b.c")},
      'bench:' || b.g, CASE WHEN b.channel = ANY(${publicChannels}) THEN 'public' ELSE 'private' END, b.status,
      ${seedId("team", "b.team")},
      CASE WHEN b.status = 'new' OR (b.queued AND b.status <> 'resolved') THEN NULL
        ELSE ${seedId("agent", `b.team * ${AGENTS_PER_TEAM} + b.agent`)} END,
      CASE WHEN b.category IS NOT NULL THEN ${seedId("category", "b.category")} END,
      b.priority, b.language, b.labels,
      CASE WHEN b.queued AND b.status IN ('new', 'open') THEN b.last_at END,
      CASE WHEN b.status <> 'new' THEN b.created + interval '2 minutes' END,
      CASE WHEN b.status = 'resolved' THEN b.last_at + interval '5 minutes' END,
      b.in_inbox, '{}'::jsonb, b.status IN ('new', 'open'), p.text, b.last_at, b.last_at,
      CASE WHEN b.status <> 'new' THEN b.created + interval '10 minutes' END, b.created, b.last_at
    FROM bench_chunk b
    JOIN bench_phrase_counts pc ON pc.language = b.language
    JOIN bench_phrases p ON p.language = b.language AND p.idx = b.g % pc.n
    ON CONFLICT (id) DO NOTHING`);
}

async function seedMessages(db: Db, workspaceId: string) {
  // Five per conversation: the customer's 1st, 3rd and 5th, the brand's 2nd and 4th; in a public thread on a
  // channel that allows it, one in ten 4th messages is the private reply to the comment.
  await db.execute(sql`INSERT INTO messages (id, workspace_id, conversation_id, channel_id, direction, external_id,
      visibility, author_identity_id, author_user_id, text, delivery_status, sent_at, created_at, listened_at,
      language, search_vector)
    SELECT ${seedId("message", `b.g || '-' || i`)}, ${workspaceId}, ${seedId("conversation", "b.g")},
      ${seedId("channel", "b.channel")}, CASE WHEN i % 2 = 1 THEN 'in' ELSE 'out' END, 'bench-' || b.g || '-' || i,
      CASE WHEN i = 4 AND b.channel = ANY(ARRAY[${sql.raw(PUBLIC_CHANNELS.join(","))}]) AND b.g % 10 = 0 THEN 'private'
        WHEN b.channel = ANY(ARRAY[${sql.raw(PUBLIC_CHANNELS.join(","))}]) THEN 'public' ELSE 'private' END,
      CASE WHEN i % 2 = 1 THEN ${seedId("identity", "b.c")} END,
      CASE WHEN i % 2 = 0 THEN ${seedId("agent", `b.team * ${AGENTS_PER_TEAM} + b.agent`)} END,
      CASE WHEN i % 2 = 1 THEN p.text ELSE 'Спасибо, проверяем / Dziękujemy, sprawdzamy / Thanks, checking' END
        || CASE WHEN i = 1 THEN ' NM-' || (100000 + b.g) ELSE '' END,
      CASE WHEN i % 2 = 1 THEN 'received' ELSE 'delivered' END,
      b.last_at - make_interval(mins => (${MESSAGES_PER_CONVERSATION} - i) * 7),
      b.last_at - make_interval(mins => (${MESSAGES_PER_CONVERSATION} - i) * 7), now(),
      CASE WHEN i % 2 = 1 THEN b.language END,
      array_to_tsvector(CASE WHEN i % 2 = 1 THEN p.lexemes ELSE ARRAY['спасибо','проверяем','dziekujemy','sprawdzamy','thanks','checking'] END
        || CASE WHEN i = 1 THEN ARRAY['nm', (100000 + b.g)::text] ELSE '{}'::text[] END)
    FROM bench_chunk b
    JOIN bench_phrase_counts pc ON pc.language = b.language
    CROSS JOIN generate_series(1, ${MESSAGES_PER_CONVERSATION}::int) i
    JOIN bench_phrases p ON p.language = b.language AND p.idx = (b.g * 7 + i * 13) % pc.n
    ON CONFLICT (id) DO NOTHING`);
}

async function seedClocks(db: Db, workspaceId: string) {
  // Waiting work has a running clock (first response while new, next response while open, resolution while
  // pending, paused while queued); closed work has its stopped first-response clock, met or late.
  await db.execute(sql`INSERT INTO sla_clocks (conversation_id, metric, workspace_id, round, policy_name, target_seconds,
      state, phase, elapsed_seconds, due_at, warning_at, started_at, stopped_at, warned_at, breached_at, updated_at)
    SELECT ${seedId("conversation", "b.g")},
      CASE b.status WHEN 'new' THEN 'first_response' WHEN 'open' THEN 'next_response'
        WHEN 'pending' THEN 'resolution' ELSE 'first_response' END,
      ${workspaceId}, 0, 'Standard', target,
      CASE WHEN b.status = 'resolved' THEN (CASE WHEN ${draw("late", "b.g")} < 100 THEN 'breached' ELSE 'met' END)
        WHEN b.queued THEN 'paused'
        WHEN b.last_at + make_interval(secs => target) < now() THEN 'breached' ELSE 'running' END,
      CASE WHEN b.status = 'resolved' THEN 'stopped' WHEN b.queued THEN 'paused' ELSE 'running' END,
      LEAST(target, 60), b.last_at + make_interval(secs => target),
      b.last_at + make_interval(secs => target * 0.8), b.last_at,
      CASE WHEN b.status = 'resolved' THEN b.last_at + interval '5 minutes' END,
      CASE WHEN b.last_at + make_interval(secs => target * 0.8) < now() THEN b.last_at + make_interval(secs => target * 0.8) END,
      CASE WHEN b.status <> 'resolved' AND NOT b.queued AND b.last_at + make_interval(secs => target) < now()
        THEN b.last_at + make_interval(secs => target) END,
      b.last_at
    FROM (SELECT b.*, CASE b.priority WHEN 'urgent' THEN 900 WHEN 'high' THEN 3600 WHEN 'normal' THEN 14400
        ELSE 86400 END * CASE b.status WHEN 'pending' THEN 12 ELSE 1 END AS target FROM bench_chunk b) b
    ON CONFLICT DO NOTHING`);
}

/**
 * What the inbox keeps on the conversation row (migration 0021), set the way the SLA tracker and ingest would.
 * Skipped on a database that predates those columns (a "before" measurement).
 */
async function refreshDenormalised(db: Db, workspaceId: string) {
  const columns = rows<{ column_name: string }>(
    await db.execute(sql`SELECT column_name FROM information_schema.columns
      WHERE table_name = 'conversations' AND column_name = 'next_due_at'`),
  );
  if (columns.length === 0) return;
  await db.execute(sql`UPDATE conversations c SET next_due_at = d.due
    FROM (SELECT conversation_id, min(due_at) AS due FROM sla_clocks WHERE phase = 'running' AND workspace_id = ${workspaceId}
      GROUP BY conversation_id) d
    WHERE c.id = d.conversation_id AND c.next_due_at IS DISTINCT FROM d.due`);
}

const LOAD_TABLES = ["conversations", "messages", "sla_clocks", "contact_identities", "contacts"];

/** Secondary indexes (not those behind a primary key or unique constraint) are set aside while loading. */
async function dropLoadIndexes(db: Db) {
  await db.execute(
    sql`CREATE TABLE IF NOT EXISTS bench_dropped_indexes (name text PRIMARY KEY, definition text NOT NULL)`,
  );
  const names = sql.join(
    LOAD_TABLES.map((t) => sql`${t}`),
    sql`, `,
  );
  await db.execute(sql`INSERT INTO bench_dropped_indexes
    SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.schemaname = 'public' AND i.tablename IN (${names})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)
    ON CONFLICT DO NOTHING`);
  for (const { name } of rows<{ name: string }>(
    await db.execute(sql`SELECT name FROM bench_dropped_indexes`),
  ))
    await db.execute(sql.raw(`DROP INDEX IF EXISTS "${name}"`));
}

async function rebuildLoadIndexes(db: Db, log: (line: string) => void) {
  const exists = rows<{ n: number }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'bench_dropped_indexes'`),
  )[0]!.n;
  if (exists === 0) return;
  await db.execute(sql`SET maintenance_work_mem = '512MB'`).catch(() => undefined);
  for (const { name, definition } of rows<{ name: string; definition: string }>(
    await db.execute(sql`SELECT name, definition FROM bench_dropped_indexes`),
  )) {
    const t0 = performance.now();
    await db.execute(
      sql.raw(definition.replace(/^CREATE (UNIQUE )?INDEX /u, "CREATE $1INDEX IF NOT EXISTS ")),
    );
    await db.execute(sql`DELETE FROM bench_dropped_indexes WHERE name = ${name}`);
    log(`index ${name} in ${Math.round(performance.now() - t0)} ms`);
  }
  await db.execute(sql`DROP TABLE bench_dropped_indexes`);
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** Opens (creating it if needed) the database the CLI seeds. */
export async function openBenchDatabase(dbName: string, dataDir: string): Promise<Database> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) return openDatabase({ dataDir });
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const conversations = Number(argument("conversations") ?? 1_000_000);
  const database = await openBenchDatabase(
    argument("database") ?? "parley_bench_1m",
    argument("data-dir") ?? ".bench/pglite-inbox",
  );
  await database.migrate();
  const result = await seedInbox(database.db, {
    conversations,
    chunk: Number(argument("chunk") ?? 50_000),
    log: (line) => console.error(line),
  });
  console.log(JSON.stringify({ database: database.kind, ...result }));
  await database.close();
}
