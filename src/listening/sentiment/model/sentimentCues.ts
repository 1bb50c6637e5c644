import type { ListeningLanguage } from "../../listeningTypes.ts";
import { emojiWeight } from "../emoji.ts";
import { countChar, lexiconSum } from "../lexiconSentiment.ts";

/**
 * Language-independent cues for the sentiment model. The public training sets are emotion and review corpora,
 * not shops' mentions: they rarely say "third day waiting" or "problem fixed, thanks". These cues name such
 * situations the same way in every language, so the model learns one weight for "waiting" or "resolved"
 * from whichever language's data shows it, and the lexicon's judgement enters as a feature the model weighs
 * against the words rather than as the verdict.
 *
 * Cue words are word starts, matched on tokens with diacritics folded ("dziekuje", "paldies", "ustranen"),
 * since customers often type without them.
 */
type CueKind =
  | "waiting"
  | "still"
  | "again"
  | "where"
  | "resolved"
  | "thanks"
  | "nothing"
  | "leave"
  | "question";

// biome-ignore format: word lists read best packed
const CUES: Record<CueKind, readonly string[]> = {
  waiting: [
    "жду", "ждем", "ждём", "ожида", "ждать", "прожда", "подожд",
    "czekam", "czekamy", "czekać", "czekac", "oczekuj", "czekał",
    "gaidu", "gaidām", "gaidam", "gaidīt", "gaidit", "gaidījām", "gaidiju",
    "waiting", "waited", "wait", "hold",
  ],
  still: [
    "до сих пор", "всё ещё", "все еще", "уже", "который день", "третий день", "неделю", "месяц",
    "wciąż", "wciaz", "nadal", "dalej", "od tygodnia", "od miesiąca", "od miesiaca", "już", "juz",
    "joprojām", "joprojam", "vēl nav", "vel nav", "jau", "nedēļu", "nedelu", "mēnesi",
    "still", "yet", "days", "weeks", "hours", "since",
  ],
  again: ["опять", "снова", "очередн", "znowu", "znów", "znow", "ponownie", "kolejny", "atkal", "kārtējo", "again", "another"],
  where: ["где", "gdzie", "kur", "where"],
  resolved: [
    "устран", "исправ", "решил", "решен", "решён", "починил", "заработал", "наладил", "восстановл", "вернули",
    "naprawi", "rozwiąz", "rozwiaz", "działa już", "dziala juz", "zwrócili", "zwrocili",
    "salabo", "novērs", "novers", "atrisin", "atrisināt", "strādā atkal", "atgrieza",
    "fixed", "resolved", "sorted", "solved", "refunded", "working again",
  ],
  thanks: ["спасиб", "благодар", "dzięk", "dziek", "paldies", "thank", "thanks", "thx", "cheers"],
  nothing: ["никто", "никак", "ничего", "nikt", "nic", "nikto", "neviens", "nekas", "nobody", "nothing", "no one", "noone"],
  leave: [
    "уйду", "ухожу", "перейду", "отпишусь", "верните деньги", "odejdę", "rezygnuj", "zmieniam", "aiziešu", "atteikšos",
    "cancel", "switching", "never again", "никогда больше", "nigdy więcej", "nekad vairs",
  ],
  question: [
    "подскажите", "скажите", "как ", "можно ли", "есть ли", "czy ", "jak ", "gdzie można", "kiedy",
    "vai ", "kā ", "kad ", "how ", "can i", "is there", "when ", "what ",
  ],
};

/** Every cue word in one alternation, longest first, so one pass over a text finds them all. */
const KIND_OF = new Map<string, CueKind>();
for (const [kind, words] of Object.entries(CUES) as [CueKind, readonly string[]][])
  for (const word of words) if (!KIND_OF.has(fold(word))) KIND_OF.set(fold(word), kind);
const CUE_PATTERN = new RegExp(
  `(?<=^| )(${[...KIND_OF.keys()]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|")})`,
  "gu",
);

function fold(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/ł/g, "l");
}

/** The kinds of cue a text holds; words are matched at word starts, diacritics folded. */
export function cuesIn(text: string): Set<CueKind> {
  const found = new Set<CueKind>();
  // Cue words may end in a space ("как "), so the text gets one at its end.
  for (const match of `${fold(text)} `.matchAll(CUE_PATTERN)) found.add(KIND_OF.get(match[1]!)!);
  return found;
}

export function cueFeatures(
  text: string,
  tokens: readonly string[],
  language: ListeningLanguage,
): [string, number][] {
  const features: [string, number][] = [];
  const lexicon = lexiconSum(text, language);
  const positive = Math.min(Math.max(lexicon, 0), 8);
  const negative = Math.min(Math.max(-lexicon, 0), 8);
  if (positive > 0) features.push(["lexicon:positive", positive / 2]);
  if (negative > 0) features.push(["lexicon:negative", negative / 2]);
  features.push([`lexicon:bin:${lexiconBin(lexicon)}`, 1]);
  const emoji = emojiWeight(text);
  if (emoji > 0) features.push(["emoji:positive", Math.min(emoji, 6) / 2]);
  if (emoji < 0) features.push(["emoji:negative", Math.min(-emoji, 6) / 2]);

  const found = cuesIn(tokens.join(" "));
  for (const kind of found) features.push([`cue:${kind}`, 1]);
  // Combinations a linear model cannot form from the parts: "thanks" beside a complaint is sarcasm or
  // politeness, beside a resolved problem it is praise; praise words beside "again" are sarcasm.
  if (
    found.has("thanks") &&
    (negative > 1 || found.has("again") || found.has("waiting") || found.has("still"))
  )
    features.push(["cue:thanks+complaint", 1]);
  if (found.has("thanks") && found.has("resolved")) features.push(["cue:thanks+resolved", 1]);
  if (positive > 1 && (found.has("again") || found.has("still") || found.has("waiting")))
    features.push(["cue:praise+again", 1]);
  if (found.has("waiting") && found.has("still")) features.push(["cue:waiting+still", 1]);

  const exclamations = countChar(text, "!");
  if (exclamations > 0) features.push([exclamations >= 3 ? "punct:!!!" : "punct:!", 1]);
  if (/\?\s*\?|\?!|!\?/.test(text)) features.push(["punct:??", 1]);
  else if (text.includes("?")) features.push(["punct:?", 1]);
  if (/\){2,}/.test(text)) features.push(["punct:)))", 1]);
  if (/\({2,}/.test(text)) features.push(["punct:(((", 1]);
  if (isShouting(text)) features.push(["caps", 1]);
  if (/(\p{L})\1{2,}/u.test(text)) features.push(["elongated", 1]);
  const length = tokens.length;
  features.push([length <= 3 ? "length:short" : length <= 12 ? "length:medium" : "length:long", 1]);
  return features;
}

function lexiconBin(sum: number): string {
  if (sum <= -3) return "very-negative";
  if (sum <= -1) return "negative";
  if (sum < 0) return "slightly-negative";
  if (sum === 0) return "none";
  if (sum < 1) return "slightly-positive";
  if (sum < 3) return "positive";
  return "very-positive";
}

function isShouting(text: string): boolean {
  let upper = 0;
  let lower = 0;
  const sample = text.length > 300 ? text.slice(0, 300) : text;
  for (const ch of sample) {
    if (ch !== ch.toLowerCase()) upper++;
    else if (ch !== ch.toUpperCase()) lower++;
  }
  return upper >= 8 && upper > 3 * lower;
}
