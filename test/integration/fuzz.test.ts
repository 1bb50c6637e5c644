import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFuzzCampaign } from "../support/fuzz/fuzzCampaign.ts";
import { type FuzzTarget, prepareFuzzTarget } from "../support/fuzz/fuzzTarget.ts";
import { type SimulatedParley, startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";

/** Short form of `npm run soak:fuzz`: the same campaign, a few hundred inputs, a fixed seed (FUZZ_SEED to vary). */
const INPUTS = Number(process.env.FUZZ_INPUTS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

describe.each(dbTargets())("fuzzing every webhook door and API route on $name", (target) => {
  let parley: SimulatedParley;
  let fuzzTarget: FuzzTarget;

  beforeAll(async () => {
    parley = await startSimulatedParley(target);
    fuzzTarget = await prepareFuzzTarget(parley);
  }, 120_000);
  afterAll(async () => {
    await parley?.app.stop();
    await parley?.sim.stop();
  });

  it("answers no input with a 5xx, stores nothing forged, leaks no credential and stays up", async () => {
    expect(fuzzTarget.routes.length).toBeGreaterThan(100);
    const report = await runFuzzCampaign(fuzzTarget, { inputs: INPUTS, seed: SEED });
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({
      inputs: INPUTS,
      fiveXx: 0,
      crashes: 0,
      timeouts: 0,
      storedFromForged: 0,
      unauthenticatedAccepted: 0,
      secretsLeaked: 0,
    });
    // The campaign reached both kinds of door and both answers: accepted and refused.
    expect(report.webhookInputs).toBeGreaterThan(INPUTS / 4);
    expect(report.apiInputs).toBeGreaterThan(INPUTS / 4);
    expect(report.forgedInputs).toBeGreaterThan(0);
    expect(report.statuses["200"]).toBeGreaterThan(0);
    expect(report.statuses["401"]).toBeGreaterThan(0);
  }, 300_000);
});
