/**
 * Triage throughput with the database: customer messages arrive as Telegram webhooks from 300 customers and
 * the worker classifies, prioritises, routes, assigns (round robin across two teams of five online agents),
 * starts the SLA clocks and runs 20 automation rules for each, in its per-conversation transactions. Measures
 * the time from the first webhook until every conversation event is handled. Prints one JSON object per
 * database. Usage: node bench/triageThroughput.bench.ts [messages=1000]   (BENCH_DATABASE_URL adds PostgreSQL)
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { type DbTarget, dbTargets } from "../test/support/testDatabase.ts";
import { startTestParley } from "../test/support/testParley.ts";
import { BENCH_WEBHOOK_SECRET, benchTelegramChannel } from "./benchChannel.ts";

const MESSAGES = Number(process.argv[2] ?? 1000);
const CUSTOMERS = 300;
const CONCURRENCY = 16;
const SECRET = BENCH_WEBHOOK_SECRET;

const corpus = readFileSync(new URL("../eval/listening/mentions.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { text: string }).text);

async function count(app: Awaited<ReturnType<typeof startTestParley>>, query: ReturnType<typeof sql>) {
  const result = (await app.parley.database.db.execute(query)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]!.n);
}

async function runOn(target: DbTarget) {
  const app = await startTestParley(target);
  try {
    const { api, webhookUrl } = await benchTelegramChannel(app.url);
    const teamIds: string[] = [];
    for (const [name, strategy] of [
      ["Fast lane", "round_robin"],
      ["Escalations", "least_loaded"],
    ] as const) {
      const team = await api.post("/api/teams", { name, assignmentStrategy: strategy });
      const teamId: string = team.body.team?.id ?? team.body.id;
      teamIds.push(teamId);
      for (let i = 0; i < 5; i++) {
        const user = await api.post("/api/users", {
          email: `${name.replace(" ", "").toLowerCase()}${i}@bench.test`,
          name: `${name} ${i}`,
          role: "agent",
          password: "bench-password-1",
          teamIds: [teamId],
        });
        const userId: string = user.body.user?.id ?? user.body.id;
        await api.request("PATCH", `/api/users/${userId}`, { capacity: 200, availability: "online" });
      }
    }
    await api.post("/api/routing-rules", {
      name: "Urgent",
      teamId: teamIds[1],
      conditions: { priorities: ["urgent"] },
    });
    await api.post("/api/routing-rules", {
      name: "Complaints",
      teamId: teamIds[1],
      conditions: { categories: ["complaint"] },
    });
    for (let i = 0; i < 18; i++)
      await api.post("/api/routing-rules", {
        name: `Language rule ${i}`,
        teamId: teamIds[i % 2],
        conditions: {
          languages: [["ru", "pl", "lv", "en"][i % 4]],
          categories: [["delivery", "returns", "payment", "bonus"][i % 4]],
        },
      });
    await api.post("/api/routing-rules", { name: "Everything else", teamId: teamIds[0], conditions: {} });
    for (let i = 0; i < 20; i++) {
      const rule = await api.post("/api/automation-rules", {
        name: `Label ${i}`,
        event: "message_received",
        conditions: [
          {
            field: "text",
            operator: "contains",
            value: ["заказ", "zamówienie", "pasūtījums", "order"][i % 4],
          },
        ],
        actions: [{ type: "add_label", label: `label-${i % 5}` }],
        enabled: true,
      });
      if (rule.status !== 201) throw new Error(`rule refused: ${JSON.stringify(rule.body)}`);
    }

    const started = performance.now();
    let next = 0;
    const sender = async () => {
      while (next < MESSAGES) {
        const i = next++;
        const customer = 50_000 + (i % CUSTOMERS);
        const res = await fetch(webhookUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
          body: JSON.stringify({
            update_id: 2_000_000 + i,
            message: {
              message_id: i + 1,
              date: Math.floor(Date.now() / 1000),
              chat: { id: customer, type: "private", first_name: "Customer" },
              from: { id: customer, is_bot: false, first_name: "Customer", last_name: String(customer) },
              text: corpus[i % corpus.length],
            },
          }),
        });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    const ackedSeconds = (performance.now() - started) / 1000;
    for (;;) {
      const pendingRaw = await count(
        app,
        sql`SELECT count(*)::int AS n FROM raw_events WHERE status = 'pending'`,
      );
      const pendingTriage = await count(
        app,
        sql`SELECT count(*)::int AS n FROM conversation_events WHERE processed_at IS NULL`,
      );
      if (pendingRaw === 0 && pendingTriage === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const triagedSeconds = (performance.now() - started) / 1000;
    const events = await count(app, sql`SELECT count(*)::int AS n FROM conversation_events`);
    const runs = await count(app, sql`SELECT count(*)::int AS n FROM automation_runs`);
    const assigned = await count(
      app,
      sql`SELECT count(*)::int AS n FROM conversations WHERE assignee_id IS NOT NULL`,
    );
    const conversations = await count(app, sql`SELECT count(*)::int AS n FROM conversations`);
    const categorised = await count(
      app,
      sql`SELECT count(*)::int AS n FROM conversations WHERE category_id IS NOT NULL`,
    );
    return {
      benchmark: "triage throughput",
      database: target.name,
      messages: MESSAGES,
      conversations,
      conversationEvents: events,
      automationRuns: runs,
      assigned,
      categorised,
      ackedMessagesPerSecond: Math.round(MESSAGES / ackedSeconds),
      triagedMessagesPerSecond: Math.round(MESSAGES / triagedSeconds),
      secondsUntilAllTriaged: Number(triagedSeconds.toFixed(2)),
      rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
    };
  } finally {
    await app.stop();
  }
}

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
for (const target of dbTargets()) console.log(JSON.stringify(await runOn(target)));
