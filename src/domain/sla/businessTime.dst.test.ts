import { describe, expect, it } from "vitest";
import type { WeeklySchedule } from "./businessHours.ts";
import { addBusinessSeconds, businessSecondsBetween } from "./businessTime.ts";

/*
 * 2026 transitions used below:
 *   Europe/Riga       29 Mar 03:00 EET → 04:00 EEST;  25 Oct 04:00 EEST → 03:00 EET   (both at 01:00 UTC)
 *   Europe/Warsaw     29 Mar 02:00 CET → 03:00 CEST;  25 Oct 03:00 CEST → 02:00 CET   (both at 01:00 UTC)
 *   America/New_York   8 Mar 02:00 EST → 03:00 EDT;   1 Nov 02:00 EDT → 01:00 EST
 */
const HOUR = 3600;
const d = (iso: string) => new Date(iso);

function everyDay(timeZone: string, spans: string[]): WeeklySchedule {
  return {
    timeZone,
    weekly: {
      monday: spans,
      tuesday: spans,
      wednesday: spans,
      thursday: spans,
      friday: spans,
      saturday: spans,
      sunday: spans,
    },
  };
}

describe("DST inside opening hours", () => {
  it("a night shift over spring forward is an hour shorter (Riga, Warsaw, New York)", () => {
    const riga = everyDay("Europe/Riga", ["22:00-06:00"]);
    expect(businessSecondsBetween(riga, d("2026-03-28T22:00:00+02:00"), d("2026-03-29T06:00:00+03:00"))).toBe(
      7 * HOUR,
    );
    const warsaw = everyDay("Europe/Warsaw", ["22:00-06:00"]);
    expect(
      businessSecondsBetween(warsaw, d("2026-03-28T12:00:00+01:00"), d("2026-03-29T12:00:00+02:00")),
    ).toBe(7 * HOUR);
    const newYork = everyDay("America/New_York", ["22:00-06:00"]);
    expect(
      businessSecondsBetween(newYork, d("2026-03-07T12:00:00-05:00"), d("2026-03-08T12:00:00-04:00")),
    ).toBe(7 * HOUR);
  });

  it("a night shift over fall back is an hour longer", () => {
    const riga = everyDay("Europe/Riga", ["22:00-06:00"]);
    expect(businessSecondsBetween(riga, d("2026-10-24T12:00:00+03:00"), d("2026-10-25T12:00:00+02:00"))).toBe(
      9 * HOUR,
    );
    const warsaw = everyDay("Europe/Warsaw", ["22:00-06:00"]);
    expect(
      businessSecondsBetween(warsaw, d("2026-10-24T12:00:00+02:00"), d("2026-10-25T12:00:00+01:00")),
    ).toBe(9 * HOUR);
    const newYork = everyDay("America/New_York", ["22:00-06:00"]);
    expect(
      businessSecondsBetween(newYork, d("2026-10-31T12:00:00-04:00"), d("2026-11-01T12:00:00-05:00")),
    ).toBe(9 * HOUR);
  });

  it("a 24-hour day has 23 or 25 real hours on transition days", () => {
    const warsaw = everyDay("Europe/Warsaw", ["00:00-24:00"]);
    expect(
      businessSecondsBetween(warsaw, d("2026-03-29T00:00:00+01:00"), d("2026-03-30T00:00:00+02:00")),
    ).toBe(23 * HOUR);
    expect(
      businessSecondsBetween(warsaw, d("2026-10-25T00:00:00+02:00"), d("2026-10-26T00:00:00+01:00")),
    ).toBe(25 * HOUR);
  });

  it("counts due times in real seconds across the jump", () => {
    const newYork = everyDay("America/New_York", ["22:00-06:00"]);
    // 22:00 EST + 4 working hours = 03:00 EDT (the clock skipped 02:00–03:00).
    expect(addBusinessSeconds(newYork, d("2026-03-07T22:00:00-05:00"), 4 * HOUR)).toEqual(
      d("2026-03-08T03:00:00-04:00"),
    );
    // 22:00 EDT + 4 working hours = 01:00 EST, the second time the clock shows 01:00.
    expect(addBusinessSeconds(newYork, d("2026-10-31T22:00:00-04:00"), 4 * HOUR)).toEqual(
      d("2026-11-01T01:00:00-05:00"),
    );
    const riga = everyDay("Europe/Riga", ["22:00-06:00"]);
    expect(addBusinessSeconds(riga, d("2026-10-24T22:00:00+03:00"), 9 * HOUR)).toEqual(
      d("2026-10-25T06:00:00+02:00"),
    );
  });

  it("opens at the transition when the opening time is skipped, and counts a repeated hour twice", () => {
    const skipped = everyDay("America/New_York", ["02:30-05:00"]);
    expect(
      businessSecondsBetween(skipped, d("2026-03-08T00:00:00-05:00"), d("2026-03-08T12:00:00-04:00")),
    ).toBe(2 * HOUR);
    const rigaSkipped = everyDay("Europe/Riga", ["03:30-05:00"]);
    expect(
      businessSecondsBetween(rigaSkipped, d("2026-03-29T00:00:00+02:00"), d("2026-03-29T12:00:00+03:00")),
    ).toBe(HOUR);
    const repeated = everyDay("America/New_York", ["01:30-03:00"]);
    expect(
      businessSecondsBetween(repeated, d("2026-11-01T00:00:00-04:00"), d("2026-11-01T12:00:00-05:00")),
    ).toBe(2.5 * HOUR);
  });

  it("skips a span that lies wholly inside the skipped hour", () => {
    const ghost = everyDay("America/New_York", ["02:00-02:45", "09:00-10:00"]);
    expect(
      businessSecondsBetween(ghost, d("2026-03-08T00:00:00-05:00"), d("2026-03-09T00:00:00-04:00")),
    ).toBe(HOUR);
    expect(addBusinessSeconds(ghost, d("2026-03-08T01:59:00-05:00"), 120)).toEqual(
      d("2026-03-08T09:02:00-04:00"),
    );
  });
});

describe("DST outside opening hours", () => {
  const office = (timeZone: string) => ({
    timeZone,
    weekly: { monday: ["09:00-17:00"], friday: ["09:00-17:00"] },
  });

  it("keeps 09:00 at 09:00 local on both sides of the change", () => {
    // Friday before and Monday after the weekend change: only the UTC offset differs.
    expect(addBusinessSeconds(office("Europe/Warsaw"), d("2026-03-27T16:30:00+01:00"), HOUR)).toEqual(
      d("2026-03-30T09:30:00+02:00"),
    );
    expect(addBusinessSeconds(office("Europe/Riga"), d("2026-10-23T16:30:00+03:00"), HOUR)).toEqual(
      d("2026-10-26T09:30:00+02:00"),
    );
    expect(addBusinessSeconds(office("America/New_York"), d("2026-03-06T16:30:00-05:00"), HOUR)).toEqual(
      d("2026-03-09T09:30:00-04:00"),
    );
    expect(addBusinessSeconds(office("America/New_York"), d("2026-10-30T16:30:00-04:00"), HOUR)).toEqual(
      d("2026-11-02T09:30:00-05:00"),
    );
  });
});

describe("agreement with a minute-by-minute count", () => {
  // Slow and obvious: look at the wall clock every minute and ask whether a span covers it.
  function bruteForceMinutes(hours: WeeklySchedule, from: Date, to: Date): number {
    const names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone: hours.timeZone,
      hourCycle: "h23",
      weekday: "long",
      hour: "numeric",
      minute: "numeric",
    });
    const toMinute = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
    const covers = (weekday: number, minute: number) =>
      (hours.weekly[names[(weekday + 7) % 7]!] ?? []).some((span) => {
        const start = toMinute(span);
        let end = toMinute(span.slice(6));
        if (end <= start) end += 24 * 60;
        return minute >= start && minute < end;
      });
    let open = 0;
    for (let t = from.getTime(); t < to.getTime(); t += 60_000) {
      const parts = Object.fromEntries(format.formatToParts(t).map((part) => [part.type, part.value]));
      const weekday = names.indexOf((parts.weekday ?? "").toLowerCase() as (typeof names)[number]);
      const minute = Number(parts.hour) * 60 + Number(parts.minute);
      if (covers(weekday, minute) || covers(weekday - 1, minute + 24 * 60)) open += 1;
    }
    return open;
  }

  const schedules: WeeklySchedule[] = [
    {
      timeZone: "Europe/Riga",
      weekly: { friday: ["09:00-18:00"], saturday: ["22:00-06:00"], sunday: ["10:00-24:00"] },
    },
    {
      timeZone: "Europe/Warsaw",
      weekly: { saturday: ["20:00-01:30", "23:00-04:00"], sunday: ["04:00-09:00"] },
    },
    {
      timeZone: "America/New_York",
      weekly: { saturday: ["21:00-07:00"], sunday: ["08:00-12:00", "12:00-13:00"] },
    },
  ];
  const windows = [
    ["2026-03-26T00:00:00Z", "2026-04-01T00:00:00Z"],
    ["2026-10-22T00:00:00Z", "2026-10-28T00:00:00Z"],
    ["2026-03-05T00:00:00Z", "2026-03-11T00:00:00Z"],
    ["2026-10-29T00:00:00Z", "2026-11-04T00:00:00Z"],
  ] as const;

  for (const hours of schedules) {
    it(`matches for ${hours.timeZone} around its DST changes`, () => {
      for (const [from, to] of windows) {
        expect(businessSecondsBetween(hours, d(from), d(to)), `${from}..${to}`).toBe(
          bruteForceMinutes(hours, d(from), d(to)) * 60,
        );
      }
    });
  }
});
