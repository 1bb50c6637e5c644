import { describe, expect, it } from "vitest";
import type { SlaClock } from "../api.ts";
import { formatDuration, mostUrgentClock } from "./slaDisplay.ts";

const clock = (over: Partial<SlaClock>): SlaClock => ({
  metric: "first_response",
  state: "running",
  phase: "running",
  policyName: "Default",
  targetSeconds: 3600,
  elapsedSeconds: 0,
  dueAt: "2026-11-25T10:00:00.000Z",
  warningAt: "2026-11-25T09:48:00.000Z",
  stoppedAt: null,
  breachedAt: null,
  updatedAt: "2026-11-25T09:00:00.000Z",
  ...over,
});

describe("mostUrgentClock", () => {
  it("counts down to the due time of the running response clock", () => {
    const now = Date.parse("2026-11-25T09:30:00Z");
    const shown = mostUrgentClock(
      [clock({ metric: "resolution", dueAt: "2026-11-26T09:00:00Z" }), clock({})],
      now,
    );
    expect(shown?.clock.metric).toBe("first_response");
    expect(shown?.secondsLeft).toBe(1800);
    expect(shown?.tone).toBe("ok");
  });

  it("turns amber after the warning and red once overdue", () => {
    expect(mostUrgentClock([clock({})], Date.parse("2026-11-25T09:50:00Z"))?.tone).toBe("warning");
    const overdue = mostUrgentClock([clock({})], Date.parse("2026-11-25T10:00:05Z"));
    expect(overdue?.tone).toBe("breached");
    expect(overdue?.secondsLeft).toBe(-5);
  });

  it("shows a met or paused clock without a countdown", () => {
    expect(mostUrgentClock([clock({ phase: "stopped", state: "met" })], 0)).toMatchObject({
      tone: "met",
      secondsLeft: null,
    });
    expect(mostUrgentClock([clock({ phase: "paused", state: "paused", dueAt: null })], 0)?.tone).toBe(
      "paused",
    );
    expect(mostUrgentClock([], 0)).toBeNull();
  });
});

describe("formatDuration", () => {
  it("formats minutes, hours and days", () => {
    expect(formatDuration(59 * 60 + 7)).toBe("59:07");
    expect(formatDuration(3723)).toBe("1:02:03");
    expect(formatDuration(-65)).toBe("1:05");
    expect(formatDuration(2 * 86_400 + 3 * 3600)).toBe("2d 3h");
    expect(formatDuration(2 * 86_400 + 3 * 3600, "ru")).toBe("2 д. 3 ч");
  });
});
