/**
 * Ingest benchmark: webhook → verify → store raw event → 200, measured from a client on loopback, then the time
 * until workers have turned every event into a message (ingested) and triaged it. The load comes from a thread of its
 * own (webhookLoad.ts). Prints one JSON object per database and role set.
 * Usage: node bench/ingest.bench.ts [events=3000] [concurrency=32]   (BENCH_DATABASE_URL adds PostgreSQL)
 */
import { Worker } from "node:worker_threads";
import { sql } from "drizzle-orm";
import type { Db } from "../src/store/database.ts";
import { type DbTarget, dbTargets } from "../test/support/testDatabase.ts";
import { startTestParley } from "../test/support/testParley.ts";
import { BENCH_WEBHOOK_SECRET, benchTelegramChannel } from "./benchChannel.ts";
import type { WebhookLoad, WebhookLoadResult } from "./webhookLoad.ts";

const EVENTS = Number(process.argv[2] ?? 3000);
const CONCURRENCY = Number(process.argv[3] ?? 32);
const SECRET = BENCH_WEBHOOK_SECRET;

function sendFromThread(load: WebhookLoad): Promise<WebhookLoadResult> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL("./webhookLoad.ts", import.meta.url), { workerData: load });
    thread.once("message", resolve);
    thread.once("error", reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** withWorkers=false measures the front door alone (verify, store, 200); true adds processing in the same process. */
async function pendingWork(db: Db): Promise<{ raw: number; triage: number }> {
  const result = (await db.execute(sql`
    SELECT (SELECT count(*) FROM raw_events WHERE status = 'pending')::int AS raw,
      (SELECT count(*) FROM conversation_events WHERE processed_at IS NULL)::int AS triage`)) as unknown as {
    rows: { raw: number; triage: number }[];
  };
  return result.rows[0]!;
}

async function runOn(target: DbTarget, withWorkers: boolean) {
  const app = await startTestParley(target, { roles: withWorkers ? ["server", "worker"] : ["server"] });
  try {
    const { webhookUrl } = await benchTelegramChannel(app.url);
    const started = performance.now();
    const load = await sendFromThread({
      webhookUrl,
      secret: SECRET,
      events: EVENTS,
      concurrency: CONCURRENCY,
      firstUpdateId: 1_000_000,
    });
    if (load.refused > 0) throw new Error(`${load.refused} webhooks were refused`);
    const ackSeconds = load.seconds;
    const latencies = load.latenciesMs;
    const db = app.parley.database.db;
    // Ingest is done when no raw event waits; triage when every conversation event it raised is handled too.
    let ingestedSeconds: number | null = null;
    let triagedSeconds: number | null = null;
    const pendingAtAck = withWorkers ? await pendingWork(db) : null;
    while (withWorkers && triagedSeconds === null) {
      const pending = await pendingWork(db);
      const elapsed = (performance.now() - started) / 1000;
      if (pending.raw === 0 && ingestedSeconds === null) ingestedSeconds = elapsed;
      if (pending.raw === 0 && pending.triage === 0) triagedSeconds = elapsed;
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
    latencies.sort((a, b) => a - b);
    return {
      benchmark: "ingest",
      database: target.name,
      workers: withWorkers,
      events: EVENTS,
      concurrency: CONCURRENCY,
      ackedEventsPerSecond: Math.round(EVENTS / ackSeconds),
      ackP50Ms: Number(percentile(latencies, 50).toFixed(2)),
      ackP99Ms: Number(percentile(latencies, 99).toFixed(2)),
      processedEventsPerSecond: ingestedSeconds ? Math.round(EVENTS / ingestedSeconds) : null,
      triagedEventsPerSecond: triagedSeconds ? Math.round(EVENTS / triagedSeconds) : null,
      stillPendingWhenBurstEnded: pendingAtAck,
      rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
    };
  } finally {
    await app.stop();
  }
}

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
for (const target of dbTargets()) {
  for (const withWorkers of [false, true]) console.log(JSON.stringify(await runOn(target, withWorkers)));
}
