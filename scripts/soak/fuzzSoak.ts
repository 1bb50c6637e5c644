/**
 * `npm run soak:fuzz`: the long form of the fuzz campaign (test/support/fuzz/). Starts the simulator and Parley on
 * PGlite in a temporary directory, or on a fresh database of the PostgreSQL server in TEST_DATABASE_URL, sends
 * 20,000 inputs (`--inputs N`, `--seed S` to repeat a run), prints the report as JSON and exits non-zero when any
 * input was answered 5xx, crashed or hung Parley, was stored although forged, was accepted signed out, or
 * leaked a credential. Progress goes to stderr.
 */
import { parseArgs } from "node:util";
import { runFuzzCampaign } from "../../test/support/fuzz/fuzzCampaign.ts";
import { prepareFuzzTarget } from "../../test/support/fuzz/fuzzTarget.ts";
import { startSimulatedParley } from "../../test/support/simulatedParley.ts";

const { values } = parseArgs({
  options: {
    inputs: { type: "string", default: "20000" },
    seed: { type: "string", default: String(Date.now() % 2 ** 31) },
  },
});
const inputs = Number(values.inputs);
const seed = Number(values.seed);
const database = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

const parley = await startSimulatedParley({ name: database });
let failed = true;
try {
  const target = await prepareFuzzTarget(parley);
  console.error(
    `fuzzing ${target.routes.length} routes and ${target.doors.length} webhook doors on ${database}`,
  );
  const report = await runFuzzCampaign(target, {
    inputs,
    seed,
    progressEvery: 1000,
    onFailure: (failure) => console.error("FAILURE", JSON.stringify(failure)),
    onProgress: (so) =>
      console.error(`${so.inputs} inputs, ${so.fiveXx} 5xx, ${so.failures.length} failures, ${so.seconds} s`),
  });
  console.log(JSON.stringify({ database, routes: target.routes.length, ...report }, null, 2));
  failed =
    report.fiveXx +
      report.crashes +
      report.timeouts +
      report.storedFromForged +
      report.unauthenticatedAccepted +
      report.secretsLeaked >
    0;
} finally {
  await parley.app.stop();
  await parley.sim.stop();
}
process.exit(failed ? 1 : 0);
