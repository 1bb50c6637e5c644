import type { ListeningLanguage } from "../listeningTypes.ts";
import { analyzeSentiment } from "./analyzeSentiment.ts";
import type { SentimentPrediction, SentimentProvider } from "./sentimentProvider.ts";

/** The model shipped with Parley; in-process and synchronous underneath. */
export const builtinSentimentProvider: SentimentProvider = {
  name: "builtin",
  async analyze(text: string, language: ListeningLanguage): Promise<SentimentPrediction> {
    return predictBuiltin(text, language);
  },
};

/** The built-in model's judgement without a promise, for hot paths that cannot await (the listening matcher). */
export function predictBuiltin(text: string, language: ListeningLanguage): SentimentPrediction {
  const result = analyzeSentiment(text, language);
  // Until the trained model lands, the lexicon's score stands in for probabilities.
  const strength = Math.abs(result.score);
  const rest = (1 - strength) / 2;
  const probabilities =
    result.label === "neutral"
      ? { negative: rest, neutral: strength + (1 - strength) - 2 * rest, positive: rest }
      : result.label === "negative"
        ? { negative: strength + rest, neutral: rest, positive: 0 }
        : { negative: 0, neutral: rest, positive: strength + rest };
  return { ...result, probabilities };
}

let active: SentimentProvider = builtinSentimentProvider;

/** Chosen once at start-up from configuration (see config.ts); tests may swap it and must restore it. */
export function setSentimentProvider(provider: SentimentProvider): void {
  active = provider;
}

export function sentimentProvider(): SentimentProvider {
  return active;
}
