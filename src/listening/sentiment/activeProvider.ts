import type { ListeningLanguage } from "../listeningTypes.ts";
import { analyzeSentiment } from "./analyzeSentiment.ts";
import type { SentimentPrediction, SentimentProvider } from "./sentimentProvider.ts";

/** The model shipped with Parley; in-process and synchronous underneath. */
export const builtinSentimentProvider: SentimentProvider = {
  name: "builtin",
  async analyze(text: string, language: ListeningLanguage): Promise<SentimentPrediction> {
    return analyzeSentiment(text, language);
  },
};

let active: SentimentProvider = builtinSentimentProvider;

/** Chosen once at start-up from configuration (see config.ts); tests may swap it and must restore it. */
export function setSentimentProvider(provider: SentimentProvider): void {
  active = provider;
}

export function sentimentProvider(): SentimentProvider {
  return active;
}
