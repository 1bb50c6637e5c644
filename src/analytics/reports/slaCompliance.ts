import type { Metric } from "../metrics.ts";
import { aggregateOf, type ReportDefinition, ratio } from "../reportDefinition.ts";

const CLOCKS = ["first_response", "next_response", "resolution"] as const;

/** SLA clock rounds met or breached, by the instant they were decided (stopped, or announced breached). */
export const slaCompliance: ReportDefinition = {
  id: "sla",
  kind: "flow",
  metrics: () => CLOCKS.flatMap((c): Metric[] => [`sla.${c}.met`, `sla.${c}.breached`]),
  figures: [
    { id: "met", kind: "count" },
    { id: "breached", kind: "count" },
    { id: "met_rate", kind: "ratio" },
    ...CLOCKS.map((c) => ({ id: `${c}_met_rate`, kind: "ratio" as const })),
  ],
  seriesFigures: ["met_rate"],
  compute(a) {
    let met = 0;
    let breached = 0;
    const out: Record<string, number | null> = {};
    for (const clock of CLOCKS) {
      const m = aggregateOf(a, `sla.${clock}.met`).count;
      const b = aggregateOf(a, `sla.${clock}.breached`).count;
      met += m;
      breached += b;
      out[`${clock}_met_rate`] = ratio(m, m + b);
    }
    return { met, breached, met_rate: ratio(met, met + breached), ...out };
  },
};
