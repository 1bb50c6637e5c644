/**
 * Inflection variants: the term's stem as a prefix pattern, so "доставка" also finds "доставкой", "доставки".
 *
 * Only the last word of a phrase is stemmed. The matcher applies `prefix` to a phrase's last token alone
 * (Variant in listeningTypes.ts), and in the phrases teams write the head noun comes last ("bonus
 * programme", "программа лояльности" aside). Earlier words stay as written: "бонусная программа" finds
 * "бонусная программой" but not "бонусной программы". Covering that needs per-token prefixes in the matcher.
 *
 * The stemmer sees the word as written (case-folded, diacritics kept: Polish "-ą", Latvian "-ās" are only
 * endings before folding), and the stem is then normalized like everything the matcher compares.
 */
import { LISTENING_LANGUAGES, type ListeningLanguage, type Variant } from "../listeningTypes.ts";
import { normalizeTerm, tokenize } from "../normalize.ts";
import { scriptsOf } from "./script.ts";
import { LANGUAGE_SCRIPT, MAX_SUFFIX, stemWord } from "./stemmers.ts";

/** Shorter stems ("до", "pr") would match far too many words. */
export const MIN_STEM_LENGTH = 3;

/** Languages whose stemmer reads the term's alphabet, in LISTENING_LANGUAGES order. */
export function languagesFor(term: string, language: ListeningLanguage | "all"): ListeningLanguage[] {
  const candidates = language === "all" ? LISTENING_LANGUAGES : [language];
  const scripts = scriptsOf(term);
  return candidates.filter((lang) => scripts.has(LANGUAGE_SCRIPT[lang]));
}

/**
 * One prefix variant per distinct stem of the term's last word across `languages`. A word the stemmer
 * leaves whole (a brand: "нордмарт") still gets a prefix variant, since brands decline too ("нордмарта",
 * "Nordmartu"). When two languages give the same stem, the longer allowance wins.
 */
export function inflections(term: string, languages: readonly ListeningLanguage[]): Variant[] {
  const tokens = tokenize(term);
  const last = tokens.at(-1);
  if (last?.kind !== "word" || !/\p{L}/u.test(last.text)) return [];
  const head = tokens
    .slice(0, -1)
    .map((t) => t.text)
    .join(" ");
  // The last word as written, from its offsets in the term; an inner apostrophe is dropped as tokenize does.
  const written = term.slice(last.start, last.end).replace(/['’]/gu, "");
  const byStem = new Map<string, number>();
  for (const language of languages) {
    if (!scriptsOf(written).has(LANGUAGE_SCRIPT[language])) continue;
    const stem = normalizeTerm(stemWord(written, language));
    if (stem.length < MIN_STEM_LENGTH || stem.includes(" ")) continue;
    // The ending the stemmer removed from the term itself must fit, or the term would not match its own stem.
    const removed = Math.max(0, last.text.length - stem.length);
    const maxSuffix = Math.max(MAX_SUFFIX[language], removed);
    byStem.set(stem, Math.max(byStem.get(stem) ?? 0, maxSuffix));
    if (language === "pl")
      for (const alternated of polishAlternations(stem))
        byStem.set(alternated, Math.max(byStem.get(alternated) ?? 0, 4));
  }
  return [...byStem].map(([stem, maxSuffix]) => ({
    text: head ? `${head} ${stem}` : stem,
    kind: "inflection",
    prefix: { maxSuffix },
  }));
}

/**
 * Polish softens a stem's last consonant before -e/-i in the locative and dative ("Nordmart" → "w Nordmarcie",
 * "Elektromarkt" → "Elektromarkcie", "rower" → "rowerze", "ogród" → "ogrodzie"); the softened stem is a
 * variant of its own. Folded like all patterns: "ś" → "s", "ł" → "l".
 */
const POLISH_SOFTENING: readonly [RegExp, string][] = [
  [/st$/u, "sc"],
  [/t$/u, "c"],
  [/d$/u, "dz"],
  [/r$/u, "rz"],
  [/l$/u, "l"],
  [/g$/u, "dz"],
  [/k$/u, "c"],
  [/ch$/u, "s"],
];

export function polishAlternations(stem: string): string[] {
  for (const [ending, softened] of POLISH_SOFTENING)
    if (ending.test(stem)) {
      const alternated = stem.replace(ending, softened);
      return alternated !== stem && alternated.length >= MIN_STEM_LENGTH ? [alternated] : [];
    }
  return [];
}
