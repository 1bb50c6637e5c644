/**
 * Matching a text against compiled queries: tokenize once, map tokens to automaton symbols (memoized per
 * distinct token), run the automaton once, collect term-group hits, then evaluate only the queries that have a
 * hit on a term that is not negated.
 */
import { ScanResult, type TokenAutomaton, type TokenSymbols } from "./ahoCorasick.ts";
import type { ListeningLanguage, MatchHit, QueryMatch, TextToMatch, Variant } from "./listeningTypes.ts";
import { type Token, type TokenKind, tokenize } from "./normalize.ts";
import { type EvaluationContext, evaluatePlan, type GroupHit, type PlanNode } from "./queryEvaluator.ts";
import type { StemIndex } from "./stemIndex.ts";

/** Terms that match the same variants with the same token-kind requirement share hits. */
export interface TermGroup {
  /** A hashtag or handle term matches only tokens of that kind; words and phrases match any. */
  requiredKind: TokenKind | null;
  variants: Variant[];
  /**
   * The term's last word as written, lower-case, when it has Latin letters with diacritics ("żabka"): a text
   * word that carries other diacritics on the same letters ("ząbka", a tooth) is another word.
   */
  written?: string | undefined;
}

export interface QueryPlan {
  id: string;
  topicId: string;
  root: PlanNode;
  languages: ReadonlySet<string> | null;
  sources: ReadonlySet<string> | null;
}

export interface CompiledQueries {
  automaton: TokenAutomaton;
  vocabulary: Map<string, number>;
  stemIndex: StemIndex;
  stemCount: number;
  distinctPatterns: number;
  /** Per automaton output: its term group and the variant's index in that group. */
  outputGroup: Int32Array;
  outputVariant: Int32Array;
  groups: TermGroup[];
  /** Queries a group is an anchor of (evaluated when it is found): groupQueries[groupQueryStart[g] .. groupQueryStart[g+1]). */
  groupQueryStart: Int32Array;
  groupQueries: Int32Array;
  plans: QueryPlan[];
}

const UNKNOWN: TokenSymbols = { exact: -1, stems: null };
/** Distinct tokens remembered between texts; cleared when full (the vocabulary of a stream is Zipfian). */
const MEMO_LIMIT = 200_000;
/** Hits kept per term group and text: a 100 KB text repeating a brand stays cheap to evaluate and store. */
export const MAX_HITS_PER_TERM = 256;

/**
 * A CamelCase hashtag ("#NordmartBonus") also ends a pattern with each of its words, as a whole word or by a
 * stem: they join the token's stem symbols, which only ever end a pattern.
 */
function withHashtagParts(
  stems: Int32Array | null,
  parts: readonly string[],
  vocabulary: Map<string, number>,
  stemIndex: StemIndex,
): Int32Array | null {
  const found = stems ? [...stems] : [];
  for (const part of parts) {
    const exact = vocabulary.get(part);
    if (exact !== undefined) found.push(exact);
    const partStems = stemIndex.lookup(part);
    if (partStems) found.push(...partStems);
  }
  return found.length > 0 ? Int32Array.from(new Set(found)) : null;
}

const suffixSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * A stem made for several languages lets the automaton through with any of their endings; a text known to
 * be in one of them keeps the hit only with that language's own ("the ozone layer" is English, and "-e" is
 * a Polish ending, not an English one). In a text of another known language ("Ozone Coffee" inside Russian)
 * only endings every one of the stem's languages shares will do. Texts of unknown language take any, and
 * hashtag words (token.parts) are not checked: their suffix is unknown.
 */
function endsInTextLanguage(variant: Variant, token: Token, language: string | null): boolean {
  const byLanguage = variant.prefix?.byLanguage;
  if (!byLanguage || language === null || language === "other" || token.parts) return true;
  const set = suffixSetFor(byLanguage, language);
  const stem = variant.text.slice(variant.text.lastIndexOf(" ") + 1);
  return !token.text.startsWith(stem) || set.has(token.text.slice(stem.length));
}

/**
 * Whether the text's word carries a diacritic the term does not have on the same letter: "ząbka" is not
 * "Żabka", though both fold to "zabka". A word written without any diacritics ("zabka") is the brand typed
 * plainly and stays a hit. Latin letters only: Cyrillic ё and й are letters in their own right, often left
 * out. Only the term's own spellings (as written and its stems) are compared, letter by letter.
 */
function otherDiacritics(written: string, variant: Variant, token: Token, text: string): boolean {
  if (variant.kind !== "original" && variant.kind !== "inflection") return false;
  const word = text.slice(token.kind === "word" ? token.start : token.start + 1, token.end).toLowerCase();
  const length = Math.min(word.length, written.length);
  for (let i = 0; i < length; i++) {
    const ours = written[i]!;
    const theirs = word[i]!;
    if (theirs === ours) continue;
    if (baseLetter(theirs) !== baseLetter(ours)) return false;
    if (theirs !== baseLetter(theirs) && /\p{Script=Latin}/u.test(theirs)) return true;
  }
  return false;
}

const BASE_EXTRA: Record<string, string> = { ł: "l", ø: "o", đ: "d" };

function baseLetter(ch: string): string {
  return BASE_EXTRA[ch] ?? ch.normalize("NFD").charAt(0);
}

const sharedSuffixes = new WeakMap<object, ReadonlySet<string>>();

function suffixSetFor(
  byLanguage: Partial<Record<ListeningLanguage, readonly string[]>>,
  language: string,
): ReadonlySet<string> {
  const own = byLanguage[language as ListeningLanguage];
  if (own) {
    let set = suffixSets.get(own);
    if (set === undefined) {
      set = new Set(own);
      suffixSets.set(own, set);
    }
    return set;
  }
  let shared = sharedSuffixes.get(byLanguage);
  if (shared === undefined) {
    const lists = Object.values(byLanguage);
    shared = new Set(lists[0]?.filter((suffix) => lists.every((list) => list.includes(suffix))) ?? []);
    sharedSuffixes.set(byLanguage, shared);
  }
  return shared;
}

export class Matcher {
  private readonly compiled: CompiledQueries;
  private readonly memo = new Map<string, TokenSymbols>();
  private readonly scan = new ScanResult();
  private readonly symbols: TokenSymbols[] = [];
  private readonly hits: (GroupHit[] | undefined)[];
  private readonly touched: number[] = [];
  private readonly queryStamp: Int32Array;
  private stamp = 0;

  constructor(compiled: CompiledQueries) {
    this.compiled = compiled;
    this.hits = new Array(compiled.groups.length).fill(undefined);
    this.queryStamp = new Int32Array(compiled.plans.length);
  }

  match(input: TextToMatch): QueryMatch[] {
    return this.matchTokens(tokenize(input.text ?? ""), input);
  }

  /** For callers that already tokenized the text. */
  matchTokens(tokens: readonly Token[], input: TextToMatch): QueryMatch[] {
    if (!this.scanTokens(tokens)) return [];
    try {
      this.collectHits(tokens, input.language ?? null, input.text ?? "");
      return this.evaluate(tokens, input);
    } finally {
      for (const g of this.touched) this.hits[g] = undefined;
      this.touched.length = 0;
    }
  }

  /**
   * Symbols for every token, then the automaton pass. Returns whether anything matched; the raw matches stay
   * in `this.scan`. Public for the benchmark of the raw matcher.
   */
  scanTokens(tokens: readonly Token[]): boolean {
    const n = tokens.length;
    const symbols = this.symbols;
    for (let i = 0; i < n; i++) symbols[i] = this.symbolsOf(tokens[i]!);
    return this.scanSymbols(symbols, n);
  }

  /** A text's tokens as interned automaton symbols (shared objects, one per distinct token). */
  symbolize(tokens: readonly Token[]): TokenSymbols[] {
    return tokens.map((t) => this.symbolsOf(t));
  }

  /** The automaton pass alone over interned symbols. */
  scanSymbols(symbols: readonly TokenSymbols[], count = symbols.length): boolean {
    this.scan.length = 0;
    this.compiled.automaton.scan(symbols, count, this.scan);
    return this.scan.length > 0;
  }

  private symbolsOf(token: Token): TokenSymbols {
    const key = token.parts ? `${token.text}\u0000${token.parts.join(" ")}` : token.text;
    let symbols = this.memo.get(key);
    if (symbols !== undefined) return symbols;
    const { vocabulary, stemIndex } = this.compiled;
    const exact = vocabulary.get(token.text) ?? -1;
    let stems = stemIndex.lookup(token.text);
    if (token.parts) stems = withHashtagParts(stems, token.parts, vocabulary, stemIndex);
    symbols = exact < 0 && stems === null ? UNKNOWN : { exact, stems };
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, symbols);
    return symbols;
  }

  private collectHits(tokens: readonly Token[], language: string | null, text: string): void {
    const { automaton, outputGroup, outputVariant, groups } = this.compiled;
    const { depth, outputStart, outputs, nextReport } = automaton;
    for (let r = 0; r < this.scan.length; r++) {
      const last = this.scan.ends[r]!;
      for (let node = this.scan.nodes[r]!; node >= 0; node = nextReport[node]!) {
        const start = last - depth[node]! + 1;
        for (let o = outputStart[node]!; o < outputStart[node + 1]!; o++) {
          const group = outputGroup[outputs[o]!]!;
          const required = groups[group]!.requiredKind;
          if (required !== null && tokens[start]!.kind !== required) continue;
          const variant = outputVariant[outputs[o]!]!;
          const { variants, written } = groups[group]!;
          if (!endsInTextLanguage(variants[variant]!, tokens[last]!, language)) continue;
          if (written && otherDiacritics(written, variants[variant]!, tokens[last]!, text)) continue;
          this.addHit(group, start, last + 1, variant);
        }
      }
    }
  }

  /** One hit per span and group, from its earliest variant (the original before generated ones). */
  private addHit(group: number, start: number, end: number, variant: number): void {
    let list = this.hits[group];
    if (list === undefined) {
      list = [];
      this.hits[group] = list;
      this.touched.push(group);
    }
    for (let k = list.length - 1; k >= 0 && list[k]!.end === end; k--) {
      const hit = list[k]!;
      if (hit.start === start) {
        if (variant < hit.variant) hit.variant = variant;
        return;
      }
    }
    if (list.length < MAX_HITS_PER_TERM) list.push({ start, end, variant });
  }

  private evaluate(tokens: readonly Token[], input: TextToMatch): QueryMatch[] {
    const { groupQueryStart, groupQueries, plans, groups } = this.compiled;
    const stamp = ++this.stamp;
    const candidates: number[] = [];
    for (const g of this.touched) {
      for (let k = groupQueryStart[g]!; k < groupQueryStart[g + 1]!; k++) {
        const q = groupQueries[k]!;
        if (this.queryStamp[q] === stamp) continue;
        this.queryStamp[q] = stamp;
        candidates.push(q);
      }
    }
    candidates.sort((a, b) => a - b);
    const language = input.language ?? "";
    const source = (input.source ?? "").toLowerCase();
    const context: EvaluationContext = { hits: this.hits, language, source };
    const matches: QueryMatch[] = [];
    for (const q of candidates) {
      const plan = plans[q]!;
      if (plan.languages && !plan.languages.has(language)) continue;
      if (plan.sources && !plan.sources.has(source)) continue;
      const found = evaluatePlan(plan.root, context);
      if (found === null) continue;
      // A hit reached twice (the same term twice in a query, or through NEAR pairs) is one hit.
      const seen = new Map<GroupHit, string[]>();
      const hits: MatchHit[] = [];
      for (const { term, group, hit } of found) {
        const terms = seen.get(hit);
        if (terms?.includes(term)) continue;
        if (terms) terms.push(term);
        else seen.set(hit, [term]);
        const variant = groups[group]!.variants[hit.variant]!;
        const start = tokens[hit.start]!.start;
        const end = tokens[hit.end - 1]!.end;
        hits.push({ term, variant: variant.text, kind: variant.kind, start, end });
      }
      hits.sort((a, b) => a.start - b.start || a.end - b.end);
      matches.push({ queryId: plan.id, topicId: plan.topicId, hits });
    }
    return matches;
  }
}
