import { describe, expect, it } from "vitest";
import { businessHoursProblems, compileSchedule, parseSpan } from "./businessHours.ts";

describe("parseSpan", () => {
  it("reads same-day spans, with or without seconds, hyphen or en dash", () => {
    expect(parseSpan("09:00-18:00")).toEqual({ start: 32_400, end: 64_800 });
    expect(parseSpan("09:00:30 – 18:00:15")).toEqual({ start: 32_430, end: 64_815 });
  });

  it("reads a span ending at midnight either as 24:00 or 00:00", () => {
    expect(parseSpan("18:00-24:00")).toEqual({ start: 64_800, end: 86_400 });
    expect(parseSpan("18:00-00:00")).toEqual({ start: 64_800, end: 86_400 });
    expect(parseSpan("00:00-24:00")).toEqual({ start: 0, end: 86_400 });
  });

  it("reads an end before the start as a night shift into the next day", () => {
    expect(parseSpan("22:00-06:00")).toEqual({ start: 79_200, end: 86_400 + 21_600 });
  });

  it("rejects what is not a span", () => {
    for (const text of [
      "9:00-18:00",
      "09:00-18:60",
      "25:00-26:00",
      "24:00-02:00",
      "10:00-10:00",
      "24:30-01:00",
      "nine to five",
    ]) {
      expect(parseSpan(text), text).toBeUndefined();
    }
  });
});

describe("businessHoursProblems", () => {
  it("accepts a normal office and always-open", () => {
    expect(businessHoursProblems({ alwaysOpen: true })).toEqual([]);
    expect(
      businessHoursProblems({
        timeZone: "Europe/Riga",
        weekly: { monday: ["09:00-18:00"] },
        holidays: [{ date: "2026-12-24", hours: ["09:00-13:00"] }, { date: "2026-12-25" }],
      }),
    ).toEqual([]);
  });

  it("lists every problem in words an API can return", () => {
    const problems = businessHoursProblems({
      timeZone: "Europe/Atlantis",
      weekly: { monday: ["9-5"] },
      holidays: [{ date: "2026-02-30" }, { date: "2026-12-25" }, { date: "2026-12-25", hours: ["late"] }],
    });
    expect(problems).toEqual([
      'unknown time zone "Europe/Atlantis"',
      'monday: "9-5" is not a span like "09:00-18:00"',
      "the weekly schedule has no opening hours",
      'holiday "2026-02-30" is not a date like "2026-12-24"',
      "holiday 2026-12-25 is listed twice",
      'holiday 2026-12-25: "late" is not a span like "09:00-18:00"',
    ]);
  });

  it("refuses a schedule that is never open, since nothing could ever fall due", () => {
    expect(() => compileSchedule({ timeZone: "UTC", weekly: {} })).toThrow(/no opening hours/);
  });
});
