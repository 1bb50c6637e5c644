import { describe, expect, it } from "vitest";
import { snoozeUntil } from "./snoozePresets.ts";

describe("snoozeUntil", () => {
  const friday = new Date(2026, 11, 4, 15, 30);
  it("adds hours", () => {
    expect(snoozeUntil("1h", friday).getTime() - friday.getTime()).toBe(3_600_000);
    expect(snoozeUntil("3h", friday).getTime() - friday.getTime()).toBe(3 * 3_600_000);
  });
  it("wakes tomorrow morning and next Monday morning in local time", () => {
    expect(snoozeUntil("tomorrow", friday)).toEqual(new Date(2026, 11, 5, 9, 0));
    expect(snoozeUntil("week", friday)).toEqual(new Date(2026, 11, 7, 9, 0));
    const monday = new Date(2026, 11, 7, 8, 0);
    expect(snoozeUntil("week", monday)).toEqual(new Date(2026, 11, 14, 9, 0));
  });
});
