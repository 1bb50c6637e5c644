import { eld } from "eld/small";
import { LISTENING_LANGUAGES, type ListeningLanguage } from "../listeningTypes.ts";
import { tokenize } from "../normalize.ts";
import {
  FOREIGN_CYRILLIC_LETTERS,
  FOREIGN_LATIN_LETTERS,
  FUNCTION_WORDS,
  LATIN_LETTERS,
} from "./languageCues.ts";

export interface DetectedLanguage {
  language: ListeningLanguage | "other";
  /** 0 (a guess: too little text) to 1 (sure). */
  confidence: number;
}

/** Enough text to tell four languages apart; a 100 KB post is judged by its start. */
const SAMPLE_CHARS = 2_000;

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

/** How much one cue counts in the Latin-script vote; tuned on the simulator's phrasebooks, not on eval/. */
const WEIGHTS = { ownLetter: 1.5, ownLettersCap: 4.5, functionWord: 1, eld: 2, foreignLetter: 1.5 };

const OUR_LATIN_LANGUAGES = ["pl", "lv", "en"] as const;

/**
 * Which of Parley's languages a short social text is in. Script decides first: Cyrillic is Russian unless it
 * has letters Russian lacks (Ukrainian і, Belarusian ў...), because a listening team for ru/pl/lv/en reads a
 * Cyrillic post as Russian. Latin script is a vote between letters only Polish or Latvian use, frequent
 * words of each language (Russian typed in Latin letters included: "gde moj zakaz") and the character
 * n-grams of ELD, a small offline detector; texts in other languages come out "other". Never throws.
 */
export function detectLanguage(text: string): DetectedLanguage {
  try {
    return detect(typeof text === "string" ? text.slice(0, SAMPLE_CHARS) : "");
  } catch {
    return { language: "other", confidence: 0 };
  }
}

function detect(sample: string): DetectedLanguage {
  // Hashtags and handles are names (#nordmart, @techno_dom), not the language the post is written in.
  const words = tokenize(sample).filter((t) => t.kind === "word" && !/^\d+$/.test(t.text));
  const originals = words.map((t) => sample.slice(t.start, t.end));
  let cyrillic = 0;
  let latin = 0;
  let otherScript = 0;
  for (const word of originals) {
    for (const ch of word) {
      if (CYRILLIC.test(ch)) cyrillic++;
      else if (LATIN.test(ch)) latin++;
      else if (LETTER.test(ch)) otherScript++;
    }
  }
  const letters = cyrillic + latin + otherScript;
  if (letters === 0) return { language: "other", confidence: 0 };
  const lengthFactor = Math.min(1, 0.4 + letters / 40);

  if (otherScript > cyrillic + latin) return { language: "other", confidence: round(lengthFactor) };
  // Russian posts carry Latin brand names ("заказ в Nordmart"), so a third of Cyrillic letters is enough.
  if (cyrillic > 0 && cyrillic >= 0.3 * letters) {
    const joined = originals.join(" ");
    const foreign = count(joined, FOREIGN_CYRILLIC_LETTERS);
    return { language: foreign > 0 ? "other" : "ru", confidence: round(lengthFactor) };
  }
  return voteLatin(
    originals,
    words.map((t) => t.text),
    lengthFactor,
  );
}

function voteLatin(originals: string[], folded: string[], lengthFactor: number): DetectedLanguage {
  const joined = originals.join(" ");
  const scores: Record<ListeningLanguage | "other", number> = { ru: 0, pl: 0, lv: 0, en: 0, other: 0 };
  scores.pl += Math.min(WEIGHTS.ownLettersCap, WEIGHTS.ownLetter * count(joined, LATIN_LETTERS.pl));
  scores.lv += Math.min(WEIGHTS.ownLettersCap, WEIGHTS.ownLetter * count(joined, LATIN_LETTERS.lv));
  scores.other += WEIGHTS.foreignLetter * count(joined, FOREIGN_LATIN_LETTERS);
  for (const word of folded) {
    for (const language of LISTENING_LANGUAGES) {
      if (FUNCTION_WORDS[language].has(word)) scores[language] += WEIGHTS.functionWord;
    }
  }
  const ngram = eld.detect(joined).getScores();
  let foreignBest = 0;
  for (const [code, score] of Object.entries(ngram)) {
    if ((OUR_LATIN_LANGUAGES as readonly string[]).includes(code)) {
      scores[code as ListeningLanguage] += WEIGHTS.eld * score;
    } else foreignBest = Math.max(foreignBest, score);
  }
  const ourBest = Math.max(...OUR_LATIN_LANGUAGES.map((l) => ngram[l] ?? 0));
  // ELD knows no Russian-in-Latin; its foreign guess only counts when it beats all of ours outright.
  if (foreignBest > ourBest) scores.other += WEIGHTS.eld * foreignBest;

  const ranked = (Object.entries(scores) as [ListeningLanguage | "other", number][]).sort(
    (a, b) => b[1] - a[1],
  );
  const [best, second] = ranked as [
    [ListeningLanguage | "other", number],
    [ListeningLanguage | "other", number],
  ];
  if (best[1] <= 0) return { language: "other", confidence: 0 };
  const margin = (best[1] - second[1]) / (best[1] + 0.5);
  return { language: best[0], confidence: round((0.4 + 0.6 * margin) * lengthFactor) };
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}
