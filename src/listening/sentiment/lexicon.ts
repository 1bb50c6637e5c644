import { normalizeTerm } from "../normalize.ts";

/**
 * A weight from -4 (furious) to 4 (delighted), or a pair [weight, weight when negated] for words whose
 * negation is stronger than a flip: "nie polecam" is a warning, not a mild "not recommended".
 */
export type LexiconWeight = number | readonly [number, number];

/**
 * One language's sentiment vocabulary as written by hand. Entries are plain words or phrases as people
 * write them (with diacritics); a trailing "*" makes an entry a stem that matches any ending, which is how
 * inflected languages are covered ("доставк*", "zepsut*", "bojāt*").
 */
export interface LexiconSource {
  words: Readonly<Record<string, LexiconWeight>>;
  /**
   * What a customer expects a shop to do (arrive, work, answer, refund): no sentiment alone, negative when
   * negated ("не пришёл", "nie działa", "nestrādā", "no refund").
   */
  expected: readonly string[];
  /** Words that negate the next few words ("не", "nie", "nav", "not"). */
  negators: readonly string[];
  /** A prefix that negates a word written as one ("нерабочий", "niezadowolony", "nestrādā"). */
  negationPrefix?: string;
  intensifiers: readonly string[];
  diminishers: readonly string[];
  /** "but": what follows it counts more than what came before ("долго, но вежливо"). */
  contrast: readonly string[];
}

export interface LexiconEntry {
  weight: number;
  negated: number | undefined;
  expected: boolean;
  /**
   * The word as written, when folding collapsed a double letter ("ass" folds to "as", "good" to "god"): the
   * entry then only counts for a token written that way, so "as" is not scored as "ass".
   */
  spelled?: string;
}

/** A lexicon folded the way `tokenize` folds text, ready for lookups on the hot path. */
export interface CompiledLexicon {
  exact: Map<string, LexiconEntry>;
  stems: Map<string, LexiconEntry>;
  /** Phrases by their first token. */
  phrases: Map<string, { tokens: string[]; stem: boolean; entry: LexiconEntry }[]>;
  minStem: number;
  maxStem: number;
  negators: Set<string>;
  negationPrefix: string | undefined;
  intensifiers: Set<string>;
  diminishers: Set<string>;
  contrast: Set<string>;
}

/** How much the matched ending of a stem may add: "доставк*" matches "доставкой", not a compound. */
export const MAX_STEM_SUFFIX = 7;
/** Weight of an expected action when negated ("не приехал"). */
export const NEGATED_EXPECTATION = -2;

export function compileLexicon(source: LexiconSource): CompiledLexicon {
  const lexicon: CompiledLexicon = {
    exact: new Map(),
    stems: new Map(),
    phrases: new Map(),
    minStem: Number.POSITIVE_INFINITY,
    maxStem: 0,
    negators: foldAll(source.negators),
    negationPrefix: source.negationPrefix ? normalizeTerm(source.negationPrefix) : undefined,
    intensifiers: foldAll(source.intensifiers),
    diminishers: foldAll(source.diminishers),
    contrast: foldAll(source.contrast),
  };
  for (const [term, weight] of Object.entries(source.words)) {
    const [value, negated] = typeof weight === "number" ? [weight, undefined] : weight;
    add(lexicon, term, { weight: value, negated, expected: false });
  }
  for (const term of source.expected)
    add(lexicon, term, { weight: 0, negated: NEGATED_EXPECTATION, expected: true });
  return lexicon;
}

function add(lexicon: CompiledLexicon, term: string, entry: LexiconEntry): void {
  const stem = term.endsWith("*");
  const folded = normalizeTerm(stem ? term.slice(0, -1) : term);
  if (!folded) return;
  const tokens = folded.split(" ");
  if (tokens.length > 1) {
    const list = lexicon.phrases.get(tokens[0]!) ?? [];
    list.push({ tokens, stem, entry });
    // Longer phrases are tried first.
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    lexicon.phrases.set(tokens[0]!, list);
    return;
  }
  const map = stem ? lexicon.stems : lexicon.exact;
  if (!stem) {
    const written = spelledForm(term);
    if (written.length !== folded.length) entry.spelled = written;
  }
  const existing = map.get(folded);
  if (existing && entry.expected) {
    // An expected action can carry a weight of its own ("помогли" is thanks): keep it, add the negation.
    existing.expected = true;
    existing.negated ??= entry.negated;
    return;
  }
  // Two spellings can fold to one form ("good" and "god" both become "god"): the stronger one stays.
  if (existing && Math.abs(existing.weight) >= Math.abs(entry.weight)) return;
  map.set(folded, entry);
  if (stem) {
    lexicon.minStem = Math.min(lexicon.minStem, folded.length);
    lexicon.maxStem = Math.max(lexicon.maxStem, folded.length);
  }
}

function foldAll(words: readonly string[]): Set<string> {
  return new Set(words.map((word) => normalizeTerm(word)).filter((word) => word.length > 0));
}

/** The entry a single folded token matches: exactly, or by its longest stem. */
export function lookupToken(lexicon: CompiledLexicon, token: string): LexiconEntry | undefined {
  const exact = lexicon.exact.get(token);
  if (exact) return exact;
  const longest = Math.min(token.length, lexicon.maxStem);
  const shortest = Math.max(lexicon.minStem, token.length - MAX_STEM_SUFFIX);
  for (let length = longest; length >= shortest; length--) {
    const entry = lexicon.stems.get(token.slice(0, length));
    if (entry) return entry;
  }
  return undefined;
}

/** Lower case without diacritics, emphatic repeats (three or more) cut to two: how a word was spelled. */
export function spelledForm(word: string): string {
  return word
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/(\p{L})\1{2,}/gu, "$1$1");
}

/**
 * The entry a token matches, given the token as it stood in the text: an entry whose folding collapsed a
 * double letter needs the double letter written.
 */
export function lookupWritten(
  lexicon: CompiledLexicon,
  token: string,
  written: string,
): LexiconEntry | undefined {
  const entry = lookupToken(lexicon, token);
  if (entry?.spelled === undefined) return entry;
  return spelledForm(written) === entry.spelled ? entry : undefined;
}

/** Whether a token matches a phrase's token: exactly, or as a stem when it is the phrase's last token. */
export function phraseTokenMatches(pattern: string, token: string, stem: boolean): boolean {
  if (!stem) return pattern === token;
  return token.startsWith(pattern) && token.length - pattern.length <= MAX_STEM_SUFFIX;
}
