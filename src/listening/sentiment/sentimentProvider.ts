import type { ListeningLanguage, SentimentLabel, SentimentResult } from "../listeningTypes.ts";

/** Class probabilities that sum to 1; what a correction-adapted or larger model combines with. */
export type SentimentProbabilities = Record<SentimentLabel, number>;

export interface SentimentPrediction extends SentimentResult {
  probabilities: SentimentProbabilities;
}

/** What a text with nothing to read gets, without asking a model. */
export function certainNeutral(): SentimentPrediction {
  return { label: "neutral", score: 0, probabilities: { negative: 0, neutral: 1, positive: 0 } };
}

/**
 * Where a text's mood comes from. The built-in provider is the trained linear model shipped with Parley
 * (in-process, synchronous underneath); an admin may point Parley at a larger ONNX model instead. Triage and
 * listening ask a provider, never a concrete model, so the choice is configuration.
 */
export interface SentimentProvider {
  /** Shown to admins and stored beside each judgement, e.g. "builtin" or "onnx:<model dir name>". */
  readonly name: string;
  analyze(text: string, language: ListeningLanguage): Promise<SentimentPrediction>;
}
