/**
 * `npm test`: the whole suite in the order that fails fastest — typecheck, unit, integration (PGlite, and a
 * PostgreSQL server when one answers), then end-to-end in headless Chromium. Ends with one summary line.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import net from "node:net";

const REPORT_DIR = ".tmp/test-reports";
mkdirSync(REPORT_DIR, { recursive: true });

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n=== ${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

/**
 * Runs commands side by side, each writing to its own log, then prints the logs one after the other so the
 * output reads as if they had run in turn. True when every one succeeded.
 */
async function runTogether(
  label: string,
  legs: { name: string; command: string; args: string[]; env: NodeJS.ProcessEnv }[],
): Promise<boolean> {
  console.log(`\n=== ${label}: ${legs.map((leg) => leg.name).join(" and ")} side by side`);
  const results = await Promise.all(
    legs.map(
      (leg) =>
        new Promise<{ name: string; log: string; ok: boolean }>((resolve) => {
          const log = `${REPORT_DIR}/${leg.name}.log`;
          const fd = openSync(log, "w");
          const child = spawn(leg.command, leg.args, { stdio: ["ignore", fd, fd], env: leg.env });
          child.on("close", (code) => {
            closeSync(fd);
            resolve({ name: leg.name, log, ok: code === 0 });
          });
        }),
    ),
  );
  for (const result of results) {
    console.log(`\n--- ${result.name}${result.ok ? "" : " (failed)"}`);
    process.stdout.write(readFileSync(result.log));
  }
  return results.every((result) => result.ok);
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const counts = { passed: 0, failed: 0, skipped: 0 };
function addVitest(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests;
  counts.skipped += report.numPendingTests + report.numTodoTests;
}
function addPlaywright(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  };
  counts.passed += report.stats.expected + report.stats.flaky;
  counts.failed += report.stats.unexpected;
  counts.skipped += report.stats.skipped;
}

let testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (!testDatabaseUrl && (await portOpen("127.0.0.1", 5432)))
  testDatabaseUrl = "postgres://postgres@127.0.0.1:5432/postgres";
console.log(
  testDatabaseUrl
    ? `Integration tests run on PGlite and on ${testDatabaseUrl}`
    : "No PostgreSQL server found: integration tests run on PGlite only",
);

const integrationArgs = (report: string) => [
  "run",
  "--project",
  "integration",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${REPORT_DIR}/${report}.json`,
];

/**
 * With a PostgreSQL server the integration files run twice, once per database: as two processes at once, which
 * keeps both of the CI machine's cores busy (PGlite works in this process, the server in its own).
 */
function runIntegration(): Promise<boolean> | boolean {
  if (!testDatabaseUrl)
    return run("integration tests", "vitest", integrationArgs("integration-pglite"), {
      TEST_DB_TARGET: "pglite",
    });
  const { TEST_DATABASE_URL: _server, ...withoutServer } = process.env;
  return runTogether("integration tests", [
    {
      name: "integration-pglite",
      command: "vitest",
      args: integrationArgs("integration-pglite"),
      env: { ...withoutServer, TEST_DB_TARGET: "pglite" },
    },
    {
      name: "integration-postgres",
      command: "vitest",
      args: integrationArgs("integration-postgres"),
      env: { ...process.env, TEST_DATABASE_URL: testDatabaseUrl, TEST_DB_TARGET: "postgres" },
    },
  ]);
}

const steps: [string, () => boolean | Promise<boolean>][] = [
  ["typecheck", () => run("typecheck", "tsc", ["-p", "tsconfig.json", "--noEmit"])],
  ["lint", () => run("lint and format", "biome", ["check", "src", "test", "bench", "web/src", "scripts"])],
  [
    "unit",
    () =>
      run("unit tests", "vitest", [
        "run",
        "--project",
        "unit",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${REPORT_DIR}/unit.json`,
      ]),
  ],
  ["integration", runIntegration],
  [
    "build web",
    () => run("build web", "vite", ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"]),
  ],
  [
    "e2e",
    () =>
      run("end-to-end tests", "playwright", ["test"], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORT_DIR}/e2e.json`,
      }),
  ],
];

const failedSteps: string[] = [];
for (const [name, step] of steps) {
  if (!(await step())) failedSteps.push(name);
}
addVitest(`${REPORT_DIR}/unit.json`);
addVitest(`${REPORT_DIR}/integration-pglite.json`);
addVitest(`${REPORT_DIR}/integration-postgres.json`);
addPlaywright(`${REPORT_DIR}/e2e.json`);
if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(", ")}`);
if (failedSteps.length > 0 && counts.failed === 0) counts.failed = failedSteps.length;
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failedSteps.length > 0 ? 1 : 0);
