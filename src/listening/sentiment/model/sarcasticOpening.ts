import type { ListeningLanguage } from "../../listeningTypes.ts";
import { lexiconSum } from "../lexiconSentiment.ts";
import type { SentimentPrediction } from "../sentimentProvider.ts";
import { cuesIn } from "./sentimentCues.ts";

/**
 * "Great, they lost my bag again", "Супер, опять перенесли доставку", "Świetnie, znowu awaria": praise opening
 * a post whose rest reports a repeated or ongoing failure is sarcasm. The training corpora have too few such
 * posts for the model to learn the pattern (in them "great … again" is mostly sincere), so this rule turns the
 * model's reading round when the opening is praise and the rest is a complaint.
 */
// biome-ignore format: word lists read best packed
const OPENINGS: Record<ListeningLanguage, readonly string[]> = {
  ru: ["отлично", "супер", "прекрасно", "замечательно", "класс", "спасибо", "браво", "шикарно", "великолепно", "круто", "чудесно"],
  pl: ["super", "świetnie", "swietnie", "pięknie", "pieknie", "brawo", "dzięki", "dzieki", "wspaniale", "genialnie", "rewelacja", "ekstra"],
  lv: ["lieliski", "super", "paldies", "brīnišķīgi", "brinisķigi", "forši", "forsi", "superīgi", "bravo", "skaisti", "izcili"],
  en: ["great", "wonderful", "fantastic", "perfect", "brilliant", "nice", "awesome", "lovely", "thanks", "amazing", "cool", "terrific", "splendid"],
};
const FILLERS = ["oh", "ну", "no", "nu", "wow", "just", "so", "just", "ах", "о", "och", "ak", "vau", "oh,"];
// biome-ignore format: word lists read best packed
const COMPLAINT_MARKERS = [
  "опять", "снова", "ещё раз", "еще раз", "до сих пор", "третий", "который", "никто", "не ",
  "znowu", "znów", "znow", "ponownie", "kolejny", "wciąż", "wciaz", "nadal", "nikt", "nie ",
  "atkal", "kārtējo", "kartejo", "joprojām", "joprojam", "neviens", "ne ",
  "again", "another", "still", "nobody", "no one", "not ", "n't ",
];

export function isSarcasticOpening(text: string, language: ListeningLanguage): boolean {
  const lower = text.toLowerCase().trimStart();
  const words = lower.split(/\s+/);
  let at = 0;
  while (at < words.length - 1 && FILLERS.includes(words[at]!)) at++;
  const opening = words[at]?.replace(/[,!.…—–-]+$/u, "");
  if (!opening || !(OPENINGS[language] ?? OPENINGS.en).includes(opening)) return false;
  // The opening must stand apart ("Great, …", "Супер! …"), not start a sentence of praise ("Great service").
  const openingEnd = lower.indexOf(opening) + opening.length;
  if (!/^\s*[,!.…—–-]/u.test(lower.slice(openingEnd))) return false;
  const rest = ` ${lower.slice(openingEnd)} `;
  // "Thanks, the problem is fixed" is thanks.
  if (cuesIn(rest).has("resolved")) return false;
  return COMPLAINT_MARKERS.some((marker) => rest.includes(` ${marker}`)) || lexiconSum(rest, language) <= -2;
}

/** The model's reading with its praise counted as complaint when the post opens sarcastically. */
export function correctForSarcasm(
  prediction: SentimentPrediction,
  text: string,
  language: ListeningLanguage,
): SentimentPrediction {
  const { negative, neutral, positive } = prediction.probabilities;
  if (!isSarcasticOpening(text, language)) return prediction;
  const complaint = negative + positive;
  return {
    label: complaint >= neutral ? "negative" : "neutral",
    score: -Math.round(complaint * 1000) / 1000,
    probabilities: { negative: complaint, neutral, positive: 0 },
  };
}
