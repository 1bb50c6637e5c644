import { describe, expect, it } from "vitest";
import { formatDigestFigure } from "./digestFormat.ts";
import { lastCompleteWeek } from "./weeklyDigest.ts";

describe("weekly digest", () => {
  it("reports the last complete Monday-to-Sunday week", () => {
    // Friday 4 December 2026 → Monday 23 to Sunday 29 November.
    expect(lastCompleteWeek(new Date("2026-12-04T20:00:00Z"))).toEqual({
      from: "2026-11-23",
      to: "2026-11-29",
    });
    // On a Monday the week just ended is the one reported.
    expect(lastCompleteWeek(new Date("2026-11-30T00:30:00Z"))).toEqual({
      from: "2026-11-23",
      to: "2026-11-29",
    });
  });

  it("writes figures plainly", () => {
    expect(formatDigestFigure("seconds", 1500)).toBe("25 min");
    expect(formatDigestFigure("seconds", 5400)).toBe("1.5 h");
    expect(formatDigestFigure("ratio", 0.125)).toBe("12.5 %");
    expect(formatDigestFigure("count", null)).toBe("–");
  });
});
