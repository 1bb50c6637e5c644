import type { SlaEventType } from "./slaClock.ts";

export const SLA_METRICS = ["first_response", "next_response", "resolution"] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/** Where a metric's latest round stands; absent when the metric never started in this conversation. */
export interface ClockPhase {
  round: number;
  phase: "running" | "paused" | "stopped";
}

export type SlaTrigger =
  | { kind: "customer_wrote" }
  /** Only a person's answer (or the FAQ bot's real answer) counts; an auto-acknowledgement does not. */
  | { kind: "replied"; countsAsResponse: boolean }
  | { kind: "status_changed"; to: "new" | "open" | "pending" | "resolved" };

export interface SlaWrite {
  metric: SlaMetric;
  round: number;
  type: SlaEventType;
}

/**
 * Which clock events a conversation event causes. The clocks are:
 * - first response: from the customer's first message to our first answer;
 * - next response: from each later customer message that finds us not owing an answer, to our next answer;
 * - resolution: from the first message to resolved, in a new round when the customer reopens the case.
 * "Pending" means waiting on the customer, so every running clock pauses, and resumes when the case is open.
 * Resolving stops every clock: a case closed without an answer (spam, a duplicate) owes none.
 */
export function slaWritesFor(
  trigger: SlaTrigger,
  clocks: Partial<Record<SlaMetric, ClockPhase>>,
  enabled: Readonly<Record<SlaMetric, boolean>>,
): SlaWrite[] {
  const writes: SlaWrite[] = [];
  const add = (metric: SlaMetric, round: number, type: SlaEventType) => {
    if (enabled[metric]) writes.push({ metric, round, type });
  };
  const first = clocks.first_response;
  const next = clocks.next_response;
  const resolution = clocks.resolution;
  switch (trigger.kind) {
    case "customer_wrote": {
      if (!first) add("first_response", 0, "started");
      else if (first.phase === "paused") add("first_response", first.round, "resumed");
      else if (first.phase === "stopped") {
        if (!next || next.phase === "stopped") add("next_response", next ? next.round + 1 : 0, "started");
        else if (next.phase === "paused") add("next_response", next.round, "resumed");
      }
      if (!resolution) add("resolution", 0, "started");
      else if (resolution.phase === "stopped") add("resolution", resolution.round + 1, "started");
      else if (resolution.phase === "paused") add("resolution", resolution.round, "resumed");
      return writes;
    }
    case "replied": {
      if (!trigger.countsAsResponse) return writes;
      for (const [metric, clock] of [
        ["first_response", first],
        ["next_response", next],
      ] as const)
        if (clock && clock.phase !== "stopped") add(metric, clock.round, "stopped");
      return writes;
    }
    case "status_changed": {
      for (const metric of ["first_response", "next_response", "resolution"] as const) {
        const clock = clocks[metric];
        if (!clock || clock.phase === "stopped") continue;
        if (trigger.to === "resolved") add(metric, clock.round, "stopped");
        else if (trigger.to === "pending" && clock.phase === "running") add(metric, clock.round, "paused");
        else if (trigger.to !== "pending" && clock.phase === "paused") add(metric, clock.round, "resumed");
      }
      return writes;
    }
  }
}
