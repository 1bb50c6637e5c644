/**
 * Scale-out benchmark: one server process and N worker processes (`node src/main.ts start` with PARLEY_ROLES, as
 * an operator runs them) on one PostgreSQL, driven by signed Telegram webhooks sent from this process. For each N
 * it prints one JSON object: acks/s and ack latency, raw events processed/s, conversation events triaged/s,
 * end-to-end lag (webhook sent → its message_received triaged), how long events waited untouched, CPU seconds of
 * the server, of the workers and of this database's PostgreSQL backends, WAL and tuples per event, and a check
 * that every chat's messages were stored and triaged in the order they were sent, none lost, none twice. A last
 * JSON object gives processed(N)/processed(1).
 *
 * Usage: node bench/scaleOut.bench.ts [events=3000] [workers=1,2,4]
 *   BENCH_RATE=0          offered webhooks/s; 0 sends as fast as BENCH_CONCURRENCY requests in flight allow
 *   BENCH_CONCURRENCY=32  requests in flight at most (both modes)
 *   BENCH_CHATS=250       distinct Telegram chats; one chat's messages are sent one after another, each after
 *                         the previous one was acknowledged, so "sent order" is well defined
 *   BENCH_BURST=3         messages a customer writes in a row before the next chat's turn (each still sent after the
 *                         previous one's ack): what makes one chat's messages land in batches that different workers take
 *   BENCH_DRAIN_TIMEOUT_S=300  how long to wait after the burst for every event to be processed and triaged
 *   BENCH_KEEP_DATABASE=1 keeps each run's database for inspection (drop it yourself afterwards)
 *   BENCH_DATABASE_URL    an administrative URL of the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
 *                         a scratch database parley_scale_<pid>_<n> is created per run and dropped afterwards
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { ADMIN_EMAIL, ADMIN_PASSWORD, freePort } from "../test/support/testParley.ts";
import { BENCH_WEBHOOK_SECRET, benchTelegramChannel } from "./benchChannel.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const EVENTS = Number(process.argv[2] ?? 3000);
const WORKER_COUNTS = (process.argv[3] ?? "1,2,4").split(",").map(Number);
const RATE = Number(process.env.BENCH_RATE ?? 0);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const CHATS = Number(process.env.BENCH_CHATS ?? 250);
const BURST = Number(process.env.BENCH_BURST ?? 3);
const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_DRAIN_TIMEOUT_S ?? 300) * 1000;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/**
 * The ingest worker's pick lease (PICK_LEASE_SECONDS in src/ingest/rawEventProcessor.ts): picking a raw event sets
 * next_attempt_at = now() + lease, and nothing moves it on a success, so next_attempt_at − lease is the event's
 * last pick. Only read from the database here; if the processor changes, so must this.
 */
const PICK_LEASE_SECONDS = Number(process.env.BENCH_PICK_LEASE_S ?? 20);
const UNTOUCHED_LIMIT_S = 5;
const IDLE_SAMPLE_MS = 3000;
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Every process this benchmark started; each is killed by its own pid at the end, also on error. */
const children = new Set<ChildProcess>();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** utime + stime of a process in seconds, or null when it is gone. */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Busy and total CPU seconds of the whole machine (all cores), from /proc/stat: what others used shows too. */
function machineCpu(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  // idle and iowait
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

interface Spawned {
  child: ChildProcess;
  role: "server" | "worker";
  output: string[];
}

function spawnParley(role: "server" | "worker", env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, ["src/main.ts", "start"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PARLEY_ROLES: role },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      output.push(...chunk.split("\n").filter((line) => line !== ""));
      if (output.length > 40) output.splice(0, output.length - 40);
    });
  }
  return { child, role, output };
}

/** Resolves once `url` answers 200 (the process's /readyz), fails if the process exits first. */
async function waitReady(spawned: Spawned, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawned.child.exitCode !== null || spawned.child.signalCode !== null)
      throw new Error(`${spawned.role} exited while starting:\n${spawned.output.join("\n")}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`${spawned.role} not ready at ${url} in ${timeoutMs} ms:\n${spawned.output.join("\n")}`);
}

/** SIGTERM (Parley stops its loops and exits), SIGKILL after 10 s; only the processes this benchmark started. */
async function stopChildren(): Promise<void> {
  await Promise.all(
    [...children].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

process.once("exit", () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});
/** The scratch database of the run under way, dropped on an interrupt too. */
let activeDatabase: string | null = null;

async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    void stopChildren()
      .then(() =>
        activeDatabase && process.env.BENCH_KEEP_DATABASE !== "1" ? dropDatabase(activeDatabase) : null,
      )
      .catch(() => {})
      .finally(() => process.exit(130));
  });

async function query<T>(client: pg.Client, text: string, values: unknown[] = []): Promise<T[]> {
  return (await client.query(text, values)).rows as T[];
}

interface DbCounters {
  xactCommit: number;
  xactRollback: number;
  tupInserted: number;
  tupUpdated: number;
  tupDeleted: number;
  deadlocks: number;
  /** Transactions so far in each other database, by oid: databases created or dropped meanwhile must not count. */
  otherDatabasesXact: Map<number, number>;
  walLsn: string;
}

async function dbCounters(admin: pg.Client, database: string): Promise<DbCounters> {
  const [row] = await query<Record<string, string>>(
    admin,
    `SELECT
       sum(xact_commit) FILTER (WHERE datname = $1) AS xact_commit,
       sum(xact_rollback) FILTER (WHERE datname = $1) AS xact_rollback,
       sum(tup_inserted) FILTER (WHERE datname = $1) AS tup_inserted,
       sum(tup_updated) FILTER (WHERE datname = $1) AS tup_updated,
       sum(tup_deleted) FILTER (WHERE datname = $1) AS tup_deleted,
       sum(deadlocks) FILTER (WHERE datname = $1) AS deadlocks,
       json_object_agg(datid, xact_commit + xact_rollback) FILTER (WHERE datname IS DISTINCT FROM $1) AS other_xact,
       pg_current_wal_lsn()::text AS lsn
     FROM pg_stat_database`,
    [database],
  );
  return {
    xactCommit: Number(row!.xact_commit),
    xactRollback: Number(row!.xact_rollback),
    tupInserted: Number(row!.tup_inserted),
    tupUpdated: Number(row!.tup_updated),
    tupDeleted: Number(row!.tup_deleted),
    deadlocks: Number(row!.deadlocks),
    otherDatabasesXact: new Map(
      Object.entries((row!.other_xact ?? {}) as unknown as Record<string, number>).map(([oid, n]) => [
        Number(oid),
        Number(n),
      ]),
    ),
    walLsn: row!.lsn!,
  };
}

/**
 * CPU of PostgreSQL while the benchmark runs: the backends connected to this run's database (autovacuum workers
 * on it included) and, apart, the server's shared background processes (WAL writer, checkpointer…), which other
 * databases on the same server use too. Sampled every second, because backends come and go.
 */
class PostgresCpu {
  readonly #admin: pg.Client;
  readonly #database: string;
  readonly #baseline = new Map<number, number>();
  readonly #last = new Map<number, number>();
  readonly #background = new Map<number, { start: number; last: number }>();
  /** This benchmark's own connections to the database (its probes), not Parley's load. */
  readonly exclude = new Set<number>();
  #timer: NodeJS.Timeout | null = null;
  #sampling: Promise<void> = Promise.resolve();

  constructor(admin: pg.Client, database: string) {
    this.#admin = admin;
    this.#database = database;
  }

  async start(): Promise<void> {
    const rows = await this.#pids();
    for (const { pid, datname } of rows) {
      const cpu = cpuSeconds(pid);
      if (cpu === null) continue;
      if (datname === this.#database) {
        this.#baseline.set(pid, cpu);
        this.#last.set(pid, cpu);
      } else this.#background.set(pid, { start: cpu, last: cpu });
    }
    this.#timer = setInterval(() => {
      this.#sampling = this.#sample().catch(() => {});
    }, 1000);
  }

  async #pids() {
    return query<{ pid: number; datname: string | null }>(
      this.#admin,
      `SELECT pid, datname FROM pg_stat_activity
       WHERE datname = $1 OR (datname IS NULL AND backend_type <> 'client backend')`,
      [this.#database],
    );
  }

  async #sample(): Promise<void> {
    for (const { pid, datname } of await this.#pids()) {
      const cpu = cpuSeconds(pid);
      if (cpu === null) continue;
      if (datname === this.#database) this.#last.set(pid, cpu);
      else {
        const known = this.#background.get(pid);
        if (known) known.last = cpu;
      }
    }
  }

  async stop(): Promise<{ databaseBackendsCpuS: number; sharedBackgroundCpuS: number; backends: number }> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#sampling;
    await this.#sample();
    let own = 0;
    for (const [pid, last] of this.#last)
      if (!this.exclude.has(pid)) own += last - (this.#baseline.get(pid) ?? 0);
    let shared = 0;
    for (const { start, last } of this.#background.values()) shared += last - start;
    return {
      databaseBackendsCpuS: round(own),
      sharedBackgroundCpuS: round(shared),
      backends: this.#last.size,
    };
  }
}

/**
 * When each conversation event became visible (its ingest transaction committed), to ±SAMPLE_MS: a pending
 * event's id is first seen by a poll. An event committed and triaged between two polls is never seen: it
 * waited less than one interval. Without it, an ingest transaction's own wait would count as triage's.
 */
class VisibilitySampler {
  static readonly SAMPLE_MS = 200;
  readonly firstSeen = new Map<number, number>();
  readonly client: pg.Client;
  #running = true;
  #done: Promise<void> = Promise.resolve();

  constructor(databaseUrl: string) {
    this.client = new pg.Client({ connectionString: databaseUrl });
  }

  async start(): Promise<void> {
    await this.client.connect();
    this.#done = (async () => {
      while (this.#running) {
        const rows = await query<{ id: string }>(
          this.client,
          "SELECT id FROM conversation_events WHERE processed_at IS NULL",
        );
        const now = Date.now();
        for (const { id } of rows) if (!this.firstSeen.has(Number(id))) this.firstSeen.set(Number(id), now);
        await sleep(VisibilitySampler.SAMPLE_MS);
      }
    })();
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#done.catch(() => {});
    await this.client.end().catch(() => {});
  }
}

interface Sent {
  chat: number;
  seq: number;
  sentAt: number;
  ackMs: number;
}

/** Event i: the chat and that chat's message number. Chats take turns, each writing BURST messages in a row. */
function chatOf(i: number): { chat: number; seq: number } {
  const turn = Math.floor(i / BURST);
  return { chat: turn % CHATS, seq: Math.floor(turn / CHATS) * BURST + (i % BURST) + 1 };
}

/** The webhooks, from this process, at RATE per second or as fast as CONCURRENCY requests in flight allow. */
async function drive(webhookUrl: string): Promise<{ sent: Sent[]; seconds: number }> {
  const sent: Sent[] = [];
  const chatTail = new Map<number, Promise<void>>();
  let inFlight = 0;
  const slotFreed: (() => void)[] = [];
  const send = async (i: number) => {
    const { chat, seq } = chatOf(i);
    const chatId = 700_000_000 + chat;
    const sentAt = Date.now();
    const body = JSON.stringify({
      update_id: 1_000_000 + i,
      message: {
        message_id: seq,
        // Now, as a platform sends it: an old date would breach every SLA clock at once and inflate the work.
        date: Math.floor(sentAt / 1000),
        chat: { id: chatId, type: "private", first_name: "Bench", last_name: String(chat) },
        from: {
          id: chatId,
          is_bot: false,
          first_name: "Bench",
          last_name: String(chat),
          language_code: "en",
        },
        text: `Chat ${chat} message ${seq}: where is my order?`,
      },
    });
    const t0 = performance.now();
    const res = await fetch(webhookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": BENCH_WEBHOOK_SECRET,
      },
      body,
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    sent.push({ chat, seq, sentAt, ackMs: performance.now() - t0 });
  };
  const started = performance.now();
  const all: Promise<void>[] = [];
  for (let i = 0; i < EVENTS; i++) {
    if (RATE > 0) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
    }
    while (inFlight >= CONCURRENCY) await new Promise<void>((resolve) => slotFreed.push(resolve));
    inFlight += 1;
    const { chat } = chatOf(i);
    // One chat's messages one after another: the next is sent once the previous one was acknowledged.
    const tail = (chatTail.get(chat) ?? Promise.resolve()).then(() => send(i));
    const settled = tail.finally(() => {
      inFlight -= 1;
      slotFreed.shift()?.();
    });
    chatTail.set(
      chat,
      settled.catch(() => {}),
    );
    all.push(settled);
  }
  await Promise.all(all);
  return { sent, seconds: (performance.now() - started) / 1000 };
}

/**
 * Events passed over: taken (`done`) more than `gapMs` after some event behind them in the queue (a higher
 * `order`, i.e. arrived later) was taken. A backlog delays everything alike and shows here as nothing; an event
 * that is skipped, or put back for a retry, while the queue moves on shows with how long it was passed over.
 */
function passedOver(
  items: { order: number; done: number; retried?: boolean }[],
  gapMs: number,
  which: (item: { retried?: boolean }) => boolean = () => true,
): { count: number; maxMs: number } {
  const sorted = [...items].sort((a, b) => a.order - b.order);
  const laterMin: number[] = new Array(sorted.length + 1).fill(Number.POSITIVE_INFINITY);
  for (let k = sorted.length - 1; k >= 0; k--) laterMin[k] = Math.min(laterMin[k + 1]!, sorted[k]!.done);
  let count = 0;
  let maxMs = 0;
  sorted.forEach((item, k) => {
    const by = item.done - laterMin[k + 1]!;
    if (by > gapMs && which(item)) {
      count += 1;
      maxMs = Math.max(maxMs, by);
    }
  });
  return { count, maxMs: Math.round(maxMs) };
}

interface MessageRow {
  chat: number;
  seq: number;
  received_ms: number;
  raw_processed_ms: number | null;
  picked_ms: number | null;
  raw_status: string;
  raw_attempts: number;
  raw_id: number;
  message_created_ms: number | null;
  event_id: number | null;
  triaged_ms: number | null;
  events_for_message: number;
}

async function runWith(workers: number) {
  const database = `parley_scale_${process.pid}_${workers}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  activeDatabase = database;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-scale-"));
  const db = new pg.Client({ connectionString: databaseUrl });
  const spawned: Spawned[] = [];
  try {
    const port = await freePort();
    const common = {
      DATABASE_URL: databaseUrl,
      PARLEY_DATA_DIR: dataDir,
      PARLEY_SECRET_KEY: randomBytes(32).toString("base64"),
      PARLEY_DEMO: "0",
      PARLEY_ADMIN_EMAIL: ADMIN_EMAIL,
      PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PORT: String(port),
      LOG_LEVEL: "error",
      // The channel's API base URL is a closed loopback port (benchChannel.ts): every platform call fails at once.
      PARLEY_OUTBOUND_ALLOW_PRIVATE: "127.0.0.0/8,::1/128",
    };
    // The server first: it applies the migrations, so the workers do not race for them.
    const server = spawnParley("server", common);
    spawned.push(server);
    await waitReady(server, `http://127.0.0.1:${port}/readyz`);
    const metricsPorts = await Promise.all(Array.from({ length: workers }, () => freePort()));
    const workerProcesses = metricsPorts.map((metricsPort) =>
      spawnParley("worker", { ...common, PARLEY_METRICS_PORT: String(metricsPort) }),
    );
    spawned.push(...workerProcesses);
    await Promise.all(
      workerProcesses.map((worker, i) => waitReady(worker, `http://127.0.0.1:${metricsPorts[i]}/readyz`)),
    );
    const { webhookUrl } = await benchTelegramChannel(`http://127.0.0.1:${port}`);
    await db.connect();
    // Let the workers' first passes (SLA sweep, probes, housekeeping) settle, then measure what idle processes cost.
    await sleep(2000);
    const idleBefore = spawned.map((p) => cpuSeconds(p.child.pid!) ?? 0);
    await sleep(IDLE_SAMPLE_MS);
    const idleCpu = spawned.map((p, i) => (cpuSeconds(p.child.pid!) ?? 0) - idleBefore[i]!);

    const loadBefore = os.loadavg();
    const countersBefore = await dbCounters(admin, database);
    const postgresCpu = new PostgresCpu(admin, database);
    await postgresCpu.start();
    const visibility = new VisibilitySampler(databaseUrl);
    await visibility.start();
    for (const client of [db, visibility.client]) {
      const [own] = await query<{ pid: number }>(client, "SELECT pg_backend_pid() AS pid");
      postgresCpu.exclude.add(own!.pid);
    }
    const cpuBefore = spawned.map((s) => cpuSeconds(s.child.pid!) ?? 0);
    const machineBefore = machineCpu();
    const benchCpuBefore = process.cpuUsage();
    const startedMs = Date.now();

    const { sent, seconds: ackSeconds } = await drive(webhookUrl);
    const [atBurstEnd] = await query<{ raw_pending: number; events_pending: number }>(
      db,
      `SELECT (SELECT count(*)::int FROM raw_events WHERE status = 'pending') AS raw_pending,
              (SELECT count(*)::int FROM conversation_events WHERE processed_at IS NULL) AS events_pending`,
    );
    const loadAtBurstEnd = os.loadavg();
    const drainDeadline = Date.now() + DRAIN_TIMEOUT_MS;
    let drained = false;
    while (Date.now() < drainDeadline) {
      const [left] = await query<{ n: number }>(
        db,
        `SELECT (SELECT count(*) FROM raw_events WHERE status = 'pending')
              + (SELECT count(*) FROM conversation_events WHERE processed_at IS NULL) AS n`,
      );
      if (Number(left!.n) === 0) {
        drained = true;
        break;
      }
      await sleep(200);
    }
    const drainedMs = Date.now();
    const cpuAfter = spawned.map((s) => cpuSeconds(s.child.pid!) ?? 0);
    const machineAfter = machineCpu();
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const postgres = await postgresCpu.stop();
    await visibility.stop();
    const countersAfter = await dbCounters(admin, database);
    const [wal] = await query<{ bytes: string }>(
      admin,
      "SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::bigint AS bytes",
      [countersAfter.walLsn, countersBefore.walLsn],
    );
    const [size] = await query<{ bytes: string }>(admin, "SELECT pg_database_size($1) AS bytes", [database]);

    // One row per raw event: its message, and that message's message_received event.
    const rows = await query<MessageRow>(
      db,
      `WITH triaged AS (
         SELECT details->>'messageId' AS message_id, min(id) AS first_id, count(*)::int AS n
         FROM conversation_events WHERE type = 'message_received' GROUP BY 1)
       SELECT (r.payload->'message'->'chat'->>'id')::bigint - 700000000 AS chat,
              (r.payload->'message'->>'message_id')::int AS seq,
              r.id AS raw_id, r.status AS raw_status, r.attempts AS raw_attempts,
              extract(epoch FROM r.received_at) * 1000 AS received_ms,
              extract(epoch FROM r.processed_at) * 1000 AS raw_processed_ms,
              extract(epoch FROM r.next_attempt_at - make_interval(secs => $1)) * 1000 AS picked_ms,
              extract(epoch FROM m.created_at) * 1000 AS message_created_ms,
              e.id AS event_id, extract(epoch FROM e.processed_at) * 1000 AS triaged_ms,
              coalesce(t.n, 0) AS events_for_message
       FROM raw_events r
       LEFT JOIN messages m ON m.channel_id = r.channel_id
         AND m.external_id = (r.payload->'message'->'chat'->>'id') || ':' || (r.payload->'message'->>'message_id')
       LEFT JOIN triaged t ON t.message_id = m.id::text
       LEFT JOIN conversation_events e ON e.id = t.first_id`,
      [PICK_LEASE_SECONDS],
    );
    const [totals] = await query<{
      messages: number;
      conversations: number;
      events: number;
      wrong_previews: number;
    }>(
      db,
      `SELECT (SELECT count(*)::int FROM messages WHERE direction = 'in') AS messages,
              (SELECT count(*)::int FROM conversations) AS conversations,
              (SELECT count(*)::int FROM conversation_events) AS events,
              (SELECT count(*)::int FROM conversations c WHERE c.last_message_preview <>
                 (SELECT m.text FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'in'
                  ORDER BY split_part(m.external_id, ':', 2)::int DESC LIMIT 1)) AS wrong_previews`,
    );
    const errors = await query<{ error: string; n: number }>(
      db,
      `SELECT left(error, 160) AS error, count(*)::int AS n FROM raw_events
       WHERE error IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 5`,
    );
    const [eventErrors] = await query<{ retried: number; failed: number }>(
      db,
      `SELECT count(*) FILTER (WHERE attempts > 0)::int AS retried,
              count(*) FILTER (WHERE error IS NOT NULL AND attempts >= 5)::int AS failed
       FROM conversation_events`,
    );

    const sentBy = new Map(sent.map((s) => [`${s.chat}:${s.seq}`, s]));
    const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));
    const e2e: number[] = [];
    const ingestLag: number[] = [];
    const untouchedIngest: number[] = [];
    const untouchedTriage: number[] = [];
    const ingestTurns: { order: number; done: number; retried: boolean }[] = [];
    const triageTurns: { order: number; done: number }[] = [];
    let rawProcessedLast = 0;
    let triagedLast = 0;
    const byChat = new Map<
      number,
      {
        seq: number;
        raw: number;
        event: number | null;
        created: number | null;
        rawProcessedAt: string | null;
      }[]
    >();
    let lost = 0;
    let duplicated = 0;
    for (const row of rows) {
      const chat = Number(row.chat);
      const seq = Number(row.seq);
      const received = Number(row.received_ms);
      const rawProcessed = num(row.raw_processed_ms);
      const picked = num(row.picked_ms);
      const triaged = num(row.triaged_ms);
      const eventId = num(row.event_id);
      if (row.raw_status !== "processed" || eventId === null || triaged === null) lost += 1;
      if (Number(row.events_for_message) > 1) duplicated += 1;
      if (rawProcessed !== null) {
        rawProcessedLast = Math.max(rawProcessedLast, rawProcessed);
        ingestLag.push(rawProcessed - received);
      }
      if (picked !== null && row.raw_status === "processed") {
        untouchedIngest.push(picked - received);
        ingestTurns.push({ order: Number(row.raw_id), done: picked, retried: Number(row.raw_attempts) > 0 });
      }
      if (triaged !== null) {
        triagedLast = Math.max(triagedLast, triaged);
        const origin = sentBy.get(`${chat}:${seq}`);
        if (origin) e2e.push(triaged - origin.sentAt);
        // Visible (committed) → taken by triage; never seen pending means less than one sample interval.
        const visible = visibility.firstSeen.get(eventId!) ?? triaged;
        untouchedTriage.push(triaged - visible);
        triageTurns.push({ order: visible, done: triaged });
      }
      const list = byChat.get(chat) ?? [];
      list.push({
        seq,
        raw: Number(row.raw_id),
        event: eventId,
        created: num(row.message_created_ms),
        rawProcessedAt: rawProcessed === null ? null : new Date(rawProcessed).toISOString(),
      });
      byChat.set(chat, list);
    }
    lost += EVENTS - rows.length;
    // Sent order is seq order; stored order is the raw event id, the message's creation and the triage event id.
    let chatsOutOfOrder = 0;
    let eventInversions = 0;
    let creationInversions = 0;
    let rawInversions = 0;
    let firstInversion: object | null = null;
    for (const [chat, list] of byChat) {
      list.sort((a, b) => a.seq - b.seq);
      let bad = false;
      for (let k = 1; k < list.length; k++) {
        const before = list[k - 1]!;
        const after = list[k]!;
        if (after.raw < before.raw) rawInversions += 1;
        if (before.event !== null && after.event !== null && after.event < before.event) {
          eventInversions += 1;
          bad = true;
          firstInversion ??= { chat: 700_000_000 + chat, sent: [before, after] };
        }
        if (before.created !== null && after.created !== null && after.created < before.created) {
          creationInversions += 1;
          bad = true;
        }
      }
      if (bad) chatsOutOfOrder += 1;
    }
    const acks = sent.map((s) => s.ackMs).sort((a, b) => a - b);
    e2e.sort((a, b) => a - b);
    ingestLag.sort((a, b) => a - b);
    untouchedIngest.sort((a, b) => a - b);
    untouchedTriage.sort((a, b) => a - b);
    const processedSeconds = (rawProcessedLast - startedMs) / 1000;
    const triagedSeconds = (triagedLast - startedMs) / 1000;
    const serverCpuS = cpuAfter[0]! - cpuBefore[0]!;
    const workerCpuS = cpuAfter.slice(1).reduce((sum, value, i) => sum + value - cpuBefore[i + 1]!, 0);
    const perEvent = (value: number, digits = 2) => round(value / EVENTS, digits);
    return {
      bench: "scaleOut",
      workers: workers,
      serverProcesses: 1,
      cores: os.cpus().length,
      events: EVENTS,
      chats: CHATS,
      burst: BURST,
      offeredRate: RATE || "closed loop",
      concurrency: CONCURRENCY,
      drained,
      loadAverage1m: {
        before: round(loadBefore[0]!),
        burstEnd: round(loadAtBurstEnd[0]!),
        end: round(os.loadavg()[0]!),
      },
      ackedPerSecond: Math.round(sent.length / ackSeconds),
      ackP50Ms: round(percentile(acks, 50)),
      ackP99Ms: round(percentile(acks, 99)),
      burstSeconds: round(ackSeconds),
      pendingAtBurstEnd: {
        rawEvents: atBurstEnd!.raw_pending,
        conversationEvents: atBurstEnd!.events_pending,
      },
      processedPerSecond: Math.round(EVENTS / processedSeconds),
      triagedPerSecond: Math.round(EVENTS / triagedSeconds),
      conversationEventsTriagedPerSecond: Math.round(totals!.events / triagedSeconds),
      secondsToProcessed: round(processedSeconds),
      secondsToTriaged: round(triagedSeconds),
      endToEndLagMs: {
        p50: Math.round(percentile(e2e, 50)),
        p95: Math.round(percentile(e2e, 95)),
        max: Math.round(e2e.at(-1) ?? 0),
      },
      ingestLagMs: { p50: Math.round(percentile(ingestLag, 50)), p95: Math.round(percentile(ingestLag, 95)) },
      waitedUntouchedOver5s: {
        // Received → last picked by an ingest worker (from the pick lease; see PICK_LEASE_SECONDS).
        ingest: untouchedIngest.filter((ms) => ms > UNTOUCHED_LIMIT_S * 1000).length,
        ingestAroundLease: untouchedIngest.filter((ms) => ms >= (PICK_LEASE_SECONDS - 1) * 1000).length,
        ingestMaxMs: Math.round(untouchedIngest.at(-1) ?? 0),
        // Its message_received event committed (seen by a poll every 200 ms) → taken by triage.
        triage: untouchedTriage.filter((ms) => ms > UNTOUCHED_LIMIT_S * 1000).length,
        triageMaxMs: Math.round(untouchedTriage.at(-1) ?? 0),
      },
      // Taken more than 5 s after an event behind it in the queue: skipped or put back, not merely queued.
      passedOverBy5s: {
        // Never failed, yet picked long after later events: a pick was lost and its lease had to run out.
        ingestNeverFailed: passedOver(ingestTurns, UNTOUCHED_LIMIT_S * 1000, (item) => !item.retried),
        // Failed (a deadlock, say) and waited out its retry backoff while later events went ahead.
        ingestRetried: passedOver(ingestTurns, UNTOUCHED_LIMIT_S * 1000, (item) => item.retried === true),
        // Triage drains a conversation's newer events with its oldest one, so in a backlog this counts queueing too.
        triage: passedOver(triageTurns, UNTOUCHED_LIMIT_S * 1000),
      },
      rawEventsRetried: rows.filter((r) => Number(r.raw_attempts) > 0).length,
      rawEventErrors: errors,
      conversationEventsRetried: eventErrors!.retried,
      conversationEventsFailed: eventErrors!.failed,
      integrity: {
        messages: totals!.messages,
        conversations: totals!.conversations,
        conversationEvents: totals!.events,
        lost,
        duplicated,
        chatsOutOfOrder,
        triageOrderInversions: eventInversions,
        creationOrderInversions: creationInversions,
        rawOrderInversions: rawInversions,
        wrongLastMessagePreview: totals!.wrong_previews,
        // Two messages of one chat, in sent order, whose message_received events triage takes the other way round.
        firstInversion,
      },
      cpuSeconds: {
        server: round(serverCpuS),
        workers: round(workerCpuS),
        postgresDatabaseBackends: postgres.databaseBackendsCpuS,
        postgresSharedBackground: postgres.sharedBackgroundCpuS,
        postgresBackendsSeen: postgres.backends,
        // CPU share (cores) of each process with no traffic, over a few seconds before the burst: its polling loops.
        idleServerCores: round(idleCpu[0]! / (IDLE_SAMPLE_MS / 1000), 3),
        idleWorkerCoresEach: round(
          idleCpu.slice(1).reduce((sum, value) => sum + value, 0) / workers / (IDLE_SAMPLE_MS / 1000),
          3,
        ),
        benchProcess: round((benchCpu.user + benchCpu.system) / 1e6),
        // Everything busy on the machine meanwhile, this run's processes and everyone else's.
        machineBusy: round(machineAfter.busy - machineBefore.busy),
        machineAvailable: round(machineAfter.total - machineBefore.total),
        wallSeconds: round((drainedMs - startedMs) / 1000),
      },
      perEvent: {
        serverCpuMs: round((serverCpuS * 1000) / EVENTS),
        workerCpuMs: round((workerCpuS * 1000) / EVENTS),
        postgresCpuMs: round(
          ((postgres.databaseBackendsCpuS + postgres.sharedBackgroundCpuS) * 1000) / EVENTS,
        ),
        transactions: perEvent(countersAfter.xactCommit - countersBefore.xactCommit, 1),
        rollbacks: perEvent(countersAfter.xactRollback - countersBefore.xactRollback, 2),
        tuplesWritten: perEvent(
          countersAfter.tupInserted +
            countersAfter.tupUpdated +
            countersAfter.tupDeleted -
            countersBefore.tupInserted -
            countersBefore.tupUpdated -
            countersBefore.tupDeleted,
          1,
        ),
        walBytes: Math.round(Number(wal!.bytes) / EVENTS),
        databaseBytes: Math.round(Number(size!.bytes) / EVENTS),
      },
      deadlocks: countersAfter.deadlocks - countersBefore.deadlocks,
      // Transactions in other databases meanwhile: WAL and shared background CPU are the server's, not this run's.
      otherDatabasesTransactions: [...countersAfter.otherDatabasesXact].reduce(
        (sum, [oid, n]) => sum + n - (countersBefore.otherDatabasesXact.get(oid) ?? 0),
        0,
      ),
    };
  } finally {
    await db.end().catch(() => {});
    await stopChildren();
    if (process.env.BENCH_KEEP_DATABASE === "1") console.error(`kept ${database} for inspection`);
    else await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
    activeDatabase = null;
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: Awaited<ReturnType<typeof runWith>>[] = [];
try {
  for (const workers of WORKER_COUNTS) {
    const result = await runWith(workers);
    results.push(result);
    console.log(JSON.stringify(result));
  }
  const base = results.find((r) => r.workers === 1) ?? results[0];
  if (base)
    console.log(
      JSON.stringify({
        bench: "scaleOut.summary",
        ratios: results.map((r) => ({
          workers: r.workers,
          processed: round(r.processedPerSecond / base.processedPerSecond),
          triaged: round(r.triagedPerSecond / base.triagedPerSecond),
          endToEndLagP95Ms: r.endToEndLagMs.p95,
        })),
      }),
    );
} finally {
  await stopChildren();
}
process.exit(0);
