import { aggregateOf, type ReportDefinition, ratio } from "../reportDefinition.ts";

/** Rounded for display; the rollup keeps the exact count and sum. */
function averageOf(sum: number, count: number, digits: number): number | null {
  if (count <= 0) return null;
  const scale = 10 ** digits;
  return Math.round((sum / count) * scale) / scale;
}

/**
 * CSAT answers (1–5) by when they were given: how many, their average, and the share of 4 and 5. The agent is
 * the one the case was assigned to at resolution; the other cuts are the conversation's.
 */
export const csat: ReportDefinition = {
  id: "csat",
  kind: "flow",
  metrics: () => ["csat.responses", "csat.satisfied"],
  figures: [
    { id: "responses", kind: "count" },
    { id: "average_score", kind: "count" },
    { id: "satisfied_share", kind: "ratio" },
  ],
  seriesFigures: ["satisfied_share"],
  compute(a) {
    const responses = aggregateOf(a, "csat.responses");
    return {
      responses: responses.count,
      average_score: averageOf(responses.sum, responses.count, 2),
      satisfied_share: ratio(aggregateOf(a, "csat.satisfied").count, responses.count),
    };
  },
};

/** NPS answers (0–10): promoters 9–10, passives 7–8, detractors 0–6; score = % promoters − % detractors. */
export const nps: ReportDefinition = {
  id: "nps",
  kind: "flow",
  metrics: () => ["nps.responses", "nps.promoters", "nps.passives", "nps.detractors"],
  figures: [
    { id: "responses", kind: "count" },
    { id: "promoters", kind: "count" },
    { id: "passives", kind: "count" },
    { id: "detractors", kind: "count" },
    { id: "nps_score", kind: "count" },
  ],
  seriesFigures: ["nps_score"],
  compute(a) {
    const responses = aggregateOf(a, "nps.responses").count;
    const promoters = aggregateOf(a, "nps.promoters").count;
    const detractors = aggregateOf(a, "nps.detractors").count;
    return {
      responses,
      promoters,
      passives: aggregateOf(a, "nps.passives").count,
      detractors,
      nps_score: responses > 0 ? Math.round(((promoters - detractors) / responses) * 100) : null,
    };
  },
};
