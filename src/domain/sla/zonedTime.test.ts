import { describe, expect, it } from "vitest";
import { dayOfIsoDate, instantOfLocal, localDayOf, utcOffsetSeconds, weekdayOfDay } from "./zonedTime.ts";

const at = (iso: string) => Date.parse(iso) / 1000;
const day = (iso: string) => dayOfIsoDate(iso)!;
const hm = (hours: number, minutes = 0) => hours * 3600 + minutes * 60;

describe("instantOfLocal", () => {
  it("maps an ordinary wall-clock time to its one instant", () => {
    expect(instantOfLocal("Europe/Riga", day("2026-11-23"), hm(9))).toBe(at("2026-11-23T09:00:00+02:00"));
    expect(instantOfLocal("Europe/Riga", day("2026-07-01"), hm(9))).toBe(at("2026-07-01T09:00:00+03:00"));
    expect(instantOfLocal("America/New_York", day("2026-11-23"), hm(23, 59) + 59)).toBe(
      at("2026-11-23T23:59:59-05:00"),
    );
  });

  it("lets a local time past 24:00 fall on the next day", () => {
    expect(instantOfLocal("Europe/Warsaw", day("2026-11-23"), hm(30))).toBe(at("2026-11-24T06:00:00+01:00"));
  });

  it("maps a time skipped by spring forward to the transition itself", () => {
    // New York jumps from 02:00 EST to 03:00 EDT on 2026-03-08.
    expect(instantOfLocal("America/New_York", day("2026-03-08"), hm(2, 30))).toBe(
      at("2026-03-08T03:00:00-04:00"),
    );
    // Riga jumps from 03:00 EET to 04:00 EEST on 2026-03-29.
    expect(instantOfLocal("Europe/Riga", day("2026-03-29"), hm(3, 30))).toBe(at("2026-03-29T04:00:00+03:00"));
    expect(instantOfLocal("Europe/Warsaw", day("2026-03-29"), hm(2))).toBe(at("2026-03-29T03:00:00+02:00"));
  });

  it("maps a time repeated by fall back to its first occurrence", () => {
    expect(instantOfLocal("America/New_York", day("2026-11-01"), hm(1, 30))).toBe(
      at("2026-11-01T01:30:00-04:00"),
    );
    expect(instantOfLocal("Europe/Riga", day("2026-10-25"), hm(3, 30))).toBe(at("2026-10-25T03:30:00+03:00"));
    expect(instantOfLocal("Europe/Warsaw", day("2026-10-25"), hm(2, 59) + 59)).toBe(
      at("2026-10-25T02:59:59+02:00"),
    );
  });

  it("handles the times right after a transition", () => {
    expect(instantOfLocal("America/New_York", day("2026-11-01"), hm(2))).toBe(
      at("2026-11-01T02:00:00-05:00"),
    );
    expect(instantOfLocal("Europe/Riga", day("2026-03-29"), hm(4))).toBe(at("2026-03-29T04:00:00+03:00"));
  });
});

describe("calendar helpers", () => {
  it("reads offsets and local dates in the named zone, whatever the server's TZ", () => {
    const previous = process.env.TZ;
    try {
      for (const tz of ["UTC", "Pacific/Kiritimati", "America/Los_Angeles"]) {
        process.env.TZ = tz;
        expect(utcOffsetSeconds("Europe/Riga", at("2026-03-29T00:59:59Z"))).toBe(7200);
        expect(utcOffsetSeconds("Europe/Riga", at("2026-03-29T01:00:00Z"))).toBe(10800);
        expect(localDayOf("America/New_York", at("2026-11-24T04:59:59Z"))).toBe(day("2026-11-23"));
        expect(localDayOf("Asia/Tokyo", at("2026-11-23T15:00:00Z"))).toBe(day("2026-11-24"));
      }
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it("knows weekdays and rejects dates that do not exist", () => {
    expect(weekdayOfDay(day("2026-11-23"))).toBe(1);
    expect(weekdayOfDay(day("1969-12-28"))).toBe(0);
    expect(dayOfIsoDate("2026-02-29")).toBeUndefined();
    expect(dayOfIsoDate("2028-02-29")).toBeDefined();
    expect(dayOfIsoDate("24.12.2026")).toBeUndefined();
  });
});
