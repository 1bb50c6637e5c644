/**
 * Report latency at scale: seeds 1,000,000 conversations and 5,000,000 messages (default sizes) into a PostgreSQL
 * database of its own with set-based SQL (generate_series), builds the hourly rollup from the same per-conversation
 * facts with one INSERT … SELECT … GROUP BY, and times every report through the API's own query code.
 *
 * Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/reports.bench.ts [conversations=1000000] [--fresh]
 * The seeded database (parley_bench_reports_<n>) is kept, so a second run measures without seeding; --fresh reseeds.
 * Prints JSON.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { BUCKET_EDGES } from "../src/analytics/histogram.ts";
import type { Dimension } from "../src/analytics/metrics.ts";
import { runReport } from "../src/analytics/reportQuery.ts";
import { REPORTS } from "../src/analytics/reportRegistry.ts";
import { openDatabase } from "../src/store/database.ts";

const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  console.error(
    "Set BENCH_DATABASE_URL to a PostgreSQL server (this benchmark is about PostgreSQL at scale).",
  );
  process.exit(1);
}
const conversationCount = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const fresh = process.argv.includes("--fresh");
const SPAN_DAYS = 180;
const CONTACTS = Math.max(1, Math.floor(conversationCount / 10));
const RUNS = 5;

const dbName = `parley_bench_reports_${conversationCount}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName])).rowCount === 1;
if (exists && fresh) await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
if (!exists || fresh) await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
await database.migrate();
const { db } = database;

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;
const timed = async (step: string, work: () => Promise<unknown>, into: Record<string, number>) => {
  const started = performance.now();
  await work();
  into[step] = Math.round(performance.now() - started);
};

const seeded = rows<{ id: string }>(await db.execute(sql`SELECT id FROM workspaces WHERE name = 'bench'`))[0];
const seedMs: Record<string, number> = {};
let workspaceId = seeded?.id ?? "";
if (!seeded) workspaceId = await seed(seedMs);
else await addLevelRows(); // a database seeded before the level rows existed

async function seed(into: Record<string, number>): Promise<string> {
  await db.execute(sql`SET work_mem = '256MB'`);
  const [ws] = rows<{ id: string }>(
    await db.execute(sql`INSERT INTO workspaces (name) VALUES ('bench') RETURNING id`),
  );
  const id = ws!.id;
  await timed(
    "workspace",
    async () => {
      await db.execute(sql`
        INSERT INTO channels (workspace_id, platform, name, settings, secrets_encrypted)
        SELECT ${id}, (ARRAY['telegram','vk','facebook','instagram','whatsapp'])[1 + g % 5], 'Channel ' || g, '{}', ''
        FROM generate_series(0, 9) g`);
      await db.execute(sql`
        INSERT INTO teams (workspace_id, name) SELECT ${id}, 'Team ' || g FROM generate_series(0, 3) g`);
      await db.execute(sql`
        INSERT INTO users (workspace_id, email, name, password_hash, role)
        SELECT ${id}, 'agent' || g || '@bench.test', 'Agent ' || g, 'x', 'agent' FROM generate_series(0, 39) g`);
      await db.execute(sql`
        INSERT INTO categories (workspace_id, key, name) SELECT ${id}, 'c' || g, 'Category ' || g FROM generate_series(0, 8) g`);
      await db.execute(sql`
        INSERT INTO contacts (id, workspace_id, display_name)
        SELECT md5('contact' || g)::uuid, ${id}, 'Customer ' || g FROM generate_series(0, ${CONTACTS - 1}) g`);
    },
    into,
  );
  // One row per conversation with everything its facts need: dimensions, durations and outcomes.
  await timed(
    "facts",
    () =>
      db.execute(sql`
        CREATE TABLE bench_facts AS
        WITH dims AS (
          SELECT array_agg(id ORDER BY name) AS channels, array_agg(platform ORDER BY name) AS platforms
          FROM channels WHERE workspace_id = ${id}),
        t AS (SELECT array_agg(id ORDER BY name) AS teams FROM teams WHERE workspace_id = ${id}),
        u AS (SELECT array_agg(id ORDER BY name) AS agents FROM users WHERE workspace_id = ${id}),
        c AS (SELECT array_agg(id ORDER BY key) AS cats FROM categories WHERE workspace_id = ${id}),
        r AS (
          SELECT g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7
          FROM generate_series(0, ${conversationCount - 1}) g)
        SELECT g,
          md5('conversation' || g)::uuid AS id,
          date_trunc('day', now()) - make_interval(days => ${SPAN_DAYS}) + make_interval(secs => (g::float8 / ${conversationCount}) * ${SPAN_DAYS} * 86400) AS created,
          dims.channels[1 + g % 10] AS channel, dims.platforms[1 + g % 10] AS platform,
          t.teams[1 + (g / 7) % 4] AS team, u.agents[1 + (g / 3) % 40] AS agent, c.cats[1 + (g / 11) % 9] AS category,
          (ARRAY['ru','en','pl','lv'])[1 + (g / 13) % 4] AS language,
          (ARRAY['negative','neutral','positive'])[1 + (g / 17) % 3] AS sentiment,
          CASE WHEN g % 3 = 0 THEN 'public' ELSE 'private' END AS visibility,
          1 + (-ln(1 - r1) * 1800)::int AS frt,
          CASE WHEN r2 < 0.5 THEN 1 + (-ln(1 - r3) * 900)::int END AS nrt,
          CASE WHEN r4 < 0.8 THEN 600 + (-ln(1 - r5) * 20000)::int END AS ttc,
          r6 < 0.08 AS reopened,
          60 * (1 + (-ln(1 - r7) * 8)::int) AS handle,
          1 + (g % 7) AS inbound,
          CASE WHEN r7 < 0.15 THEN (CASE WHEN r3 < 0.6 THEN 'deflected' ELSE 'handover' END) END AS bot
        FROM r, dims, t, u, c`),
    into,
  );
  await timed(
    "conversations",
    () =>
      db.execute(sql`
        INSERT INTO conversations (id, workspace_id, channel_id, contact_id, thread_key, visibility, status, team_id,
          assignee_id, category_id, language, sentiment, reply_target, awaiting_reply, created_at, updated_at,
          last_message_at, first_response_at, resolved_at)
        SELECT id, ${id}, channel, md5('contact' || (g % ${CONTACTS}))::uuid, g::text, visibility,
          CASE WHEN ttc IS NULL THEN 'open' ELSE 'resolved' END, team, agent, category, language, sentiment, '{}',
          false, created, created, created + make_interval(secs => coalesce(ttc, frt)),
          created + make_interval(secs => frt),
          CASE WHEN ttc IS NOT NULL THEN created + make_interval(secs => ttc) END
        FROM bench_facts`),
    into,
  );
  // Five messages per conversation on average: its customer messages and one answer.
  await timed(
    "messages",
    () =>
      db.execute(sql`
        INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, visibility, text, delivery_status,
          sent_at, listened_at, created_at)
        SELECT ${id}, f.id, f.channel, CASE WHEN i = 2 THEN 'out' ELSE 'in' END, f.visibility,
          'Where is my parcel? Order ' || f.g, CASE WHEN i = 2 THEN 'delivered' ELSE 'received' END,
          f.created + make_interval(mins => i), now(), f.created + make_interval(mins => i)
        FROM bench_facts f, generate_series(1, f.inbound + 1) i`),
    into,
  );
  await timed("rollup", () => buildRollup(id), into);
  // What autovacuum does for hours that no longer change: their pages become all-visible for index-only scans.
  await timed("vacuum", () => db.execute(sql`VACUUM ANALYZE`), into);
  await db.execute(sql`DROP TABLE bench_facts`);
  return id;
}

/**
 * The same contributions the worker computes per conversation (analytics/conversationFacts.ts), built for all
 * conversations at once and added up per UTC hour, dimension value, metric and bucket.
 */
async function buildRollup(id: string) {
  const bucket = (x: string) => sql.raw(`(width_bucket(${x}, ARRAY[${BUCKET_EDGES.join(",")}]::int[]) - 1)`);
  // Counts per bucket as one array, as the worker keeps them.
  const histogram = sql.raw(
    `ARRAY[${BUCKET_EDGES.map((_, i) => `coalesce(sum(k.n) FILTER (WHERE k.bucket = ${i}), 0)::int`).join(", ")}]`,
  );
  await db.execute(sql`
    INSERT INTO report_hourly (workspace_id, dim, metric, hour, value, count, sum, histogram)
    SELECT ${id}::uuid, d.dim, k.metric, date_trunc('hour', k.at), d.value, sum(k.n), sum(k.s),
      CASE WHEN max(k.bucket) >= 0 THEN ${histogram} END
    FROM bench_facts f
    CROSS JOIN LATERAL (VALUES
      ('conversations_created', f.created, -1, 1, 0, false),
      ('inbound_messages', f.created, -1, f.inbound, 0, false),
      ('backlog.new', f.created, -1, 1, 0, false),
      ('backlog.new', f.created + make_interval(secs => f.frt), -1, -1, 0, false),
      ('backlog.open', f.created + make_interval(secs => f.frt), -1, 1, 0, false),
      ('first_response.calendar', f.created + make_interval(secs => f.frt), ${bucket("f.frt")}, 1, f.frt, true),
      ('first_response.business', f.created + make_interval(secs => f.frt), ${bucket("f.frt * 4 / 10")}, 1, f.frt * 4 / 10, true),
      (CASE WHEN f.frt <= 3600 THEN 'sla.first_response.met' ELSE 'sla.first_response.breached' END,
        f.created + make_interval(secs => f.frt), -1, 1, 0, false),
      ('handle_time', f.created + make_interval(secs => f.frt), ${bucket("f.handle")}, 1, f.handle, true),
      ('next_response.calendar', f.created + make_interval(secs => f.frt + coalesce(f.nrt, 0) + 600), ${bucket("f.nrt")},
        CASE WHEN f.nrt IS NULL THEN 0 ELSE 1 END, coalesce(f.nrt, 0), true),
      ('next_response.business', f.created + make_interval(secs => f.frt + coalesce(f.nrt, 0) + 600), ${bucket("f.nrt * 4 / 10")},
        CASE WHEN f.nrt IS NULL THEN 0 ELSE 1 END, coalesce(f.nrt * 4 / 10, 0), true),
      ('time_to_close.calendar', f.created + make_interval(secs => coalesce(f.ttc, 0)), ${bucket("f.ttc")},
        CASE WHEN f.ttc IS NULL THEN 0 ELSE 1 END, coalesce(f.ttc, 0), false),
      ('time_to_close.business', f.created + make_interval(secs => coalesce(f.ttc, 0)), ${bucket("f.ttc * 4 / 10")},
        CASE WHEN f.ttc IS NULL THEN 0 ELSE 1 END, coalesce(f.ttc * 4 / 10, 0), false),
      ('resolved', f.created + make_interval(secs => coalesce(f.ttc, 0)), -1, CASE WHEN f.ttc IS NULL THEN 0 ELSE 1 END, 0, false),
      ('backlog.open', f.created + make_interval(secs => coalesce(f.ttc, 0)), -1, CASE WHEN f.ttc IS NULL THEN 0 ELSE -1 END, 0, false),
      ('reopened', f.created + make_interval(secs => coalesce(f.ttc, 0) + 3600), -1, CASE WHEN f.reopened AND f.ttc IS NOT NULL THEN 1 ELSE 0 END, 0, false),
      ('bot.engaged', f.created, -1, CASE WHEN f.bot IS NULL THEN 0 ELSE 1 END, 0, false),
      ('bot.deflected', f.created, -1, CASE WHEN f.bot = 'deflected' THEN 1 ELSE 0 END, 0, false),
      ('bot.handover', f.created, -1, CASE WHEN f.bot = 'handover' THEN 1 ELSE 0 END, 0, false)
    ) AS k(metric, at, bucket, n, s, by_agent)
    CROSS JOIN LATERAL (VALUES
      ('all', ''), ('channel', f.channel::text), ('platform', f.platform), ('team', f.team::text),
      ('agent', f.agent::text), ('category', f.category::text), ('language', f.language),
      ('sentiment', f.sentiment), ('visibility', f.visibility)
    ) AS d(dim, value)
    WHERE k.n <> 0
    GROUP BY d.dim, k.metric, date_trunc('hour', k.at), d.value`);
  // As the incremental path leaves them: no rows whose deltas cancel out.
  await db.execute(sql`DELETE FROM report_hourly WHERE count = 0 AND sum = 0`);
  await addLevelRows();
}

/** The all-time backlog levels (hour 0) the worker keeps beside the hourly deltas: the sum of those deltas. */
async function addLevelRows() {
  await db.execute(sql`
    INSERT INTO report_hourly (workspace_id, dim, metric, hour, value, count, sum)
    SELECT workspace_id, dim, replace(metric, 'backlog.', 'backlog_level.'), to_timestamp(0), value, sum(count), 0
    FROM report_hourly WHERE metric LIKE 'backlog.%' GROUP BY workspace_id, dim, metric, value
    HAVING sum(count) <> 0
    ON CONFLICT DO NOTHING`);
}

const [counts] = rows<Record<string, string>>(
  await db.execute(sql`
    SELECT (SELECT count(*) FROM conversations) AS conversations, (SELECT count(*) FROM messages) AS messages,
      (SELECT count(*) FROM report_hourly) AS rollup_rows,
      pg_size_pretty(pg_total_relation_size('report_hourly')) AS rollup_size`),
);
const [lastDay] = rows<{ day: string }>(
  await db.execute(sql`SELECT to_char(max(hour) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM report_hourly`),
);
const to = lastDay!.day;
const dayBefore = (days: number) => new Date(Date.parse(to) - days * 86_400_000).toISOString().slice(0, 10);

const scenarios: {
  name: string;
  days: number;
  cut: Dimension;
  hours: "calendar" | "business";
  tz: string;
}[] = [
  { name: "7 days, totals, vs previous week", days: 7, cut: "all", hours: "calendar", tz: "UTC" },
  {
    name: "30 days by agent, vs previous 30 days",
    days: 30,
    cut: "agent",
    hours: "calendar",
    tz: "Europe/Riga",
  },
  {
    name: "90 days by channel, business hours",
    days: 90,
    cut: "channel",
    hours: "business",
    tz: "Europe/Warsaw",
  },
  {
    name: "180 days by agent, weekly series",
    days: 180,
    cut: "agent",
    hours: "calendar",
    tz: "Europe/Moscow",
  },
];

const results: { report: string; scenario: string; p50Ms: number; maxMs: number }[] = [];
for (const scenario of scenarios) {
  for (const report of REPORTS) {
    const request = {
      workspaceId,
      from: dayBefore(scenario.days - 1),
      to,
      compare: "previous" as const,
      cut: scenario.cut,
      filter: [],
      hours: scenario.hours,
      tz: scenario.tz,
      granularity: "auto" as const,
    };
    await runReport(db, report, request);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await runReport(db, report, request);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    results.push({
      report: report.id,
      scenario: scenario.name,
      p50Ms: Math.round(times[Math.floor(RUNS / 2)]! * 10) / 10,
      maxMs: Math.round(times[RUNS - 1]! * 10) / 10,
    });
  }
}

console.log(
  JSON.stringify(
    {
      bench: "reports",
      database: "postgres",
      data: { ...counts, spanDays: SPAN_DAYS },
      seedMs: Object.keys(seedMs).length > 0 ? seedMs : "reused a seeded database",
      runsPerReport: RUNS,
      results,
      worstMs: Math.max(...results.map((r) => r.maxMs)),
    },
    null,
    2,
  ),
);
await database.close();
process.exit(0);
