import {
  addSeconds,
  type PreparedHours,
  prepareHours,
  secondsBetween,
  toEpochSecond,
} from "./businessTime.ts";
import { type SlaPolicy, slaPolicyProblems, warningSeconds } from "./slaPolicy.ts";

/**
 * started — the customer is waiting (e.g. the first inbound message);
 * paused  — waiting on the customer instead; resumed — back on us; stopped — the target was met.
 */
export type SlaEventType = "started" | "paused" | "resumed" | "stopped";

export interface SlaEvent {
  readonly type: SlaEventType;
  readonly at: Date;
}

export type SlaState = "notStarted" | "running" | "paused" | "met" | "breached";

export interface SlaClock {
  /** "breached" wins over running/paused/stopped: once the due time has passed it stays breached. */
  readonly state: SlaState;
  /** Whether working time is being counted right now (it may still be outside opening hours). */
  readonly running: boolean;
  readonly targetSeconds: number;
  readonly elapsedSeconds: number;
  /** Working seconds left; negative when overdue. */
  readonly remainingSeconds: number;
  /** When the target was, or will be if nothing pauses it, used up; null while paused short of it or once met. */
  readonly dueAt: Date | null;
  /** Same for the warning threshold (policy.warningRatio of the target). */
  readonly warningAt: Date | null;
  readonly warningReached: boolean;
  readonly startedAt: Date | null;
  readonly stoppedAt: Date | null;
}

interface RunningSpan {
  readonly start: number;
  /** Undefined while still running. */
  readonly end: number | undefined;
}

/**
 * The clock as of `now`, recomputed from the stored events alone, so a restart or a replay on another
 * worker gives the same answer. Events after `now` have not happened yet and are ignored; events that
 * make no sense in order (a pause while paused, anything before the start or after the stop) are ignored
 * too, so a duplicate webhook cannot bend the clock. Instants count to the whole second.
 */
export function slaClockAt(policy: SlaPolicy, events: readonly SlaEvent[], now: Date): SlaClock {
  const problems = slaPolicyProblems(policy);
  if (problems.length > 0) throw new RangeError(`Invalid SLA policy: ${problems.join("; ")}`);
  const hours = prepareHours(policy.businessHours);
  const nowSecond = toEpochSecond(now);
  const { spans, startedAt, stoppedAt } = replay(events, nowSecond);
  const elapsed = spans.reduce(
    (sum, span) => sum + secondsBetween(hours, span.start, span.end ?? nowSecond),
    0,
  );
  const dueAt = instantReaching(hours, spans, policy.targetSeconds);
  const warningAt = instantReaching(hours, spans, warningSeconds(policy));
  const reference = stoppedAt ?? nowSecond;
  const running = spans.at(-1)?.end === undefined && spans.length > 0;
  return {
    state: stateOf({ startedAt, stoppedAt, running, breached: dueAt !== undefined && dueAt < reference }),
    running,
    targetSeconds: policy.targetSeconds,
    elapsedSeconds: elapsed,
    remainingSeconds: policy.targetSeconds - elapsed,
    dueAt: toDate(dueAt),
    warningAt: toDate(warningAt),
    warningReached: warningAt !== undefined && warningAt <= reference,
    startedAt: toDate(startedAt),
    stoppedAt: toDate(stoppedAt),
  };
}

function replay(events: readonly SlaEvent[], nowSecond: number) {
  const ordered = events
    .map((event, index) => ({ type: event.type, at: toEpochSecond(event.at), index }))
    .filter((event) => event.at <= nowSecond)
    // Same-second events keep their stored order.
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const spans: RunningSpan[] = [];
  let startedAt: number | undefined;
  let stoppedAt: number | undefined;
  let runningSince: number | undefined;
  for (const event of ordered) {
    if (stoppedAt !== undefined) break;
    if (event.type === "started" && startedAt === undefined) {
      startedAt = event.at;
      runningSince = event.at;
    } else if (event.type === "resumed" && startedAt !== undefined && runningSince === undefined) {
      runningSince = event.at;
    } else if ((event.type === "paused" || event.type === "stopped") && startedAt !== undefined) {
      if (runningSince !== undefined) spans.push({ start: runningSince, end: event.at });
      runningSince = undefined;
      if (event.type === "stopped") stoppedAt = event.at;
    }
  }
  if (runningSince !== undefined) spans.push({ start: runningSince, end: undefined });
  return { spans, startedAt, stoppedAt };
}

/**
 * The first instant at which `threshold` working seconds had run: found in a closed span if it was
 * reached there, projected from the open span otherwise, undefined if the clock stopped short of it.
 */
function instantReaching(
  hours: PreparedHours,
  spans: readonly RunningSpan[],
  threshold: number,
): number | undefined {
  let counted = 0;
  for (const span of spans) {
    if (span.end === undefined) return addSeconds(hours, span.start, threshold - counted);
    const worked = secondsBetween(hours, span.start, span.end);
    if (counted + worked >= threshold) return addSeconds(hours, span.start, threshold - counted);
    counted += worked;
  }
  return undefined;
}

function stateOf(clock: {
  startedAt: number | undefined;
  stoppedAt: number | undefined;
  running: boolean;
  breached: boolean;
}): SlaState {
  if (clock.startedAt === undefined) return "notStarted";
  if (clock.breached) return "breached";
  if (clock.stoppedAt !== undefined) return "met";
  return clock.running ? "running" : "paused";
}

function toDate(epochSecond: number | undefined): Date | null {
  return epochSecond === undefined ? null : new Date(epochSecond * 1000);
}
