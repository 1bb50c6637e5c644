import type { Subject } from "./phrase.ts";
import type { Random } from "./random.ts";

/** Subjects an incident floods the inbox with: a courier service failing, payments down, bonus crediting broken. */
export const BURST_SUBJECTS: readonly Subject[] = ["delivery", "payment", "bonus"];

export interface Burst {
  subject: Subject;
  startedAt: number;
  /** Messages of this burst not yet sent. */
  remaining: number;
}

export interface BurstSchedule {
  /** The burst under way at `now`, starting one when it is due; undefined between bursts or when disabled. */
  current(now: number): Burst | undefined;
  /** Marks one message of the current burst as sent. */
  consume(): void;
  /** When the next burst starts, or undefined while one is running or when bursts are disabled. */
  nextStartAt(now: number): number | undefined;
  /** Bursts started so far. */
  started(): number;
}

export interface BurstScheduleOptions {
  random: Random;
  /** Minutes between burst starts; 0 disables bursts. */
  everyMinutes: number;
  size: number;
}

export function createBurstSchedule(options: BurstScheduleOptions): BurstSchedule {
  const { random, everyMinutes, size } = options;
  const enabled = everyMinutes > 0 && size > 0;
  const everyMs = everyMinutes * 60_000;
  let nextAt: number | undefined;
  let active: Burst | undefined;
  let count = 0;

  // The first burst comes one interval after traffic begins, so spike detection first sees a quiet baseline.
  const due = (now: number): number => {
    nextAt ??= now + everyMs;
    return nextAt;
  };

  const current = (now: number): Burst | undefined => {
    if (!enabled) return undefined;
    if (active && active.remaining > 0) return active;
    active = undefined;
    if (now < due(now)) return undefined;
    active = { subject: random.pick(BURST_SUBJECTS), startedAt: now, remaining: size };
    // Counted from the actual start, so an idle generator does not fire a backlog of bursts when it resumes.
    nextAt = now + everyMs;
    count++;
    return active;
  };

  return {
    current,
    consume: () => {
      if (active && active.remaining > 0) active.remaining--;
    },
    nextStartAt: (now) => {
      if (!enabled || (active && active.remaining > 0)) return undefined;
      return due(now);
    },
    started: () => count,
  };
}
