/**
 * `npm run soak:crash`: the long form of the crash campaign (test/fault/crashCampaign.ts). Kills Parley's server
 * and worker processes at random points under signed webhooks and agent replies, then prints one JSON report.
 * Exits non-zero when anything was lost, stored or sent twice, stranded, or answered with a 5xx.
 *
 *   npm run soak:crash -- --kills 20 --events 2000 --replies 200 [--workers 2] [--seed N]
 *                         [--database-url postgres://…] [--pglite]
 *
 * The database server defaults to TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; the
 * campaign runs in a scratch database of its own, dropped afterwards. --pglite runs one process with both
 * roles on PGlite instead.
 */
import { parseArgs } from "node:util";
import { runCrashCampaign } from "../../test/fault/crashCampaign.ts";
import { createScratchDatabase } from "../../test/support/testDatabase.ts";

const { values } = parseArgs({
  options: {
    kills: { type: "string", default: "20" },
    events: { type: "string", default: "2000" },
    replies: { type: "string", default: "200" },
    workers: { type: "string", default: "2" },
    seed: { type: "string" },
    "database-url": { type: "string" },
    pglite: { type: "boolean", default: false },
  },
});

function count(name: string, value: string | undefined): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`--${name} must be a whole number, got "${value}"`);
  return parsed;
}

const adminUrl =
  values["database-url"] ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = values.pglite ? null : await createScratchDatabase(adminUrl);
try {
  const report = await runCrashCampaign({
    databaseUrl: database?.databaseUrl,
    kills: count("kills", values.kills),
    events: count("events", values.events),
    replies: count("replies", values.replies),
    workers: count("workers", values.workers),
    seed: values.seed === undefined ? undefined : count("seed", values.seed),
    settleTimeoutMs: 300_000,
    progress: (message) => console.error(`[soak:crash] ${message}`),
  });
  console.log(JSON.stringify(report, null, 2));
  const failed = report.lost + report.duplicated + report.stranded + report.fiveXx > 0;
  process.exitCode = failed ? 1 : 0;
} finally {
  await database?.drop();
}
