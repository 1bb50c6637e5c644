import { dayOfIsoDate, isKnownTimeZone, SECONDS_PER_DAY } from "./zonedTime.ts";

export const WEEKDAYS = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A span of wall-clock time, "HH:MM-HH:MM" or "HH:MM:SS-HH:MM:SS" (an en dash works too).
 * It ends on the next day when the end is not after the start: "22:00-06:00" is a night shift and
 * "09:00-00:00" is the same as "09:00-24:00". A span belongs to the day it starts on.
 */
export type OpeningSpan = string;

/**
 * A date that differs from the weekly schedule, as a calendar date in the schedule's zone.
 * Without `hours` the whole date, 00:00 to 24:00, is closed — including the tail of the previous
 * evening's night shift. With `hours`, those spans replace the date's usual ones.
 */
export interface Holiday {
  readonly date: string;
  readonly hours?: readonly OpeningSpan[];
}

export interface AlwaysOpen {
  readonly alwaysOpen: true;
}

export interface WeeklySchedule {
  readonly alwaysOpen?: false;
  /** IANA zone the schedule and holiday dates are written in, e.g. "Europe/Riga". */
  readonly timeZone: string;
  /** A weekday that is missing or empty is closed all day. */
  readonly weekly: Readonly<Partial<Record<Weekday, readonly OpeningSpan[]>>>;
  readonly holidays?: readonly Holiday[];
}

export type BusinessHours = AlwaysOpen | WeeklySchedule;

export const ALWAYS_OPEN: AlwaysOpen = { alwaysOpen: true };

/** A parsed span in seconds after the start day's midnight; `end` may reach 2 × 86 400. */
export interface LocalSpan {
  readonly start: number;
  readonly end: number;
}

export interface CompiledSchedule {
  readonly timeZone: string;
  /** Indexed by weekday, 0 = Sunday; spans sorted by start. */
  readonly weekly: readonly (readonly LocalSpan[])[];
  /** Day number → that date's spans (empty when closed). */
  readonly holidays: ReadonlyMap<number, readonly LocalSpan[]>;
}

/** Everything wrong with a schedule, in words fit for an API error; empty when it is usable. */
export function businessHoursProblems(hours: BusinessHours): string[] {
  if (hours.alwaysOpen === true) return [];
  const problems: string[] = [];
  if (!isKnownTimeZone(hours.timeZone)) problems.push(`unknown time zone "${hours.timeZone}"`);
  let weeklySeconds = 0;
  for (const [weekday, spans] of Object.entries(hours.weekly)) {
    if (!(WEEKDAYS as readonly string[]).includes(weekday)) problems.push(`unknown weekday "${weekday}"`);
    for (const text of spans ?? []) {
      const span = parseSpan(text);
      if (span === undefined) problems.push(`${weekday}: "${text}" is not a span like "09:00-18:00"`);
      else weeklySeconds += span.end - span.start;
    }
  }
  // Without weekly hours a due time could lie at infinity; holidays alone cannot fill a calendar.
  if (weeklySeconds === 0) problems.push("the weekly schedule has no opening hours");
  const seen = new Set<number>();
  for (const holiday of hours.holidays ?? []) {
    const day = dayOfIsoDate(holiday.date);
    if (day === undefined) problems.push(`holiday "${holiday.date}" is not a date like "2026-12-24"`);
    else if (seen.has(day)) problems.push(`holiday ${holiday.date} is listed twice`);
    else seen.add(day);
    for (const text of holiday.hours ?? []) {
      if (parseSpan(text) === undefined) {
        problems.push(`holiday ${holiday.date}: "${text}" is not a span like "09:00-18:00"`);
      }
    }
  }
  return problems;
}

/** Parses a schedule once for the clock functions; throws RangeError listing every problem. */
export function compileSchedule(hours: WeeklySchedule): CompiledSchedule {
  const problems = businessHoursProblems(hours);
  if (problems.length > 0) throw new RangeError(`Invalid business hours: ${problems.join("; ")}`);
  const weekly = WEEKDAYS.map((weekday) => parseSpans(hours.weekly[weekday] ?? []));
  const holidays = new Map<number, readonly LocalSpan[]>();
  for (const holiday of hours.holidays ?? []) {
    holidays.set(dayOfIsoDate(holiday.date)!, parseSpans(holiday.hours ?? []));
  }
  return { timeZone: hours.timeZone, weekly, holidays };
}

function parseSpans(texts: readonly OpeningSpan[]): LocalSpan[] {
  return texts.map((text) => parseSpan(text)!).sort((a, b) => a.start - b.start);
}

const SPAN_PATTERN = /^\s*(\d{2}):(\d{2})(?::(\d{2}))?\s*[-–]\s*(\d{2}):(\d{2})(?::(\d{2}))?\s*$/;

export function parseSpan(text: OpeningSpan): LocalSpan | undefined {
  const match = SPAN_PATTERN.exec(text);
  if (match === null) return undefined;
  const start = secondOfDay(match[1], match[2], match[3]);
  const end = secondOfDay(match[4], match[5], match[6]);
  if (start === undefined || end === undefined || start === SECONDS_PER_DAY || start === end)
    return undefined;
  return { start, end: end > start ? end : end + SECONDS_PER_DAY };
}

function secondOfDay(hour?: string, minute?: string, second?: string): number | undefined {
  const [h, m, s] = [Number(hour), Number(minute), Number(second ?? "0")];
  if (m > 59 || s > 59 || h > 24 || (h === 24 && (m > 0 || s > 0))) return undefined;
  return h * 3600 + m * 60 + s;
}
