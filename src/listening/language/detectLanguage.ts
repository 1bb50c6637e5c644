import { eld } from "eld/small";
import { LISTENING_LANGUAGES, type ListeningLanguage } from "../listeningTypes.ts";
import { type Token, tokenize } from "../normalize.ts";
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
const SAMPLE_CHARS = 600;

const LETTER = /\p{L}/u;

/** The script of one character by code point range: this runs for every letter of every post. */
function scriptOf(code: number): "cyrillic" | "latin" | "other" | null {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return "latin";
  if (code < 0xc0) return null;
  if (code >= 0x400 && code <= 0x52f) return "cyrillic";
  if ((code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x1e00 && code <= 0x1eff))
    return "latin";
  return LETTER.test(String.fromCharCode(code)) ? "other" : null;
}

/** How much one cue counts in the Latin-script vote; tuned on the simulator's phrasebooks, not on eval/. */
const WEIGHTS = { ownLetter: 1.5, ownLettersCap: 4.5, functionWord: 1, eld: 2, foreignLetter: 1.5 };

const OUR_LATIN_LANGUAGES = ["pl", "lv", "en"] as const;
/** Cue scores that decide without the n-gram model: a clear leader, well ahead of the next language. */
const DECISIVE_CUES = 3;
const DECISIVE_MARGIN = 2;

/**
 * Which of Parley's languages a short social text is in. Script decides first: Cyrillic is Russian unless it
 * has letters Russian lacks (Ukrainian і, Belarusian ў...), because a listening team for ru/pl/lv/en reads a
 * Cyrillic post as Russian. Latin script is a vote between letters only Polish or Latvian use, frequent
 * words of each language (Russian typed in Latin letters included: "gde moj zakaz") and the character
 * n-grams of ELD, a small offline detector; texts in other languages come out "other". Never throws.
 */
export function detectLanguage(text: string, tokens?: readonly Token[]): DetectedLanguage {
  try {
    const sample = typeof text === "string" ? text.slice(0, SAMPLE_CHARS) : "";
    // Tokens the caller already has (the matcher's) are reused; those past the sample are left out.
    const sampled = tokens ? tokens.filter((t) => t.end <= sample.length) : tokenize(sample);
    return detect(sample, sampled);
  } catch {
    return { language: "other", confidence: 0 };
  }
}

function detect(sample: string, tokens: readonly Token[]): DetectedLanguage {
  // Hashtags and handles are names (#nordmart, @techno_dom), not the language the post is written in.
  const words = tokens.filter((t) => t.kind === "word" && !/^\d+$/.test(t.text));
  const originals = words.map((t) => sample.slice(t.start, t.end));
  let cyrillic = 0;
  let latin = 0;
  let otherScript = 0;
  for (const word of originals) {
    for (let i = 0; i < word.length; i++) {
      const script = scriptOf(word.charCodeAt(i));
      if (script === "cyrillic") cyrillic++;
      else if (script === "latin") latin++;
      else if (script === "other") otherScript++;
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
  // The letter and word cues settle most posts; the n-gram model (about 0.1 ms a post) is asked only when they
  // leave the race open, which keeps detection off the critical path of a firehose.
  const cueRanked = Object.values(scores).sort((a, b) => b - a);
  if (
    scores.other === 0 &&
    cueRanked[0]! >= DECISIVE_CUES &&
    cueRanked[0]! - cueRanked[1]! >= DECISIVE_MARGIN
  )
    return rank(scores, lengthFactor);
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

  return rank(scores, lengthFactor);
}

function rank(scores: Record<ListeningLanguage | "other", number>, lengthFactor: number): DetectedLanguage {
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
