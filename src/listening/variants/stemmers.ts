/**
 * One stemmer per listening language, behind one function. Russian and English use the Snowball algorithms
 * (as compiled by nlp.js), Polish nlp.js's light suffix stripper, Latvian Kreslins' stemmer (latvianStemmer.ts).
 * Stemmers see the word as written, lower-cased, with its diacritics: endings such as Polish "-ą" or Latvian
 * "-ās" are only recognisable before folding.
 */
import { StemmerEn, StopwordsEn } from "@nlpjs/lang-en-min";
import { StemmerPl, StopwordsPl } from "@nlpjs/lang-pl";
import { StemmerRu, StopwordsRu } from "@nlpjs/lang-ru";
import type { ListeningLanguage } from "../listeningTypes.ts";
import { normalizeTerm } from "../normalize.ts";
import { stemLatvian } from "./latvianStemmer.ts";
import type { Script } from "./script.ts";

/** Which script each language's stemmer reads. */
export const LANGUAGE_SCRIPT: Record<ListeningLanguage, Script> = {
  ru: "cyrillic",
  pl: "latin",
  lv: "latin",
  en: "latin",
};

/**
 * How many characters a stem may be followed by, per language: the longest common inflectional endings
 * (normalized) are Russian "-ами/-ому" plus a letter the stemmer took ("-ой" after "к" → 4), Polish
 * "-ami/-ach/-ościami" (5), Latvian "-ajiem" (5), English "-ies/-ing/-ed" (3). Longer would let a brand's
 * stem swallow unrelated longer words.
 */
export const MAX_SUFFIX: Record<ListeningLanguage, number> = { ru: 4, pl: 5, lv: 5, en: 3 };

interface WordStemmer {
  stemWord(word: string): string;
  cache: Record<string, string>;
}

/** nlp.js stemmers memoize every word forever; we drop that cache now and then so a long-lived worker stays flat. */
const CACHE_RESET_EVERY = 5_000;

let stemmers: Record<Exclude<ListeningLanguage, "lv">, WordStemmer> | null = null;
let stemsSinceReset = 0;

function nlpjsStemmers(): Record<Exclude<ListeningLanguage, "lv">, WordStemmer> {
  stemmers ??= { ru: new StemmerRu(), pl: new StemmerPl(), en: new StemmerEn() };
  return stemmers;
}

/** Stems one word written in `language`; `word` may carry capitals and diacritics. */
export function stemWord(word: string, language: ListeningLanguage): string {
  let lower = word.toLowerCase();
  if (language === "lv") return stemLatvian(lower);
  // Snowball's Russian stemmer knows "е" but not "ё" (the letter is optional in Russian print).
  if (language === "ru") lower = lower.replaceAll("ё", "е");
  const all = nlpjsStemmers();
  if (++stemsSinceReset >= CACHE_RESET_EVERY) {
    for (const stemmer of Object.values(all)) stemmer.cache = {};
    stemsSinceReset = 0;
  }
  return all[language].stemWord(lower);
}

let stopwords: Set<string> | null = null;

/**
 * Normalized function words of Russian, Polish and English (nlp.js's lists; none exists for Latvian). A
 * misspelling that turns out to be one of these would match half of all texts, so such variants are dropped.
 */
export function isStopword(normalizedWord: string): boolean {
  if (!stopwords) {
    stopwords = new Set();
    for (const list of [new StopwordsRu(), new StopwordsPl(), new StopwordsEn()]) {
      for (const word of Object.keys(list.dictionary)) stopwords.add(normalizeTerm(word));
    }
  }
  return stopwords.has(normalizedWord);
}
