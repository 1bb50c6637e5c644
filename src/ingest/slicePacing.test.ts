import { describe, expect, it } from "vitest";
import { MAX_BATCH_SIZE, SlicePacing } from "./slicePacing.ts";

describe("SlicePacing", () => {
  it("ends a slice only once it is over and an acknowledgement waits", () => {
    let waiting = false;
    const pacing = new SlicePacing(10, () => waiting);
    expect(pacing.sliceOver(0, 3, 25)).toBe(false);
    waiting = true;
    expect(pacing.sliceOver(0, 3, 25)).toBe(true);
    expect(pacing.sliceOver(0, 3, 5)).toBe(false);
    // The first event always goes through, however long the wait.
    expect(pacing.sliceOver(0, 0, 25)).toBe(false);
  });

  it("picks about what the last slice reached, and grows back when batches go through whole", () => {
    const pacing = new SlicePacing(10, () => true);
    expect(pacing.batchSize).toBe(MAX_BATCH_SIZE);
    pacing.record(25, 3);
    expect(pacing.batchSize).toBe(6);
    pacing.record(6, 1);
    expect(pacing.batchSize).toBe(4);
    pacing.record(4, 4);
    expect(pacing.batchSize).toBe(8);
    pacing.record(8, 8);
    pacing.record(16, 16);
    expect(pacing.batchSize).toBe(MAX_BATCH_SIZE);
  });
});
