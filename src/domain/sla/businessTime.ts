import { type BusinessHours, type CompiledSchedule, compileSchedule } from "./businessHours.ts";
import { openIntervals } from "./openIntervals.ts";

/**
 * Business time on whole seconds. Instants are truncated to the second on the way in, so results are
 * exact integers and the same stored timestamps always give the same answer.
 */

/** A schedule ready for repeated use; `undefined` stands for always open. */
export type PreparedHours = CompiledSchedule | undefined;

export function prepareHours(hours: BusinessHours): PreparedHours {
  return hours.alwaysOpen === true ? undefined : compileSchedule(hours);
}

export function toEpochSecond(instant: Date): number {
  const millis = instant.getTime();
  if (!Number.isFinite(millis)) throw new RangeError("Invalid date");
  return Math.floor(millis / 1000);
}

/** Working seconds in [from, to); 0 when `to` is not after `from`. */
export function businessSecondsBetween(hours: BusinessHours, from: Date, to: Date): number {
  return secondsBetween(prepareHours(hours), toEpochSecond(from), toEpochSecond(to));
}

/**
 * The instant at which `seconds` working seconds have passed since `from`: an SLA's due time.
 * Time runs only while open; a total used up exactly at closing is due at closing, not next morning.
 * Fractions of a second are rounded up, so a due time is never early.
 */
export function addBusinessSeconds(hours: BusinessHours, from: Date, seconds: number): Date {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`Business seconds must be a finite number ≥ 0, got ${seconds}`);
  }
  return new Date(addSeconds(prepareHours(hours), toEpochSecond(from), Math.ceil(seconds)) * 1000);
}

export function secondsBetween(schedule: PreparedHours, from: number, to: number): number {
  if (to <= from) return 0;
  if (schedule === undefined) return to - from;
  let total = 0;
  for (const interval of openIntervals(schedule, from)) {
    if (interval.start >= to) break;
    total += Math.max(0, Math.min(interval.end, to) - Math.max(interval.start, from));
  }
  return total;
}

export function addSeconds(schedule: PreparedHours, from: number, seconds: number): number {
  if (schedule === undefined || seconds === 0) return from + seconds;
  let left = seconds;
  for (const interval of openIntervals(schedule, from)) {
    if (interval.end <= from) continue;
    const start = Math.max(interval.start, from);
    if (left <= interval.end - start) return start + left;
    left -= interval.end - start;
  }
  throw new Error("unreachable: open intervals never run out");
}
