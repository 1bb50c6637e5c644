import { readFileSync } from "node:fs";
import type { ListeningLanguage } from "../listeningTypes.ts";
import { LinearSentimentModel } from "./model/linearSentimentModel.ts";
import { correctForSarcasm } from "./model/sarcasticOpening.ts";
import { certainNeutral, type SentimentPrediction } from "./sentimentProvider.ts";

const MODEL_FILE = new URL("./model/sentimentModel.bin.gz", import.meta.url);

let model: LinearSentimentModel | undefined;

/** The model shipped with Parley (trained by `npm run train:sentiment`), loaded once on first use. */
export function builtinSentimentModel(): LinearSentimentModel {
  model ??= LinearSentimentModel.deserialize(readFileSync(MODEL_FILE));
  return model;
}

/**
 * The mood of a customer's text in one of Parley's languages, from the built-in trained model: a label,
 * a score from -1 to 1 (P(positive) − P(negative)) and the class probabilities. Never throws: text the
 * model cannot judge is neutral.
 */
export function analyzeSentiment(text: string, language: ListeningLanguage): SentimentPrediction {
  if (typeof text !== "string" || text.trim().length === 0) return certainNeutral();
  try {
    return correctForSarcasm(builtinSentimentModel().predict(text, language), text, language);
  } catch {
    return certainNeutral();
  }
}
