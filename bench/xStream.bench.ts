/**
 * X stream benchmark: posts pushed down the fake filtered stream (NDJSON with keep-alives) → read and stored as raw
 * events → parsed into messages → matched by listening into mentions. Prints one JSON object per database: lines/s
 * to storage and lines/s through to listening (every post stored as a mention).
 * Usage: node bench/xStream.bench.ts [posts=2000]   (TEST_DATABASE_URL or DATABASE_URL adds PostgreSQL)
 */
import { sql } from "drizzle-orm";
import { startSimulator } from "../src/simulator/simulatorServer.ts";
import { ApiClient } from "../test/support/apiClient.ts";
import { type DbTarget, dbTargets } from "../test/support/testDatabase.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestParley } from "../test/support/testParley.ts";

const POSTS = Number(process.argv[2] ?? 2000);
const LANGS = ["ru", "pl", "lv", "en"] as const;
const TEXTS = {
  ru: "Купил парку в Nordmart, очень тёплая",
  pl: "Kupiłem parkę w Nordmart, bardzo ciepła parka",
  lv: "Nopirku parka Nordmart, ļoti silta",
  en: "Bought a parka at Nordmart, really warm",
};

async function until(probe: () => Promise<boolean>, limitMs = 600_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error("benchmark timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function runOn(target: DbTarget) {
  const sim = await startSimulator({ port: 0, x: { keepAliveMs: 1_000 } });
  const app = await startTestParley(target, { workerOptions: { streams: { rescanMs: 200 } } });
  try {
    const api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await api.post("/api/listening/topics", { name: "Nordmart", kind: "brand", query: "nordmart OR parka" });
    sim.x.addAccount({
      accountId: "1800000000000000001",
      username: "nordmart_help",
      name: "Nordmart",
      tokens: ["u", "b"],
    });
    await api.post("/api/channels", {
      platform: "x",
      name: "X bench",
      settings: {
        accountId: "1800000000000000001",
        username: "nordmart_help",
        mentions: "stream",
        directMessages: "off",
        clientId: "c",
        accessToken: "u",
        bearerToken: "b",
      },
      apiBaseUrl: sim.url,
    });
    await until(async () => sim.x.state.streamConnections === 1 && sim.x.state.rules.length >= 2);
    const db = app.parley.database.db;
    const count = async (statement: ReturnType<typeof sql>) =>
      ((await db.execute(statement)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
    const started = performance.now();
    for (let i = 0; i < POSTS; i++) {
      const lang = LANGS[i % LANGS.length]!;
      sim.x.post(
        { id: 10_000 + (i % 700), firstName: "Bench", lastName: String(i % 700), languageCode: lang },
        `${TEXTS[lang]} #${i}`,
      );
    }
    await until(
      async () => (await count(sql`SELECT count(*)::int AS n FROM raw_events WHERE platform = 'x'`)) >= POSTS,
    );
    const storedSeconds = (performance.now() - started) / 1000;
    await until(
      async () => (await count(sql`SELECT count(DISTINCT message_id)::int AS n FROM mentions`)) >= POSTS,
    );
    const listenedSeconds = (performance.now() - started) / 1000;
    return {
      bench: "xStream",
      database: target.name,
      posts: POSTS,
      storedLinesPerSecond: Math.round(POSTS / storedSeconds),
      listenedLinesPerSecond: Math.round(POSTS / listenedSeconds),
      secondsToStored: Number(storedSeconds.toFixed(2)),
      secondsToListening: Number(listenedSeconds.toFixed(2)),
    };
  } finally {
    await app.stop();
    await sim.stop();
  }
}

if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL)
  process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
for (const target of dbTargets()) console.log(JSON.stringify(await runOn(target)));
process.exit(0);
