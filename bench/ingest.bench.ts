/**
 * Ingest benchmark: webhook → verify → store raw event → 200, measured from a client on loopback, then the time
 * until workers have turned every event into a message. Prints one JSON object per database.
 * Usage: node bench/ingest.bench.ts [events=3000] [concurrency=32]   (BENCH_DATABASE_URL adds PostgreSQL)
 */
import { sql } from "drizzle-orm";
import { type DbTarget, dbTargets } from "../test/support/testDatabase.ts";
import { startTestParley } from "../test/support/testParley.ts";
import { BENCH_WEBHOOK_SECRET, benchTelegramChannel } from "./benchChannel.ts";

const EVENTS = Number(process.argv[2] ?? 3000);
const CONCURRENCY = Number(process.argv[3] ?? 32);
const SECRET = BENCH_WEBHOOK_SECRET;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** withWorkers=false measures the front door alone (verify, store, 200); true adds processing in the same process. */
async function runOn(target: DbTarget, withWorkers: boolean) {
  const app = await startTestParley(target, { roles: withWorkers ? ["server", "worker"] : ["server"] });
  try {
    const { webhookUrl } = await benchTelegramChannel(app.url);
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < EVENTS) {
        const i = next++;
        const body = JSON.stringify({
          update_id: 1_000_000 + i,
          message: {
            message_id: i + 1,
            date: 1764000000 + i,
            chat: { id: 10_000 + (i % 500), type: "private", first_name: "Bench" },
            from: { id: 10_000 + (i % 500), is_bot: false, first_name: "Bench", last_name: String(i % 500) },
            text: `Benchmark message ${i}: where is my order? 🚚`,
          },
        });
        const t0 = performance.now();
        const res = await fetch(webhookUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
          body,
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const ackSeconds = (performance.now() - started) / 1000;
    const db = app.parley.database.db;
    for (; withWorkers; ) {
      const result = (await db.execute(
        sql`SELECT count(*)::int AS n FROM raw_events WHERE status = 'pending'`,
      )) as unknown as { rows: { n: number }[] };
      if (result.rows[0]!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const processedSeconds = (performance.now() - started) / 1000;
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
      processedEventsPerSecond: withWorkers ? Math.round(EVENTS / processedSeconds) : null,
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
