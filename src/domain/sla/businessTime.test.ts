import { describe, expect, it } from "vitest";
import type { WeeklySchedule } from "./businessHours.ts";
import { addBusinessSeconds, businessSecondsBetween } from "./businessTime.ts";

const HOUR = 3600;

function officeHours(
  timeZone: string,
  spans = ["09:00-18:00"],
  extra: Partial<WeeklySchedule> = {},
): WeeklySchedule {
  return {
    timeZone,
    weekly: { monday: spans, tuesday: spans, wednesday: spans, thursday: spans, friday: spans },
    ...extra,
  };
}

const riga = officeHours("Europe/Riga");
const d = (iso: string) => new Date(iso);

describe("businessSecondsBetween", () => {
  it("counts only opening hours in [from, to)", () => {
    // Mon 2026-11-23 … Mon 2026-11-30 in Riga (EET, +02:00): five 9-hour days.
    expect(businessSecondsBetween(riga, d("2026-11-23T00:00:00+02:00"), d("2026-11-30T00:00:00+02:00"))).toBe(
      45 * HOUR,
    );
    expect(businessSecondsBetween(riga, d("2026-11-23T17:59:59+02:00"), d("2026-11-24T09:00:01+02:00"))).toBe(
      2,
    );
  });

  it("is zero for an empty or reversed range and for a closed stretch", () => {
    const friday = d("2026-11-27T18:00:00+02:00");
    expect(businessSecondsBetween(riga, friday, friday)).toBe(0);
    expect(businessSecondsBetween(riga, friday, d("2026-11-27T10:00:00+02:00"))).toBe(0);
    expect(businessSecondsBetween(riga, friday, d("2026-11-30T09:00:00+02:00"))).toBe(0);
  });

  it("counts to the whole second, dropping milliseconds", () => {
    expect(
      businessSecondsBetween(riga, d("2026-11-23T10:00:00.999+02:00"), d("2026-11-23T10:00:05.001+02:00")),
    ).toBe(5);
  });

  it("counts wall-clock time for always-open hours", () => {
    expect(
      businessSecondsBetween({ alwaysOpen: true }, d("2026-11-27T18:00:00Z"), d("2026-11-30T09:00:00Z")),
    ).toBe(63 * HOUR);
  });

  it("does not depend on the server's TZ", () => {
    const previous = process.env.TZ;
    const results: number[] = [];
    try {
      for (const tz of ["UTC", "Pacific/Chatham", "America/Los_Angeles", "Asia/Kolkata"]) {
        process.env.TZ = tz;
        results.push(
          businessSecondsBetween(riga, d("2026-11-23T08:30:00+02:00"), d("2026-11-24T12:00:00+02:00")),
        );
      }
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
    expect(results).toEqual([12 * HOUR, 12 * HOUR, 12 * HOUR, 12 * HOUR]);
  });
});

describe("addBusinessSeconds", () => {
  it("moves within the same day", () => {
    expect(addBusinessSeconds(riga, d("2026-11-23T10:00:00+02:00"), HOUR)).toEqual(
      d("2026-11-23T11:00:00+02:00"),
    );
  });

  it("is due at closing time, not next morning, when the time runs out exactly at closing", () => {
    expect(addBusinessSeconds(riga, d("2026-11-23T17:00:00+02:00"), HOUR)).toEqual(
      d("2026-11-23T18:00:00+02:00"),
    );
  });

  it("starts the clock next morning for a request arriving at night", () => {
    expect(addBusinessSeconds(riga, d("2026-11-24T23:30:00+02:00"), HOUR)).toEqual(
      d("2026-11-25T10:00:00+02:00"),
    );
    expect(addBusinessSeconds(riga, d("2026-11-25T03:00:00+02:00"), 1)).toEqual(
      d("2026-11-25T09:00:01+02:00"),
    );
  });

  it("skips the weekend", () => {
    expect(addBusinessSeconds(riga, d("2026-11-27T17:30:00+02:00"), HOUR)).toEqual(
      d("2026-11-30T09:30:00+02:00"),
    );
  });

  it("returns the start unchanged for zero seconds and rejects negative ones", () => {
    const night = d("2026-11-24T23:30:00+02:00");
    expect(addBusinessSeconds(riga, night, 0)).toEqual(night);
    expect(() => addBusinessSeconds(riga, night, -1)).toThrow(RangeError);
    expect(() => addBusinessSeconds(riga, night, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("uses the schedule's zone, not UTC: Tokyo's morning is Europe's night", () => {
    const tokyo = officeHours("Asia/Tokyo");
    // Mon 2026-11-23 23:00 UTC is Tue 08:00 in Tokyo: one hour before opening.
    expect(addBusinessSeconds(tokyo, d("2026-11-23T23:00:00Z"), HOUR)).toEqual(
      d("2026-11-24T10:00:00+09:00"),
    );
  });
});

describe("schedule shapes", () => {
  it("supports several spans a day, e.g. a lunch break", () => {
    const split = officeHours("Europe/Warsaw", ["13:00-17:00", "08:00-12:00"]);
    expect(addBusinessSeconds(split, d("2026-11-23T11:30:00+01:00"), HOUR)).toEqual(
      d("2026-11-23T13:30:00+01:00"),
    );
    expect(
      businessSecondsBetween(split, d("2026-11-23T00:00:00+01:00"), d("2026-11-24T00:00:00+01:00")),
    ).toBe(8 * HOUR);
  });

  it("handles a span ending at midnight and runs straight on into a span starting at midnight", () => {
    const evenings: WeeklySchedule = {
      timeZone: "Europe/Warsaw",
      weekly: { friday: ["16:00-24:00"], saturday: ["00:00-02:00"], sunday: ["18:00-00:00"] },
    };
    expect(addBusinessSeconds(evenings, d("2026-11-27T23:30:00+01:00"), HOUR)).toEqual(
      d("2026-11-28T00:30:00+01:00"),
    );
    expect(addBusinessSeconds(evenings, d("2026-11-28T01:30:00+01:00"), HOUR)).toEqual(
      d("2026-11-29T18:30:00+01:00"),
    );
    expect(
      businessSecondsBetween(evenings, d("2026-11-29T00:00:00+01:00"), d("2026-11-30T06:00:00+01:00")),
    ).toBe(6 * HOUR);
  });

  it("runs a night shift over midnight, belonging to the day it starts", () => {
    const nights: WeeklySchedule = { timeZone: "America/New_York", weekly: { monday: ["22:00-06:00"] } };
    // Mon 2026-11-23 22:00 until Tue 06:00; Tuesday has no shift of its own.
    expect(
      businessSecondsBetween(nights, d("2026-11-23T12:00:00-05:00"), d("2026-11-24T12:00:00-05:00")),
    ).toBe(8 * HOUR);
    expect(addBusinessSeconds(nights, d("2026-11-24T03:00:00-05:00"), 4 * HOUR)).toEqual(
      d("2026-11-30T23:00:00-05:00"),
    );
  });

  it("handles a schedule open around the clock without stalling", () => {
    const allWeek = ["00:00-24:00"];
    const nonStop: WeeklySchedule = {
      timeZone: "Europe/Riga",
      weekly: {
        monday: allWeek,
        tuesday: allWeek,
        wednesday: allWeek,
        thursday: allWeek,
        friday: allWeek,
        saturday: allWeek,
        sunday: allWeek,
      },
    };
    expect(addBusinessSeconds(nonStop, d("2026-11-23T12:00:00Z"), 30 * 24 * HOUR)).toEqual(
      d("2026-12-23T12:00:00Z"),
    );
  });

  it("merges a night shift with an early shift that overlaps it", () => {
    const overlapping: WeeklySchedule = {
      timeZone: "Europe/Riga",
      weekly: { monday: ["20:00-08:00"], tuesday: ["06:00-10:00"] },
    };
    expect(
      businessSecondsBetween(overlapping, d("2026-11-23T00:00:00+02:00"), d("2026-11-25T00:00:00+02:00")),
    ).toBe(14 * HOUR);
  });
});

describe("holidays", () => {
  const withHolidays = officeHours("Europe/Riga", ["09:00-18:00"], {
    holidays: [
      { date: "2026-11-18" },
      { date: "2026-12-24", hours: ["09:00-13:00"] },
      { date: "2026-12-25" },
    ],
  });

  it("closes a holiday falling on a weekday for the whole day", () => {
    // Wed 2026-11-18 is Latvia's Proclamation Day.
    expect(addBusinessSeconds(withHolidays, d("2026-11-17T17:30:00+02:00"), HOUR)).toEqual(
      d("2026-11-19T09:30:00+02:00"),
    );
    expect(
      businessSecondsBetween(withHolidays, d("2026-11-16T00:00:00+02:00"), d("2026-11-23T00:00:00+02:00")),
    ).toBe(36 * HOUR);
  });

  it("uses a holiday's special hours instead of the usual ones", () => {
    // Thu 24 Dec open 09–13, Fri 25 Dec closed, weekend, Mon 28 Dec normal.
    expect(addBusinessSeconds(withHolidays, d("2026-12-24T12:00:00+02:00"), 2 * HOUR)).toEqual(
      d("2026-12-28T10:00:00+02:00"),
    );
  });

  it("opens a holiday with special hours even on a day that is normally closed", () => {
    const saturdaySale = officeHours("Europe/Riga", ["09:00-18:00"], {
      holidays: [{ date: "2026-11-28", hours: ["10:00-12:00"] }],
    });
    expect(addBusinessSeconds(saturdaySale, d("2026-11-27T17:30:00+02:00"), HOUR)).toEqual(
      d("2026-11-28T10:30:00+02:00"),
    );
  });

  it("ends a night shift at midnight when the next day is a holiday", () => {
    const nights: WeeklySchedule = {
      timeZone: "Europe/Warsaw",
      weekly: { thursday: ["22:00-06:00"], friday: ["22:00-06:00"] },
      holidays: [{ date: "2026-12-25" }],
    };
    // Thursday's shift stops at midnight; Friday the 25th is closed, so its own 22:00 shift never starts.
    expect(
      businessSecondsBetween(nights, d("2026-12-24T00:00:00+01:00"), d("2026-12-27T00:00:00+01:00")),
    ).toBe(2 * HOUR);
  });
});

describe("long spans", () => {
  const warsaw = officeHours("Europe/Warsaw", ["09:00-17:00"]);

  function weekdaysBetween(fromIso: string, toIso: string): number {
    let count = 0;
    for (let t = Date.parse(fromIso); t < Date.parse(toIso); t += 86_400_000) {
      const weekday = new Date(t).getUTCDay();
      if (weekday !== 0 && weekday !== 6) count += 1;
    }
    return count;
  }

  it("counts a 90-day span across a DST change, day by day", () => {
    const expected = weekdaysBetween("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z") * 8 * HOUR;
    expect(
      businessSecondsBetween(warsaw, d("2026-01-01T00:00:00+01:00"), d("2026-04-01T00:00:00+02:00")),
    ).toBe(expected);
  });

  it("round-trips: the due time of N working seconds is exactly N working seconds away", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const zones = [
      officeHours("America/New_York"),
      officeHours("Europe/Riga", ["22:00-06:00", "08:00-12:00"]),
    ];
    for (let i = 0; i < 60; i += 1) {
      const hours = zones[i % zones.length]!;
      const from = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 365 * 86_400) * 1000);
      const seconds = Math.floor(random() * 40 * HOUR);
      const due = addBusinessSeconds(hours, from, seconds);
      expect(businessSecondsBetween(hours, from, due)).toBe(seconds);
      if (seconds > 0)
        expect(businessSecondsBetween(hours, from, new Date(due.getTime() - 1000))).toBe(seconds - 1);
    }
  });

  it("computes a 90-day span fast: work grows with days, not seconds", () => {
    const from = d("2026-01-01T00:00:00+01:00");
    const to = d("2026-04-01T00:00:00+02:00");
    businessSecondsBetween(warsaw, from, to);
    const started = performance.now();
    for (let i = 0; i < 10; i += 1) businessSecondsBetween(warsaw, from, to);
    expect((performance.now() - started) / 10).toBeLessThan(50);
    const tenYears = performance.now();
    addBusinessSeconds(warsaw, from, 10 * 52 * 40 * HOUR);
    expect(performance.now() - tenYears).toBeLessThan(1000);
  });
});
