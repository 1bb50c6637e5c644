/**
 * The inbox at a big brand's scale, through the HTTP API: on a database seeded by bench/seedInbox.ts (by default
 * 1,000,000 conversations / 5,000,000 messages on PostgreSQL), times the first page, every filter the inbox
 * offers, "SLA due soonest", the second page of both orders (keyset cursors), opening a conversation, the label
 * menu and the search box (an order number, a word found nowhere, a common inflected word, a customer's name).
 * Prints one JSON object per database with p50/p95 in milliseconds and the rows each answer held.
 *
 * Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/inbox1m.bench.ts \
 *          [--conversations 1000000] [--database parley_bench_1m] [--runs 40] [--warmup 3] [--pglite 20000]
 *          [--only firstPage,dueSoonest,…]
 * The PostgreSQL database is seeded first if it is not already (idempotent; minutes at 1M). --pglite N adds a
 * run on the embedded database seeded with N conversations (0 skips it; without BENCH_DATABASE_URL only that).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type Db, openDatabase } from "../src/store/database.ts";
import { ApiClient } from "../test/support/apiClient.ts";
import { startTestParley } from "../test/support/testParley.ts";
import { openBenchDatabase, SEED_ADMIN_EMAIL, SEED_ADMIN_PASSWORD, seedId, seedInbox } from "./seedInbox.ts";

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const CONVERSATIONS = Number(argument("conversations", "1000000"));
const RUNS = Number(argument("runs", "40"));
const PGLITE_CONVERSATIONS = Number(argument("pglite", "20000"));
const WARMUP = Number(argument("warmup", "3"));
/** Only these scenarios (comma-separated names), e.g. for a quick "before" on code that takes seconds a page. */
const ONLY = argument("only", "").split(",").filter(Boolean);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const seededId = async (db: Db, kind: string, n: number) =>
  (
    (await db.execute(sql`SELECT ${seedId(kind, String(n))} AS id`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows[0]!.id;

interface Scenario {
  /** The request path; called with the run's index so a scenario can vary (another order number, another id). */
  path: (run: number) => string;
  rows: (body: { items?: unknown[] }) => number;
  /** Work before the timed runs (the first page whose cursor a second page needs). */
  prepare?: () => Promise<void>;
}

async function scenarios(api: ApiClient, db: Db, conversations: number): Promise<Record<string, Scenario>> {
  const list = (query: string): Scenario => ({
    path: () => `/api/conversations${query ? `?${query}` : ""}`,
    rows: (body) => body.items?.length ?? 0,
  });
  const secondPage = (query: string): Scenario => {
    let cursor = "";
    return {
      path: () => `/api/conversations?${query}&cursor=${encodeURIComponent(cursor)}`,
      rows: (body) => body.items?.length ?? 0,
      prepare: async () => {
        cursor = (await api.get(`/api/conversations?${query}`)).body.nextCursor ?? "";
      },
    };
  };
  const team = await seededId(db, "team", 1);
  const channel = await seededId(db, "channel", 3); // Viber: a tenth of the inbox
  const agent = await seededId(db, "agent", 17);
  const category = await seededId(db, "category", 4);
  const pick = (run: number) => 1 + ((run * 7_919 + 104_729) % conversations);
  return {
    firstPage: list(""),
    secondPage: secondPage("limit=50"),
    team: list(`teamId=${team}`),
    channel: list(`channelId=${channel}`),
    priorityUrgent: list("priority=urgent"),
    queued: list("queued=true"),
    statusOpen: list("status=open"),
    statusPending: list("status=pending"),
    assigneeAgent: list(`assignee=${agent}`),
    assigneeNone: list("assignee=none"),
    category: list(`categoryId=${category}`),
    labelVip: list("label=vip"),
    labelsRefundAndB2b: list("label=refund&label=b2b"),
    languageLv: list("language=lv"),
    teamOpenUrgent: list(`teamId=${team}&status=open&priority=urgent`),
    dueSoonest: list("sort=due"),
    dueSoonestSecondPage: secondPage("sort=due"),
    dueSoonestTeam: list(`sort=due&teamId=${team}`),
    dueSoonestUrgent: list("sort=due&priority=urgent"),
    open: {
      path: (run) => `/api/conversations/${idOf(run)}`,
      rows: (body) => (body && "id" in body ? 1 : 0),
    },
    labelMenu: { path: () => "/api/labels", rows: (body) => body.items?.length ?? 0 },
    searchOrderNumber: {
      path: (run) => `/api/conversations?q=${encodeURIComponent(`NM-${100_000 + pick(run)}`)}`,
      rows: (body) => body.items?.length ?? 0,
    },
    searchWordFoundNowhere: list(`q=${encodeURIComponent("зюзябриками")}`),
    searchCommonInflected: list(`q=${encodeURIComponent("заказы")}`),
    searchCustomerName: list(`q=${encodeURIComponent("Kowalska")}`),
  };

  function idOf(run: number): string {
    return ids[run % ids.length]!;
  }
}

let ids: string[] = [];

async function measure(target: "postgres" | "pglite", databaseUrl: string | undefined, dataDir?: string) {
  const app = await startTestParley(
    { name: target },
    { ...(databaseUrl ? { databaseUrl } : { dataDir }), roles: ["server"] },
  );
  try {
    const db = app.parley.database.db;
    const counted = (
      (await db.execute(sql`SELECT (SELECT count(*)::int FROM conversations) AS c,
        (SELECT count(*)::int FROM messages) AS m`)) as unknown as { rows: { c: number; m: number }[] }
    ).rows[0]!;
    ids = (
      (await db.execute(sql`SELECT ${seedId("conversation", `1 + (g * 7919) % ${counted.c}`)} AS id
        FROM generate_series(1, 64) g`)) as unknown as { rows: { id: string }[] }
    ).rows.map((row) => row.id);
    const api = await ApiClient.login(app.url, SEED_ADMIN_EMAIL, SEED_ADMIN_PASSWORD);
    const results: Record<string, { p50: number; p95: number; max: number; rows: number }> = {};
    for (const [name, scenario] of Object.entries(await scenarios(api, db, counted.c))) {
      if (ONLY.length > 0 && !ONLY.includes(name)) continue;
      await scenario.prepare?.();
      const times: number[] = [];
      let rows = 0;
      for (let run = 0; run < WARMUP + RUNS; run++) {
        const t0 = performance.now();
        const res = await api.get(scenario.path(run));
        const ms = performance.now() - t0;
        if (res.status !== 200) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
        if (run >= WARMUP) times.push(ms);
        rows = scenario.rows(res.body);
      }
      times.sort((a, b) => a - b);
      const round = (v: number) => Math.round(v * 10) / 10;
      results[name] = {
        p50: round(percentile(times, 50)),
        p95: round(percentile(times, 95)),
        max: round(times[times.length - 1] ?? 0),
        rows,
      };
    }
    return {
      database: target,
      conversations: counted.c,
      messages: counted.m,
      runs: RUNS,
      msThroughApi: results,
    };
  } finally {
    await app.stop();
  }
}

if (process.env.BENCH_DATABASE_URL) {
  const name = argument("database", "parley_bench_1m");
  const database = await openBenchDatabase(name, "");
  await database.migrate();
  const seeded = await seedInbox(database.db, { conversations: CONVERSATIONS, log: (l) => console.error(l) });
  await database.close();
  const url = new URL(process.env.BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  console.log(JSON.stringify({ seedMs: seeded.ms, ...(await measure("postgres", url.toString())) }));
}
if (PGLITE_CONVERSATIONS > 0) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-inbox-bench-"));
  try {
    const database = await openDatabase({ dataDir });
    await database.migrate();
    const seeded = await seedInbox(database.db, { conversations: PGLITE_CONVERSATIONS });
    await database.close();
    console.log(JSON.stringify({ seedMs: seeded.ms, ...(await measure("pglite", undefined, dataDir)) }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
