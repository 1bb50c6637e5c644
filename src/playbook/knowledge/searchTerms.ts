/**
 * The terms a knowledge-base text is indexed and searched by: content words stemmed in the text's language
 * and then normalized (lower case, diacritics folded), so "посылку" and "посылка" both give "посылк",
 * "zwrotu" and "zwrot" give "zwrot", "piegādi" and "piegāde" give "piegad". The stemmer sees the word as
 * written, because Polish "-ą" or Latvian "-ās" are only endings before folding (stemmers.ts).
 */

import { LISTENING_LANGUAGES, type ListeningLanguage } from "../../listening/listeningTypes.ts";
import { tokenize } from "../../listening/normalize.ts";
import { scriptsOf } from "../../listening/variants/script.ts";
import { LANGUAGE_SCRIPT } from "../../listening/variants/stemmers.ts";
import { foldedStem, writtenForm } from "../../listening/variants/writtenStem.ts";
import { isSearchStopword } from "./searchStopwords.ts";

/** Canned reply bodies carry {{customer_name}}; its words would make every reply match "name". */
const TEMPLATE_VARIABLE = /\{\{[^{}]*\}\}/gu;

/** "ru-RU", "PL" and "lv" all mean the same stemmer; anything else is searched without stemming. */
export function searchLanguageOf(language: string | null | undefined): ListeningLanguage | null {
  if (typeof language !== "string") return null;
  const base = language.trim().toLowerCase().split(/[-_]/u)[0] ?? "";
  return (LISTENING_LANGUAGES as readonly string[]).includes(base) ? (base as ListeningLanguage) : null;
}

/**
 * The content terms of `text` in order, repeats kept (they are term frequencies). Stopwords, numbers (order
 * numbers say nothing about the topic) and one-letter words are dropped; handles are names, kept whole.
 */
export function searchTermsOf(text: string, language: ListeningLanguage | null): string[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const source = text.includes("{{") ? text.replace(TEMPLATE_VARIABLE, (m) => " ".repeat(m.length)) : text;
  const terms: string[] = [];
  for (const token of tokenize(source)) {
    if (token.text.length < 2 || /^\d+$/u.test(token.text) || isSearchStopword(token.text)) continue;
    terms.push(
      token.kind === "handle" ? token.text : stemOf(writtenForm(source, token), token.text, language),
    );
  }
  return terms;
}

/**
 * Stricter than the triage features' stemming (textFeatures.ts), on purpose: a word in another script keeps
 * its own form, Polish nasal endings are swapped first, and a one-letter stem is no stem. Sharing one rule
 * would change what search finds or what the triage model learns.
 */
function stemOf(word: string, normalized: string, language: ListeningLanguage | null): string {
  if (language === null) return normalized;
  // A Latin brand name in a Russian text is not Russian; its own form matches better than a wrong stem.
  if (!scriptsOf(word).has(LANGUAGE_SCRIPT[language])) return normalized;
  const stem = foldedStem(language === "pl" ? withoutNasalEnding(word) : word, language);
  return stem.length >= 2 && !stem.includes(" ") ? stem : normalized;
}

/**
 * nlp.js's Polish stemmer leaves the accusative "-ę" and instrumental "-ą" on ("dostawę", "kartą"), so
 * those forms never met "dostawa"/"karta"; the ending is swapped for the nominative "-a" the stemmer does
 * strip (they are feminine endings). Short words keep theirs ("się", "są" are stopwords anyway).
 */
export function withoutNasalEnding(word: string): string {
  const lower = word.toLowerCase();
  return lower.length > 4 && /[ęą]$/u.test(lower) ? `${lower.slice(0, -1)}a` : lower;
}
