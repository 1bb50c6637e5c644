import { dayOfIsoDate, instantOfLocal } from "../domain/sla/zonedTime.ts";

export interface Span {
  /** Local dates in the viewer's zone, `to` included. */
  from: string;
  to: string;
  /** Instants: [start, end). */
  start: Date;
  end: Date;
}

export type Granularity = "hour" | "day" | "week";

/** A period of local days in `tz` as instants; hourly rollups line up with it wherever the offset is whole hours. */
export function spanOf(from: string, to: string, tz: string): Span {
  const startDay = dayOfIsoDate(from);
  const endDay = dayOfIsoDate(to);
  if (startDay === undefined || endDay === undefined) throw new RangeError("Invalid date");
  return {
    from,
    to,
    start: new Date(instantOfLocal(tz, startDay, 0) * 1000),
    end: new Date(instantOfLocal(tz, endDay + 1, 0) * 1000),
  };
}

function shiftDate(iso: string, days: number, years = 0): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

/** The period compared with: the same number of days just before, or the same dates a year earlier. */
export function comparisonOf(
  from: string,
  to: string,
  tz: string,
  compare: "none" | "previous" | "previous_year",
): Span | null {
  if (compare === "none") return null;
  if (compare === "previous_year") return spanOf(shiftDate(from, 0, -1), shiftDate(to, 0, -1), tz);
  const days = daysIn(from, to);
  return spanOf(shiftDate(from, -days), shiftDate(to, -days), tz);
}

export function granularityFor(days: number, asked: "auto" | Granularity): Granularity {
  if (asked !== "auto") return asked;
  if (days <= 2) return "hour";
  return days <= 92 ? "day" : "week";
}
