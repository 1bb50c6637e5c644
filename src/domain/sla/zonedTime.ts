/**
 * Wall-clock arithmetic in an IANA time zone, on whole epoch seconds.
 *
 * Built on the runtime's own tz database through `Intl.DateTimeFormat` (Node ships full ICU), so no
 * dependency and no reliance on the server's `TZ`: every conversion names its zone explicitly.
 * A "day number" is a civil date counted in days since 1970-01-01; a "local second" is a wall-clock
 * time on a given day in seconds since that day's midnight (it may pass 86 400 for overnight ends).
 */

export const SECONDS_PER_DAY = 86_400;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than using it. Throws RangeError on an unknown zone. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall clock at `epochSeconds`, read as if it were UTC ("naive" seconds). */
function wallClockSeconds(timeZone: string, epochSeconds: number): number {
  const fields: Record<string, number> = {};
  let bc = false;
  for (const part of formatterFor(timeZone).formatToParts(epochSeconds * 1000)) {
    if (part.type === "era") bc = part.value.startsWith("B");
    else if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const year = bc ? 1 - (fields.year ?? 0) : (fields.year ?? 0);
  const date = new Date(0);
  date.setUTCFullYear(year, (fields.month ?? 1) - 1, fields.day ?? 1);
  const day = Math.floor(date.getTime() / 1000 / SECONDS_PER_DAY);
  return day * SECONDS_PER_DAY + (fields.hour ?? 0) * 3600 + (fields.minute ?? 0) * 60 + (fields.second ?? 0);
}

/** UTC offset in seconds (east positive) in force at `epochSeconds`. */
export function utcOffsetSeconds(timeZone: string, epochSeconds: number): number {
  return wallClockSeconds(timeZone, epochSeconds) - epochSeconds;
}

/** The civil date (day number) the zone's wall clock shows at `epochSeconds`. */
export function localDayOf(timeZone: string, epochSeconds: number): number {
  return Math.floor(wallClockSeconds(timeZone, epochSeconds) / SECONDS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday, like `Date#getUTCDay`. 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day number of an ISO calendar date "YYYY-MM-DD", or undefined when it is not a real date. */
export function dayOfIsoDate(isoDate: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const millis = Date.UTC(year, month - 1, day);
  const check = new Date(millis);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return millis / 1000 / SECONDS_PER_DAY;
}

/**
 * The first instant at which the zone's wall clock shows `localSecond` on `day`, or later.
 *
 * - Ordinary times map to their one instant.
 * - Repeated times (fall back) map to their first occurrence, so a shift "01:00–02:00" on a fall-back
 *   night lasts the two real hours the clock actually shows it.
 * - Skipped times (spring forward) map to the transition itself: a desk opening at 02:30 on a night
 *   when 02:00–03:00 never happens opens at 03:00.
 *
 * `offsetHint`, when the caller knows the offset cannot change around this time, skips the search.
 */
export function instantOfLocal(
  timeZone: string,
  day: number,
  localSecond: number,
  offsetHint?: number,
): number {
  const naive = day * SECONDS_PER_DAY + localSecond;
  if (offsetHint !== undefined) return naive - offsetHint;
  // Real offsets stay within ±18 h, so the instant lies strictly between these two probes.
  const offsetBefore = utcOffsetSeconds(timeZone, naive - SECONDS_PER_DAY);
  const offsetAfter = utcOffsetSeconds(timeZone, naive + SECONDS_PER_DAY);
  const candidates = [naive - offsetBefore, naive - offsetAfter].filter(
    (instant) => utcOffsetSeconds(timeZone, instant) === naive - instant,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return firstInstantWithOffset(timeZone, naive - offsetAfter, naive - offsetBefore, offsetAfter);
}

/** Binary search, to the second, for the transition into `offset` inside (low, high]. */
function firstInstantWithOffset(timeZone: string, low: number, high: number, offset: number): number {
  let before = low;
  let after = high;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (utcOffsetSeconds(timeZone, middle) === offset) after = middle;
    else before = middle;
  }
  return after;
}
