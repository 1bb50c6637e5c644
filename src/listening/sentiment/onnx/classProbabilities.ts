import type { SentimentLabel } from "../../listeningTypes.ts";
import { softmax } from "../model/linearSentimentModel.ts";
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
  const own = Array.from({ length: classes }, (_, i) => logits[offset + i] as number);
  const probabilities = { negative: 0, neutral: 0, positive: 0 };
  softmax(own).forEach((p, i) => {
    probabilities[buckets[i] as SentimentLabel] += p;
  });
  let label: SentimentLabel = "neutral";
  for (const candidate of TIE_ORDER) if (probabilities[candidate] > probabilities[label]) label = candidate;
  return { label, score: probabilities.positive - probabilities.negative, probabilities };
}
