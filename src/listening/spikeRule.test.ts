import { describe, expect, it } from "vitest";
import { judgeWindow } from "./spikeRule.ts";

const policy = { minCount: 5, factor: 3 };

describe("spike rule", () => {
  it("calls 30 delivery complaints in 10 minutes a burst against a day of two per window", () => {
    const verdict = judgeWindow(
      { recent: 30, recentNegative: 27, past: 287, pastNegative: 60, pastWindows: 143 },
      policy,
    );
    expect(verdict.volume).toBe(true);
    expect(verdict.negativity).toBe(true);
    expect(verdict.expected).toBeCloseTo(2.007, 2);
  });
  it("does not call a busy topic's ordinary window a burst", () => {
    const verdict = judgeWindow(
      { recent: 40, recentNegative: 8, past: 5000, pastNegative: 900, pastWindows: 143 },
      policy,
    );
    expect(verdict).toMatchObject({ volume: false, negativity: false });
  });
  it("needs a minimum count, so a quiet topic's first few mentions are not a storm", () => {
    expect(
      judgeWindow({ recent: 4, recentNegative: 4, past: 0, pastNegative: 0, pastWindows: 143 }, policy),
    ).toMatchObject({
      volume: false,
      negativity: false,
    });
    expect(
      judgeWindow({ recent: 5, recentNegative: 0, past: 0, pastNegative: 0, pastWindows: 143 }, policy)
        .volume,
    ).toBe(true);
  });
  it("flags a turn to negativity without a rise in volume", () => {
    const verdict = judgeWindow(
      { recent: 10, recentNegative: 8, past: 1430, pastNegative: 143, pastWindows: 143 },
      policy,
    );
    expect(verdict).toMatchObject({ volume: false, negativity: true });
    expect(verdict.recentNegativeShare).toBe(0.8);
  });
});
