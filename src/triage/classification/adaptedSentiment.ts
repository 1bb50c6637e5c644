import type { SentimentLabel } from "../../listening/listeningTypes.ts";
import type {
  SentimentPrediction,
  SentimentProbabilities,
} from "../../listening/sentiment/sentimentProvider.ts";
import { type LearnedOpinion, SENTIMENT_LABELS } from "./sentimentLearner.ts";

export interface AdaptedSentiment extends SentimentPrediction {
  /** True when the workspace's corrections changed the provider's label. */
  adapted: boolean;
}

/**
 * The provider's judgement with the workspace's learned opinion mixed in: the learner takes the share of the
 * probability it is sure of, the provider keeps the rest (a mixture of experts weighted by the learner's
 * confidence). With no opinion the provider's judgement stands untouched, label and all; where agents have
 * corrected texts like this one a few times, their label wins.
 */
export function adaptSentiment(
  provider: SentimentPrediction,
  opinion: LearnedOpinion | null,
): AdaptedSentiment {
  if (!opinion) return { ...provider, adapted: false };
  const base = normalised(provider.probabilities);
  const probabilities = {} as SentimentProbabilities;
  for (const label of SENTIMENT_LABELS)
    probabilities[label] = opinion.none * base[label] + opinion.shares[label];
  const label = argmax(probabilities, provider.label);
  if (label === provider.label) return { ...provider, probabilities, adapted: false };
  return {
    label,
    // The provider's score spoke for its own label; the mixture's balance of moods speaks for the new one.
    score: probabilities.positive - probabilities.negative,
    probabilities,
    adapted: true,
  };
}

function normalised(probabilities: SentimentProbabilities): SentimentProbabilities {
  const sum = SENTIMENT_LABELS.reduce((total, label) => total + Math.max(0, probabilities[label] || 0), 0);
  if (!(sum > 0)) return { negative: 1 / 3, neutral: 1 / 3, positive: 1 / 3 };
  return {
    negative: Math.max(0, probabilities.negative || 0) / sum,
    neutral: Math.max(0, probabilities.neutral || 0) / sum,
    positive: Math.max(0, probabilities.positive || 0) / sum,
  };
}

/** The most probable label; on a tie the provider's own, so rounding never flips a judgement. */
function argmax(probabilities: SentimentProbabilities, preferred: SentimentLabel): SentimentLabel {
  let best = preferred;
  for (const label of SENTIMENT_LABELS) if (probabilities[label] > probabilities[best]) best = label;
  return best;
}
