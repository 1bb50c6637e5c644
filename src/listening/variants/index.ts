/**
 * The variant generator: every normalized form a query term is searched in, so a topic about "М.Видео"
 * also catches "мвидео", "mvideo", "м видео" declined, "vdbltj" typed in the wrong layout and "мвидеа".
 * The team sees the list grouped by kind (describeVariants) and removes what causes false hits.
 */
import type { ListeningLanguage, Variant, VariantKind } from "../listeningTypes.ts";
import { normalizeTerm } from "../normalize.ts";
import { isCommonWord } from "./commonWords.ts";
import { joinedSpelling, splitSpellings } from "./compoundNames.ts";
import { diminutives } from "./diminutives.ts";
import { mergeSuffixes } from "./inflectionEndings.ts";
import { inflections, languagesFor } from "./inflections.ts";
import { layoutSlip } from "./keyboardLayout.ts";
import { MAX_MISSPELLINGS, MIN_MISSPELLED_LENGTH, misspellings } from "./misspellings.ts";
import { spokenSpellings } from "./spokenAbbreviations.ts";
import { MAX_TRANSLITERATIONS, transliterations } from "./transliteration.ts";

export { editDistance } from "./editDistance.ts";

export interface VariantOptions {
  /** Stem only for this language; "all" (the default) stems for every language whose alphabet fits. */
  language?: ListeningLanguage | "all";
  /** The term as written and nothing else (the query's "=word"). */
  exact?: boolean;
  /** Typo variants; on unless false. */
  misspellings?: boolean;
}

/** Collects variants in order, keeping the first of equal texts; prefixes of one stem keep the larger allowance. */
class VariantList {
  readonly variants: Variant[] = [];
  readonly #exact = new Set<string>();
  readonly #prefixes = new Map<string, Variant>();

  add(variant: Variant): void {
    if (!variant.text) return;
    if (variant.prefix) {
      const known = this.#prefixes.get(variant.text);
      if (known?.prefix) {
        known.prefix = mergePrefixes(known.prefix, variant.prefix);
        return;
      }
      this.#prefixes.set(variant.text, variant);
    } else {
      if (this.#exact.has(variant.text)) return;
      this.#exact.add(variant.text);
    }
    this.variants.push(variant);
  }

  addTexts(texts: Iterable<string>, kind: VariantKind): void {
    for (const text of texts) this.add({ text, kind });
  }
}

type Prefix = NonNullable<Variant["prefix"]>;

/** Two allowances for one stem: the larger bound, and either's suffixes (none listed means any). */
function mergePrefixes(a: Prefix, b: Prefix): Prefix {
  const maxSuffix = Math.max(a.maxSuffix, b.maxSuffix);
  if (!a.suffixes || !b.suffixes) return { maxSuffix };
  const byLanguage = { ...a.byLanguage };
  for (const [language, list] of Object.entries(b.byLanguage ?? {}) as [ListeningLanguage, string[]][]) {
    const known = byLanguage[language];
    byLanguage[language] = known ? mergeSuffixes(known, list) : list;
  }
  return { maxSuffix, suffixes: mergeSuffixes(a.suffixes, b.suffixes), byLanguage };
}

/**
 * "М.Видео", "Coca-Cola": customers often write such names run together ("мвидео", "cocacola"), and the
 * matcher sees "м видео" as two tokens, so the run-together spelling is a variant of its own. The variant
 * kinds are fixed (listeningTypes.ts); it is listed as a misspelling, and kept even when misspellings are off.
 */
function runTogether(term: string): string | null {
  const joined = term.replace(/(?<=[\p{L}\p{N}])[.\-'’_·]+(?=[\p{L}\p{N}])/gu, "");
  return joined !== term && normalizeTerm(joined) !== normalizeTerm(term) ? joined : null;
}

/** Misspellings of each word of 6+ letters, the phrase kept around it; the word budget is shared. */
function phraseMisspellings(normalized: string): string[] {
  const words = normalized.split(" ");
  const eligible = words.filter((w) => w.length >= MIN_MISSPELLED_LENGTH).length;
  if (eligible === 0) return [];
  const perWord = Math.max(10, Math.floor(MAX_MISSPELLINGS / eligible));
  return words.flatMap((word, i) =>
    misspellings(word, perWord).map((typo) => [...words.slice(0, i), typo, ...words.slice(i + 1)].join(" ")),
  );
}

/**
 * The normalized variants of one query term, original first, then inflections, the run-together spelling,
 * transliterations, layout slips, the spelling apart, an abbreviation's spoken letters, Russian pet names
 * and misspellings; de-duplicated, in a stable order. Empty when the term
 * has no letters or digits.
 */
export function generateVariants(term: string, options: VariantOptions = {}): Variant[] {
  const original = normalizeTerm(term);
  if (!original) return [];
  const list = new VariantList();
  list.add({ text: original, kind: "original" });
  if (options.exact) return list.variants;

  const joined = runTogether(term) ?? joinedSpelling(term);
  const spellings = joined ? [term, joined] : [term];
  const language = options.language ?? "all";
  const languages = languagesFor(term, language);
  for (const spelling of spellings) for (const variant of inflections(spelling, languages)) list.add(variant);
  if (joined) list.add({ text: normalizeTerm(joined), kind: "misspelling" });
  const transliterated = spellings.flatMap(transliterations).slice(0, MAX_TRANSLITERATIONS);
  list.addTexts(transliterated, "transliteration");
  // A name written in the other alphabet declines there too ("Nordmart" → "Нордмарта", "нордмартом"); the
  // first spellings of each script get that script's stems, kept as transliterations to say why they exist.
  const nameIsWord = isCommonWord(original);
  for (const spelling of transliterated.slice(0, 2))
    for (const variant of inflections(spelling, languagesFor(spelling, language), nameIsWord))
      list.add({ ...variant, kind: "transliteration" });
  list.addTexts(
    spellings.map(layoutSlip).filter((slip): slip is string => slip !== null),
    "layout",
  );
  // Written apart ("Mega Market", "mega-market"), declined on its last part ("w Mega Markecie").
  for (const split of splitSpellings(term)) {
    list.add({ text: split, kind: "split" });
    for (const variant of inflections(split, languagesFor(split, language)))
      list.add({ ...variant, kind: "split" });
  }
  list.addTexts(spokenSpellings(term), "spoken");
  const cyrillic = [original, ...transliterated].find((s) => /^\p{Script=Cyrillic}+$/u.test(s));
  if (cyrillic) for (const variant of diminutives(cyrillic)) list.add(variant);
  if (options.misspellings !== false) list.addTexts(phraseMisspellings(original), "misspelling");
  return list.variants;
}

export interface VariantGroup {
  kind: VariantKind;
  variants: Variant[];
}

const KIND_ORDER: readonly VariantKind[] = [
  "original",
  "inflection",
  "transliteration",
  "layout",
  "split",
  "spoken",
  "diminutive",
  "misspelling",
  "nickname",
];

/** The variants grouped by kind for the topic editor, in a fixed order, empty groups left out. */
export function describeVariants(term: string, options: VariantOptions = {}): VariantGroup[] {
  const variants = generateVariants(term, options);
  return KIND_ORDER.map((kind) => ({ kind, variants: variants.filter((v) => v.kind === kind) })).filter(
    (group) => group.variants.length > 0,
  );
}
