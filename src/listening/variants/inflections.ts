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
import { commonWordsStartingWith } from "./commonWords.ts";
import { allowedSuffixes, internSuffixes, mergeSuffixes } from "./inflectionEndings.ts";
import { scriptsOf } from "./script.ts";
import { LANGUAGE_SCRIPT, stemWord } from "./stemmers.ts";

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
 * "Nordmartu"). Only the language's inflectional endings may follow a stem (inflectionEndings.ts); when two
 * languages give the same stem, either language's endings may.
 */
export function inflections(
  term: string,
  languages: readonly ListeningLanguage[],
  nameIsWord?: boolean,
): Variant[] {
  const tokens = tokenize(term);
  const last = tokens.at(-1);
  if (last?.kind !== "word" || !/\p{L}/u.test(last.text)) return [];
  const head = tokens
    .slice(0, -1)
    .map((t) => t.text)
    .join(" ");
  // The last word as written, from its offsets in the term; an inner apostrophe is dropped as tokenize does.
  const written = term.slice(last.start, last.end).replace(/['’]/gu, "");
  const byStem = new Map<string, Partial<Record<ListeningLanguage, readonly string[]>>>();
  const addStem = (stem: string, language: ListeningLanguage, suffixes: readonly string[]) => {
    const perLanguage = byStem.get(stem) ?? {};
    const known = perLanguage[language];
    perLanguage[language] = known ? mergeSuffixes(known, suffixes) : suffixes;
    byStem.set(stem, perLanguage);
  };
  for (const language of languages) {
    if (!scriptsOf(written).has(LANGUAGE_SCRIPT[language])) continue;
    const stem = shortWordStem(last.text, normalizeTerm(stemWord(written, language)), language);
    if (stem.length < MIN_STEM_LENGTH || stem.includes(" ")) continue;
    // What the stemmer took off the term itself goes back in, so the term matches its own stem.
    const removed = last.text.startsWith(stem) ? last.text.slice(stem.length) : "";
    addStem(stem, language, allowedSuffixes(language, removed, stem.length));
    if (language === "pl")
      for (const alternated of polishAlternations(stem))
        addStem(alternated, language, allowedSuffixes(language, "", alternated.length));
  }
  // A name spelt in the other alphabet must not find that alphabet's everyday words through its stem:
  // "Maxima" is "Максима", and "Максима", "Максиме" are a man's name. Only asked for transliterations
  // (`nameIsWord` given): the term's own forms in its own alphabet are the language's, whatever the list says.
  const keepWords = nameIsWord ?? true;
  for (const [stem, byLanguage] of byStem)
    for (const [language, list] of Object.entries(byLanguage) as [ListeningLanguage, readonly string[]][]) {
      let kept = stem !== last.text ? withoutBareStem(list) : list;
      if (!keepWords) kept = withoutWords(stem, kept, last.text);
      byLanguage[language] = kept;
    }
  return [...byStem].map(([stem, byLanguage]) => stemVariant(head ? `${head} ${stem}` : stem, byLanguage));
}

/** A stem variant allowing each language's suffixes (their union, for texts of other languages). */
export function stemVariant(
  text: string,
  byLanguage: Partial<Record<ListeningLanguage, readonly string[]>>,
  kind: Variant["kind"] = "inflection",
): Variant {
  const suffixes = Object.values(byLanguage).reduce<readonly string[]>(
    (all, list) => (all.length === 0 ? list : mergeSuffixes(all, list)),
    [],
  );
  return {
    text,
    kind,
    prefix: { maxSuffix: Math.max(0, ...suffixes.map((s) => s.length)), suffixes, byLanguage },
  };
}

/**
 * A stem cut shorter than the term needs an ending, as the term's own forms have: bare, it is often a word
 * of its own ("Maxima" → "maxim", "Volta" → "volt"). The price is a rare form with no ending (Polish
 * genitive plural "dostaw").
 */
function withoutBareStem(suffixes: readonly string[]): readonly string[] {
  return suffixes[0] === "" ? internSuffixes(suffixes.slice(1)) : suffixes;
}

/** The suffixes that do not make the stem a common word, the term's own word aside. */
function withoutWords(stem: string, suffixes: readonly string[], own: string): readonly string[] {
  const words = commonWordsStartingWith(stem).filter((word) => word !== own);
  if (words.length === 0) return suffixes;
  const taken = new Set(words.map((word) => word.slice(stem.length)));
  const kept = suffixes.filter((suffix) => !taken.has(suffix));
  return kept.length === suffixes.length ? suffixes : internSuffixes(kept);
}

/** Words this short are kept whole by their stem, except a Russian noun's -а/-я ("бэха" → "бэху"). */
const SHORT_WORD = 4;
/** A stem cut shorter than this is a syllable, not a name: "Орлен" → "орл" would find "орлы" (eagles). */
const SHORT_STEM = 4;

/**
 * A stemmer cuts short words to 2–3 letters ("Rimi" → "rim", "Орлен" → "орл"), and such a stem with any
 * ending lands on other words ("rīmes", "Rima", "орлы"). Such a word declines from its whole self ("Ozon" →
 * "Ozonu", "Мир" → "мира", "Орлена"); only a Russian word in -а/-я, which declines through every case, keeps
 * its cut stem.
 */
function shortWordStem(word: string, stem: string, language: ListeningLanguage): string {
  if ((word.length > SHORT_WORD && stem.length >= SHORT_STEM) || stem === word) return stem;
  const removed = word.startsWith(stem) ? word.slice(stem.length) : null;
  return language === "ru" && (removed === "а" || removed === "я") ? stem : word;
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
