import type { CompiledSchedule, LocalSpan } from "./businessHours.ts";
import { instantOfLocal, localDayOf, SECONDS_PER_DAY, utcOffsetSeconds, weekdayOfDay } from "./zonedTime.ts";

/** A half-open span of real time [start, end) in epoch seconds. */
export interface OpenInterval {
  readonly start: number;
  readonly end: number;
}

/** Holiday lists are finite and the weekly schedule is not empty, so this only trips on a broken schedule. */
const MAX_CLOSED_DAYS = 3_660;

/**
 * The schedule's open time from the local day holding `fromSecond` onwards, as disjoint real-time
 * intervals in order. Where spans overlap (a night shift running into an early shift) the later one is
 * trimmed to start where the earlier ended; touching intervals may come as two, which callers don't mind.
 * Each day is yielded as soon as it is known, so an always-open week never makes this look ahead forever.
 * Work is per day, not per second: one offset lookup a day, plus a search only on days whose offset
 * changes (DST), so a 90-day span costs about 90 lookups.
 */
export function* openIntervals(schedule: CompiledSchedule, fromSecond: number): Generator<OpenInterval> {
  // Start a day early: yesterday's night shift may still be running.
  let day = localDayOf(schedule.timeZone, fromSecond) - 1;
  const offsets = new DayOffsets(schedule.timeZone);
  // Wall-clock times map to instants in order and each day's spans are sorted, so starts never go back.
  let coveredUntil = Number.NEGATIVE_INFINITY;
  let closedDays = 0;
  for (;;) {
    const intervals = intervalsOfDay(schedule, day, offsets);
    closedDays = intervals.length === 0 ? closedDays + 1 : 0;
    if (closedDays > MAX_CLOSED_DAYS) throw new RangeError("No opening hours within ten years");
    for (const interval of intervals) {
      const start = Math.max(interval.start, coveredUntil);
      if (interval.end <= start) continue;
      yield { start, end: interval.end };
      coveredUntil = interval.end;
    }
    day += 1;
  }
}

function intervalsOfDay(schedule: CompiledSchedule, day: number, offsets: DayOffsets): OpenInterval[] {
  const spans = schedule.holidays.get(day) ?? schedule.weekly[weekdayOfDay(day)] ?? [];
  if (spans.length === 0) return [];
  const offset = offsets.steadyOffsetAround(day);
  const tomorrowIsHoliday = schedule.holidays.has(day + 1);
  const intervals: OpenInterval[] = [];
  for (const span of spans) {
    const local = tomorrowIsHoliday ? clipToDay(span) : span;
    if (local === undefined) continue;
    const start = instantOfLocal(schedule.timeZone, day, local.start, offset);
    const end = instantOfLocal(schedule.timeZone, day, local.end, offset);
    // A span lying wholly in a spring-forward gap never happens on the clock.
    if (end > start) intervals.push({ start, end });
  }
  return intervals;
}

/** A holiday closes its whole date, so a night shift heading into one ends at midnight. */
function clipToDay(span: LocalSpan): LocalSpan | undefined {
  if (span.end <= SECONDS_PER_DAY) return span;
  return { start: span.start, end: SECONDS_PER_DAY };
}

/**
 * Samples the zone's offset at whole-day points so that most days need a single new lookup.
 * A day's spans, night-shift tails included, lie within two days of wall-clock time; if the offset is
 * the same at five daily samples around them, it cannot have changed in between unless two
 * transitions fell within one day — which no zone in the tz database does.
 */
class DayOffsets {
  private readonly timeZone: string;
  private readonly samples = new Map<number, number>();

  constructor(timeZone: string) {
    this.timeZone = timeZone;
  }

  steadyOffsetAround(day: number): number | undefined {
    const first = this.sample(day - 1);
    for (let k = day; k <= day + 3; k += 1) {
      if (this.sample(k) !== first) return undefined;
    }
    return first;
  }

  private sample(day: number): number {
    let offset = this.samples.get(day);
    if (offset === undefined) {
      offset = utcOffsetSeconds(this.timeZone, day * SECONDS_PER_DAY);
      this.samples.set(day, offset);
      this.samples.delete(day - 8);
    }
    return offset;
  }
}
