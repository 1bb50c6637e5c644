import { aggregateOf, type ReportDefinition } from "../reportDefinition.ts";

/**
 * Conversations new, open and pending at the end of each span: every status change adds +1 to the status entered
 * and −1 to the one left, so a level is the sum of all deltas up to that instant.
 */
export const backlog: ReportDefinition = {
  id: "backlog",
  kind: "levels",
  metrics: () => ["backlog.new", "backlog.open", "backlog.pending"],
  figures: [
    { id: "new", kind: "count" },
    { id: "open", kind: "count" },
    { id: "pending", kind: "count" },
    { id: "total", kind: "count" },
  ],
  seriesFigures: ["new", "open", "pending"],
  compute(a) {
    const n = aggregateOf(a, "backlog.new").count;
    const o = aggregateOf(a, "backlog.open").count;
    const p = aggregateOf(a, "backlog.pending").count;
    return { new: n, open: o, pending: p, total: n + o + p };
  },
};
