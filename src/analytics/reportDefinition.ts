import { quantileOf } from "./histogram.ts";
import type { Metric } from "./metrics.ts";

export type HoursMode = "business" | "calendar";

/** A metric's figures over some span: how many, their total, and for durations the counts per bucket. */
export interface MetricAggregate {
  count: number;
  sum: number;
  histogram: Map<number, number>;
}

export type Aggregates = ReadonlyMap<string, MetricAggregate>;

export type FigureKind = "count" | "seconds" | "ratio";

export interface FigureSpec {
  id: string;
  kind: FigureKind;
}

/**
 * One report: which rolled-up metrics it reads and how its figures follow from them. Adding a report (CSAT,
 * NPS…) is one module that exports one of these and one line in the registry.
 */
export interface ReportDefinition {
  id: string;
  /** "levels" reports (backlog) add up deltas from the beginning of time instead of summing the period. */
  kind: "flow" | "levels";
  metrics(hours: HoursMode): Metric[];
  figures: readonly FigureSpec[];
  /** The figure drawn over time. */
  seriesFigures: readonly string[];
  compute(aggregates: Aggregates, hours: HoursMode): Record<string, number | null>;
}

const EMPTY: MetricAggregate = { count: 0, sum: 0, histogram: new Map() };

export function aggregateOf(aggregates: Aggregates, metric: string): MetricAggregate {
  return aggregates.get(metric) ?? EMPTY;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** A duration report (first response, next response, time to close, handle time): how many, average, median, p90. */
export function durationReport(id: string, metricFor: (hours: HoursMode) => Metric): ReportDefinition {
  return {
    id,
    kind: "flow",
    metrics: (hours) => [metricFor(hours)],
    figures: [
      { id: "count", kind: "count" },
      { id: "average", kind: "seconds" },
      { id: "median", kind: "seconds" },
      { id: "p90", kind: "seconds" },
    ],
    seriesFigures: ["median", "average"],
    compute(aggregates, hours) {
      const a = aggregateOf(aggregates, metricFor(hours));
      return {
        count: a.count,
        average: a.count > 0 ? Math.round(a.sum / a.count) : null,
        median: quantileOf(a.histogram, 0.5),
        p90: quantileOf(a.histogram, 0.9),
      };
    },
  };
}
