/**
 * Finds a team's escalation keywords ("суд", "UOKiK", "rzecznik praw konsumenta") in a customer's message,
 * in any case, with or without diacritics, in the inflected forms keywordForms.ts allows, word by word so
 * "посуда" never contains "суд".
 *
 * Diacritics are folded (people type "sadu" for "sądu" on a phone) except where folding would create the
 * match: a word the customer did write with diacritics must match them ("tiešām", "really", is not "tiesām",
 * a form of "tiesa"), and a keyword with diacritics matches folded text only when the text is known to be in
 * the keyword's language ("sąd" must not find the English "sad").
 */
import { LISTENING_LANGUAGES, type ListeningLanguage } from "../../listening/listeningTypes.ts";
import { normalizeTerm, type Token, tokenize } from "../../listening/normalize.ts";
import { wordForms } from "./keywordForms.ts";

export interface KeywordHit {
  /** The keyword as the team wrote it. */
  keyword: string;
  /** Where the first occurrence is in the text, [start, end). */
  start: number;
  end: number;
}

interface FormSet {
  folded: ReadonlySet<string>;
  written: ReadonlySet<string>;
}

interface CompiledKeyword {
  keyword: string;
  /** The languages the keyword can be in, judged by its letters. */
  languages: readonly ListeningLanguage[];
  hasDiacritics: boolean;
  /** Per word of the keyword, its forms in each of `languages`. */
  words: readonly ReadonlyMap<ListeningLanguage, FormSet>[];
}

interface TextWord {
  folded: string;
  written: string;
  hasDiacritics: boolean;
  start: number;
  end: number;
}

/** Letters only Polish or only Latvian uses among Parley's languages. */
const POLISH_LETTERS = /[ąćęłńóśźż]/u;
const LATVIAN_LETTERS = /[āčēģīķļņšūž]/u;
/** Any Latin letter beyond ASCII, after lower-casing. */
const LATIN_DIACRITIC = /[\u00c0-\u024f\u1e00-\u1eff]/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const NOT_WORD_CHARACTER = /[^\p{L}\p{M}\p{N}]/gu;

/** Teams keep a few dozen keywords; the bound only guards a worker against a stream of ever-new lists. */
const CACHE_LIMIT = 2_000;
const compiled = new Map<string, CompiledKeyword | null>();

/**
 * The keywords found in `text`, each once (its first occurrence), in the order of `keywords`. `language` is
 * the text's detected language when known.
 */
export function findKeywords(
  text: string,
  keywords: readonly string[],
  language?: ListeningLanguage,
): KeywordHit[] {
  const words = textWords(text);
  const hits: KeywordHit[] = [];
  const seen = new Set<string>();
  for (const keyword of keywords) {
    if (seen.has(keyword)) continue;
    seen.add(keyword);
    const compiledKeyword = compile(keyword);
    if (!compiledKeyword) continue;
    const hit = findOne(compiledKeyword, words, language);
    if (hit) hits.push(hit);
  }
  return hits;
}

function findOne(
  keyword: CompiledKeyword,
  words: readonly TextWord[],
  language: ListeningLanguage | undefined,
): KeywordHit | null {
  const confirmed = language !== undefined && keyword.languages.includes(language);
  const languages = confirmed ? [language] : keyword.languages;
  const diacriticsRequired = keyword.hasDiacritics && !confirmed;
  const length = keyword.words.length;
  for (let i = 0; i + length <= words.length; i++) {
    let all = true;
    for (let j = 0; j < length && all; j++)
      all = wordMatches(words[i + j]!, keyword.words[j]!, languages, diacriticsRequired);
    if (all) return { keyword: keyword.keyword, start: words[i]!.start, end: words[i + length - 1]!.end };
  }
  return null;
}

function wordMatches(
  word: TextWord,
  forms: ReadonlyMap<ListeningLanguage, FormSet>,
  languages: readonly ListeningLanguage[],
  diacriticsRequired: boolean,
): boolean {
  const asWritten = diacriticsRequired || word.hasDiacritics;
  for (const language of languages) {
    const set = forms.get(language);
    if (set && (asWritten ? set.written.has(word.written) : set.folded.has(word.folded))) return true;
  }
  return false;
}

function textWords(text: string): TextWord[] {
  // Handles name accounts (@sudmedexpert), not what the customer says.
  return tokenize(text)
    .filter((token) => token.kind !== "handle")
    .map((token) => {
      const written = writtenForm(text, token);
      return {
        folded: token.text,
        written,
        hasDiacritics: LATIN_DIACRITIC.test(written),
        start: token.start,
        end: token.end,
      };
    });
}

/** The token as typed, lower case, without its # or an inner apostrophe ("attorney's" → "attorneys"). */
function writtenForm(text: string, token: Token): string {
  return text.slice(token.start, token.end).normalize("NFC").toLowerCase().replace(NOT_WORD_CHARACTER, "");
}

function compile(keyword: string): CompiledKeyword | null {
  const cached = compiled.get(keyword);
  if (cached !== undefined) return cached;
  const result = compileUncached(keyword);
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(keyword, result);
  return result;
}

function compileUncached(keyword: string): CompiledKeyword | null {
  const tokens = tokenize(keyword);
  if (tokens.length === 0) return null;
  const lower = keyword.normalize("NFC").toLowerCase();
  const languages = languagesOf(lower);
  const words = tokens.map((token) => {
    const written = writtenForm(keyword, token);
    const byLanguage = new Map<ListeningLanguage, FormSet>();
    for (const language of languages) {
      const forms = wordForms(written, language);
      byLanguage.set(language, {
        written: new Set(forms),
        folded: new Set(forms.map((form) => normalizeTerm(form))),
      });
    }
    return byLanguage;
  });
  return { keyword, languages, hasDiacritics: LATIN_DIACRITIC.test(lower), words };
}

/** Cyrillic is Russian; Latin is Polish or Latvian when a letter says so, else Polish, Latvian or English. */
function languagesOf(lower: string): ListeningLanguage[] {
  const languages: ListeningLanguage[] = [];
  if (CYRILLIC.test(lower)) languages.push("ru");
  if (LATIN.test(lower)) {
    const polish = POLISH_LETTERS.test(lower);
    const latvian = LATVIAN_LETTERS.test(lower);
    if (polish) languages.push("pl");
    if (latvian) languages.push("lv");
    if (!polish && !latvian) languages.push("pl", "lv", "en");
  }
  return languages.length > 0 ? languages : [...LISTENING_LANGUAGES];
}
