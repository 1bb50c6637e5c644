import { aggregateOf, type ReportDefinition, ratio } from "../reportDefinition.ts";

/**
 * How often agents disagree with the sentiment model: customer messages judged in the period, those whose
 * standing label differs from the model's (a correction back to the model's label is agreement), and the rate.
 * Counted in the hour of the judgement, like sentimentDisagreement(); cut by the conversation's language.
 */
export const sentimentCorrections: ReportDefinition = {
  id: "sentiment_corrections",
  kind: "flow",
  metrics: () => ["sentiment.judged", "sentiment.corrected"],
  figures: [
    { id: "judged", kind: "count" },
    { id: "corrected", kind: "count" },
    { id: "rate", kind: "ratio" },
  ],
  seriesFigures: ["rate"],
  compute(a) {
    const judged = aggregateOf(a, "sentiment.judged").count;
    const corrected = aggregateOf(a, "sentiment.corrected").count;
    return { judged, corrected, rate: ratio(corrected, judged) };
  },
};
