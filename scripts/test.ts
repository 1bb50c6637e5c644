/**
 * `npm test`: the whole suite in the order that fails fastest — typecheck, unit, integration (PGlite, and a
 * PostgreSQL server when one answers), then end-to-end in headless Chromium. Ends with one summary line.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import net from "node:net";
import { relative } from "node:path";

const REPORT_DIR = ".tmp/test-reports";
mkdirSync(REPORT_DIR, { recursive: true });

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n=== ${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

interface Step {
  /** Named in "Failed steps". */
  name: string;
  label: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/** Runs the steps in turn in this terminal; the names of those that failed. */
function runInTurn(steps: Step[]): string[] {
  return steps.filter((step) => !run(step.label, step.command, step.args, step.env)).map((step) => step.name);
}

/** One step with its output going to `log` instead of the terminal. */
function runLogged(step: Step, log: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, {
      stdio: ["ignore", log, log],
      env: { ...process.env, ...step.env },
    });
    child.on("close", (code) => resolve(code === 0));
  });
}

/**
 * Runs lanes side by side, the steps of each lane in turn, each lane writing to its own log; then prints the logs
 * one after the other so the output reads as if they had run in turn. The names of the steps that failed.
 */
async function runLanes(lanes: { name: string; steps: Step[] }[]): Promise<string[]> {
  console.log(
    `\n=== ${lanes.map((lane) => `${lane.name} (${lane.steps.map((s) => s.name).join(", ")})`).join(" and ")} side by side`,
  );
  const results = await Promise.all(
    lanes.map(async (lane) => {
      const log = `${REPORT_DIR}/${lane.name}.log`;
      const fd = openSync(log, "w");
      const failed: string[] = [];
      for (const step of lane.steps) {
        writeSync(fd, `\n=== ${step.label}: ${step.command} ${step.args.join(" ")}\n`);
        if (!(await runLogged(step, fd))) failed.push(step.name);
      }
      closeSync(fd);
      return { name: lane.name, log, failed };
    }),
  );
  for (const result of results) {
    console.log(
      `\n--- ${result.name}${result.failed.length ? ` (failed: ${result.failed.join(", ")})` : ""}`,
    );
    process.stdout.write(readFileSync(result.log));
  }
  return results.flatMap((result) => result.failed);
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
/**
 * Each failed test's name and the start of its error, printed again at the very end: a long run's log is often
 * read from its tail only, far from where the lane printed the failure.
 */
const failures: string[] = [];
const firstLines = (message: string) =>
  message
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(0, 6)
    .join("\n    ");
function addVitest(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults?: {
      name: string;
      assertionResults: { status: string; fullName: string; failureMessages?: string[] }[];
    }[];
  };
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests;
  counts.skipped += report.numPendingTests + report.numTodoTests;
  for (const result of report.testResults ?? [])
    for (const test of result.assertionResults)
      if (test.status === "failed")
        failures.push(
          `${relative(process.cwd(), result.name)} › ${test.fullName}\n    ${firstLines((test.failureMessages ?? []).join("\n"))}`,
        );
}
interface PlaywrightSuite {
  specs?: {
    title: string;
    file: string;
    line: number;
    tests: { status: string; results: { error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
}
function addPlaywright(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; skipped: number; flaky: number };
    suites?: PlaywrightSuite[];
  };
  counts.passed += report.stats.expected + report.stats.flaky;
  counts.failed += report.stats.unexpected;
  counts.skipped += report.stats.skipped;
  const visit = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests)
        if (test.status === "unexpected")
          failures.push(
            `${spec.file}:${spec.line} › ${spec.title}\n    ${firstLines(test.results.map((r) => r.error?.message ?? "").join("\n"))}`,
          );
    for (const inner of suite.suites ?? []) visit(inner);
  };
  for (const suite of report.suites ?? []) visit(suite);
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

const TYPECHECK: Step = {
  name: "typecheck",
  label: "typecheck",
  command: "tsc",
  args: ["-p", "tsconfig.json", "--noEmit"],
};
const LINT: Step = {
  name: "lint",
  label: "lint and format",
  command: "biome",
  args: ["check", "src", "test", "bench", "web/src", "scripts"],
};
const UNIT: Step = {
  name: "unit",
  label: "unit tests",
  command: "vitest",
  args: [
    "run",
    "--project",
    "unit",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${REPORT_DIR}/unit.json`,
  ],
};
const { TEST_DATABASE_URL: _server, ...withoutServer } = process.env;
const INTEGRATION_PGLITE: Step = {
  name: "integration (PGlite)",
  label: "integration tests on PGlite",
  command: "vitest",
  args: integrationArgs("integration-pglite"),
  // Without the server's address, so tests that need a server skip here and run in the PostgreSQL lane.
  env: { ...withoutServer, TEST_DATABASE_URL: "", TEST_DB_TARGET: "pglite" },
};
const INTEGRATION_POSTGRES: Step = {
  name: "integration (PostgreSQL)",
  label: "integration tests on PostgreSQL",
  command: "vitest",
  args: integrationArgs("integration-postgres"),
  env: { TEST_DATABASE_URL: testDatabaseUrl, TEST_DB_TARGET: "postgres" },
};
const BUILD_WEB: Step = {
  name: "build web",
  label: "build web",
  command: "vite",
  args: ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"],
};
const E2E: Step = {
  name: "e2e",
  label: "end-to-end tests",
  command: "playwright",
  args: ["test"],
  env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORT_DIR}/e2e.json` },
};

// The quick checks first, in turn, so a type error fails in a minute. With a PostgreSQL server, the rest runs in
// two lanes side by side, so both of the CI machine's cores stay busy: the unit tests and the integration files on
// PGlite (which works in its test process) in one, the web build, the integration files on the server and the
// browser tests in the other; the two take about as long.
const failedSteps = runInTurn(testDatabaseUrl ? [TYPECHECK, LINT] : [TYPECHECK, LINT, UNIT]);
if (testDatabaseUrl)
  failedSteps.push(
    ...(await runLanes([
      { name: "pglite-lane", steps: [UNIT, INTEGRATION_PGLITE] },
      { name: "postgres-lane", steps: [BUILD_WEB, INTEGRATION_POSTGRES, E2E] },
    ])),
  );
else failedSteps.push(...runInTurn([INTEGRATION_PGLITE, BUILD_WEB, E2E]));

addVitest(`${REPORT_DIR}/unit.json`);
addVitest(`${REPORT_DIR}/integration-pglite.json`);
addVitest(`${REPORT_DIR}/integration-postgres.json`);
addPlaywright(`${REPORT_DIR}/e2e.json`);
if (failures.length > 0) console.log(`\nFailed tests:\n${failures.map((f) => `  ${f}`).join("\n")}`);
if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(", ")}`);
if (failedSteps.length > 0 && counts.failed === 0) counts.failed = failedSteps.length;
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failedSteps.length > 0 ? 1 : 0);
