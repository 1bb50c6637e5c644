/** The measures the rollup keeps, per UTC hour. Durations come in calendar and business seconds. */
export const DURATION_METRICS = {
  first_response: { calendar: "first_response.calendar", business: "first_response.business" },
  next_response: { calendar: "next_response.calendar", business: "next_response.business" },
  time_to_close: { calendar: "time_to_close.calendar", business: "time_to_close.business" },
} as const;

export type Metric =
  | "conversations_created"
  | "inbound_messages"
  | "resolved"
  | "reopened"
  | "handle_time"
  | "backlog.new"
  | "backlog.open"
  | "backlog.pending"
  | `backlog_level.${"new" | "open" | "pending"}`
  | "bot.engaged"
  | "bot.handover"
  | "bot.deflected"
  | "csat.responses"
  | "csat.satisfied"
  | "nps.responses"
  | "nps.promoters"
  | "nps.passives"
  | "nps.detractors"
  | "sentiment.judged"
  | "sentiment.corrected"
  | `sla.${"first_response" | "next_response" | "resolution"}.${"met" | "breached"}`
  | (typeof DURATION_METRICS)[keyof typeof DURATION_METRICS][keyof (typeof DURATION_METRICS)["first_response"]];

/** The dimensions a report can be cut by; "all" is the uncut total. */
export const DIMENSIONS = [
  "all",
  "channel",
  "platform",
  "team",
  "agent",
  "category",
  "language",
  "sentiment",
  "visibility",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type CutDimension = Exclude<Dimension, "all">;

/** A conversation's place in each dimension; "" where it has none (no team yet, no category…). */
export type ConversationDims = Record<CutDimension, string>;

/** The all-time running level kept beside a level metric's hourly deltas (backlog.open → backlog_level.open). */
export function levelMetricOf(metric: string): string {
  return metric.replace(/^backlog\./, "backlog_level.");
}
