import { aggregateOf, type ReportDefinition, ratio } from "../reportDefinition.ts";

/** Reopenings (a customer writing to a resolved case) per resolution in the period. */
export const reopenRate: ReportDefinition = {
  id: "reopen_rate",
  kind: "flow",
  metrics: () => ["resolved", "reopened"],
  figures: [
    { id: "resolved", kind: "count" },
    { id: "reopened", kind: "count" },
    { id: "rate", kind: "ratio" },
  ],
  seriesFigures: ["rate"],
  compute(a) {
    const resolved = aggregateOf(a, "resolved").count;
    const reopened = aggregateOf(a, "reopened").count;
    return { resolved, reopened, rate: ratio(reopened, resolved) };
  },
};
