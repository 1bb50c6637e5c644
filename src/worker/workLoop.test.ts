import { describe, expect, it } from "vitest";
import { WorkLoop } from "./workLoop.ts";

describe("WorkLoop", () => {
  it("runs again at once while there is work, then idles until woken", async () => {
    let queue = 3;
    const runs: number[] = [];
    const loop = new WorkLoop(
      "test",
      async () => {
        runs.push(queue);
        if (queue === 0) return 0;
        queue -= 1;
        return 1;
      },
      60_000,
      () => {},
    );
    loop.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toEqual([3, 2, 1, 0]);
    queue = 1;
    loop.wake();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toEqual([3, 2, 1, 0, 1, 0]);
    await loop.stop();
  });

  it("reports errors and keeps going instead of crashing the process", async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const loop = new WorkLoop(
      "failing",
      async () => {
        calls += 1;
        if (calls === 1) throw new Error("database went away");
        return 0;
      },
      10,
      (err) => errors.push(err),
    );
    loop.start();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await loop.stop();
    expect(errors).toHaveLength(1);
    expect(calls).toBeGreaterThan(1);
  });

  it("stops at once when told to stop while a run is under way, instead of idling first", async () => {
    let finishRun!: () => void;
    let runs = 0;
    const loop = new WorkLoop(
      "hourly",
      async () => {
        runs += 1;
        await new Promise<void>((resolve) => {
          finishRun = resolve;
        });
        return 0;
      },
      3_600_000,
      () => {},
    );
    loop.start();
    await new Promise((resolve) => setImmediate(resolve));
    const stopped = loop.stop();
    finishRun();
    // Without the fix this waits out the hour's idle sleep, and the test times out.
    await stopped;
    expect(runs).toBe(1);
  });
});
