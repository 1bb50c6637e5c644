import type { SentimentLabel } from "../../listeningTypes.ts";
import type { SentimentPrediction } from "../sentimentProvider.ts";
import type { ClassBuckets } from "./modelLabels.ts";

/** Ties go to the calmer judgement: neutral first, then negative (a complaint is worth a look). */
const TIE_ORDER: SentimentLabel[] = ["neutral", "negative", "positive"];

/** One text's logits (row `row` of a batch) → probabilities summed into Parley's classes. */
export function predictionFromLogits(
  logits: ArrayLike<number>,
  row: number,
  buckets: ClassBuckets,
): SentimentPrediction {
  const classes = buckets.length;
  const offset = row * classes;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < classes; i++) max = Math.max(max, logits[offset + i] as number);
  // Subtracting the largest logit keeps exp() finite for any logits the model emits.
  const exps: number[] = [];
  let total = 0;
  for (let i = 0; i < classes; i++) {
    const e = Math.exp((logits[offset + i] as number) - max);
    exps.push(e);
    total += e;
  }
  const probabilities = { negative: 0, neutral: 0, positive: 0 };
  buckets.forEach((bucket, i) => {
    probabilities[bucket] += (exps[i] as number) / total;
  });
  let label: SentimentLabel = "neutral";
  for (const candidate of TIE_ORDER) if (probabilities[candidate] > probabilities[label]) label = candidate;
  return { label, score: probabilities.positive - probabilities.negative, probabilities };
}

/** What a text with nothing to read gets, without asking the model. */
export function certainNeutral(): SentimentPrediction {
  return { label: "neutral", score: 0, probabilities: { negative: 0, neutral: 1, positive: 0 } };
}
