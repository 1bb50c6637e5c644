import type { ListeningLanguage } from "../listening/listeningTypes.ts";
import { sentimentProvider } from "../listening/sentiment/activeProvider.ts";
import { certainNeutral } from "../listening/sentiment/sentimentProvider.ts";
import { type AdaptedSentiment, adaptSentiment } from "./classification/adaptedSentiment.ts";
import type { SentimentLearner } from "./classification/sentimentLearner.ts";

export interface SentimentJudgement extends AdaptedSentiment {
  /** Who judged: the provider's name, with "+learned" when the workspace's corrections changed its label. */
  model: string;
}

/** Marks a judgement the workspace's corrections changed, in `messages.sentiment_model`. */
export const LEARNED_SUFFIX = "+learned";

/**
 * A customer message's mood: the active provider's judgement (listening/sentiment/activeProvider.ts), adapted
 * by what this workspace's agents corrected (classification/sentimentLearner.ts).
 */
export async function judgeSentiment(
  learner: SentimentLearner,
  text: string,
  language: ListeningLanguage | null,
): Promise<SentimentJudgement> {
  const provider = sentimentProvider();
  if (!text.trim()) return { ...certainNeutral(), adapted: false, model: provider.name };
  const prediction = await provider.analyze(text, language ?? "en");
  const adapted = adaptSentiment(prediction, learner.opinion(text, language));
  return { ...adapted, model: adapted.adapted ? `${provider.name}${LEARNED_SUFFIX}` : provider.name };
}
