/**
 * Meta batch benchmark: one signed Page webhook carrying 100 entries (a comment storm under one post) →
 * verify the signature over the raw body → split into 100 raw events → store → 200. Measures the time to
 * acknowledge each batch, and, with workers, the time until all 100 comments are conversations.
 * Usage: node bench/metaBatch.bench.ts [batches=30] [entries=100]   (BENCH_DATABASE_URL adds PostgreSQL)
 */
import { sql } from "drizzle-orm";
import { signMetaBody } from "../src/channels/meta/metaWebhook.ts";
import { ApiClient } from "../test/support/apiClient.ts";
import { type DbTarget, dbTargets } from "../test/support/testDatabase.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestParley } from "../test/support/testParley.ts";

const BATCHES = Number(process.argv[2] ?? 30);
const ENTRIES = Number(process.argv[3] ?? 100);
const APP = { appId: "1234567890", appSecret: "bench-meta-secret", verifyToken: "bench-verify-token" };
const PAGE_ID = "111000111";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** A storm of ENTRIES comments under one post, as Meta batches them: one entry per change. */
function stormBody(batch: number): string {
  const now = Math.floor(Date.now() / 1000);
  const postId = `${PAGE_ID}_${9000 + batch}`;
  const entry = Array.from({ length: ENTRIES }, (_, i) => ({
    id: PAGE_ID,
    time: now,
    changes: [
      {
        field: "feed",
        value: {
          item: "comment",
          verb: "add",
          comment_id: `${9000 + batch}_${i + 1}`,
          parent_id: postId,
          post_id: postId,
          message: `Where is my order #${batch * ENTRIES + i}? Delivery is late again 😡`,
          from: { id: String(70_000 + i), name: `Commenter ${i}` },
          created_time: now,
        },
      },
    ],
  }));
  return JSON.stringify({ object: "page", entry });
}

async function runOn(target: DbTarget, withWorkers: boolean) {
  const app = await startTestParley(target, { roles: withWorkers ? ["server", "worker"] : ["server"] });
  try {
    const api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await api.post("/api/channels", {
      platform: "facebook",
      name: "Bench page",
      settings: { ...APP, accountId: PAGE_ID, accessToken: "bench-page-token" },
      // A closed port: only ingest is measured; profile lookups fail fast and are not retried within the run.
      apiBaseUrl: "http://127.0.0.1:9",
    });
    const webhookUrl: string = created.body.webhookUrl;
    const bodies = Array.from({ length: BATCHES }, (_, b) => stormBody(b));
    const ackMs: number[] = [];
    const processedMs: number[] = [];
    const db = app.parley.database.db;
    const pending = async () =>
      (
        (await db.execute(
          sql`SELECT count(*)::int AS n FROM raw_events WHERE status = 'pending'`,
        )) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n;
    const started = performance.now();
    // Batches one after another, as one app's deliveries arrive; each is acknowledged before the next.
    for (const body of bodies) {
      const t0 = performance.now();
      const res = await fetch(webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signMetaBody(body, APP.appSecret),
        },
        body,
      });
      await res.arrayBuffer();
      ackMs.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      if (withWorkers) {
        while ((await pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
        processedMs.push(performance.now() - t0);
      }
    }
    const totalSeconds = (performance.now() - started) / 1000;
    const conversations = (
      (await db.execute(sql`SELECT count(*)::int AS n FROM conversations`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]!.n;
    if (withWorkers && conversations !== BATCHES * ENTRIES)
      throw new Error(`expected ${BATCHES * ENTRIES} conversations, found ${conversations}`);
    ackMs.sort((a, b) => a - b);
    processedMs.sort((a, b) => a - b);
    return {
      benchmark: "meta-batch",
      database: target.name,
      workers: withWorkers,
      batches: BATCHES,
      entriesPerBatch: ENTRIES,
      bodyBytes: Buffer.byteLength(bodies[0]!),
      ackP50Ms: Number(percentile(ackMs, 50).toFixed(2)),
      ackP99Ms: Number(percentile(ackMs, 99).toFixed(2)),
      ackedEntriesPerSecond: withWorkers ? null : Math.round((BATCHES * ENTRIES) / totalSeconds),
      processedBatchP50Ms: withWorkers ? Number(percentile(processedMs, 50).toFixed(2)) : null,
      processedBatchP99Ms: withWorkers ? Number(percentile(processedMs, 99).toFixed(2)) : null,
      processedEntriesPerSecond: withWorkers ? Math.round((BATCHES * ENTRIES) / totalSeconds) : null,
      rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
      node: process.version,
    };
  } finally {
    await app.stop();
  }
}

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
for (const target of dbTargets()) {
  for (const withWorkers of [false, true]) console.log(JSON.stringify(await runOn(target, withWorkers)));
}
process.exit(0);
