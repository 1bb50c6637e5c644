/**
 * Compiles a workspace's topic queries, once per change, into one matcher: every term's variants become
 * patterns of a single token automaton, and each query becomes a small plan evaluated only when one of its
 * anchor terms (see anchorsOf) was found.
 *
 * Terms with the same variants and token-kind requirement share one "term group", so a word used by a
 * thousand queries is one set of patterns and one list of hits.
 */
import { TokenAutomaton, type TokenSymbols } from "./ahoCorasick.ts";
import type { ListeningLanguage, QueryMatch, TextToMatch, TopicQuery, Variant } from "./listeningTypes.ts";
import { type CompiledQueries, Matcher, type QueryPlan, type TermGroup } from "./matcher.ts";
import { normalizeTerm, type Token, type TokenKind } from "./normalize.ts";
import type { PlanNode } from "./queryEvaluator.ts";
import { parseQuery, type QueryNode, QuerySyntaxError, type TermNode } from "./queryParser.ts";
import { StemIndex } from "./stemIndex.ts";
import { withAliases } from "./topicAliases.ts";

export interface VariantOptions {
  exact: boolean;
  language?: ListeningLanguage | undefined;
}

/** The variant generator (variants/index.ts), injected so the matcher can be built and tested without it. */
export type VariantsOf = (term: string, options: VariantOptions) => Variant[];

export interface CompileStats {
  queries: number;
  terms: number;
  termGroups: number;
  /** Term-group variants turned into patterns, and the distinct token sequences among them. */
  patterns: number;
  distinctPatterns: number;
  automatonNodes: number;
  symbols: number;
  stems: number;
  compileMs: number;
}

export interface QueryCompileError {
  queryId: string;
  error: QuerySyntaxError;
}

export interface CompiledMatcher {
  /** The queries the text matches, one per query, with the hits that made each true. */
  match(input: TextToMatch): QueryMatch[];
  /** The same for a text already tokenized with normalize.ts. */
  matchTokens(tokens: readonly Token[], input: TextToMatch): QueryMatch[];
  /** For benchmarks: token → symbol interning plus the automaton pass; whether any pattern occurs. */
  scanTokens(tokens: readonly Token[]): boolean;
  /** For benchmarks: the interning alone, and the automaton pass alone over interned symbols. */
  symbolize(tokens: readonly Token[]): TokenSymbols[];
  scanSymbols(symbols: readonly TokenSymbols[]): boolean;
  readonly stats: CompileStats;
  /** Queries that did not parse; they are left out, the rest still match. */
  readonly errors: QueryCompileError[];
}

/** Patterns longer than this many tokens are not a mention of anything; they are dropped. */
const MAX_PATTERN_TOKENS = 32;

export function compileQueries(queries: TopicQuery[], variantsOf: VariantsOf): CompiledMatcher {
  const started = performance.now();
  const groups = new TermGroups(variantsOf);
  const plans: QueryPlan[] = [];
  const usage: number[] = [];
  const errors: QueryCompileError[] = [];
  let terms = 0;
  for (const query of queries) {
    let root: QueryNode;
    try {
      root = withAliases(parseQuery(query.query).root, query.aliases ?? []);
    } catch (error) {
      if (error instanceof QuerySyntaxError) {
        errors.push({ queryId: query.id, error });
        continue;
      }
      throw error;
    }
    const context = new QueryContext(query);
    const plan = toPlan(root, false, (term, negated) => {
      terms++;
      const group = groups.groupOf(term, context);
      if (!negated) usage[group] = (usage[group] ?? 0) + 1;
      return group;
    });
    plans.push({
      id: query.id,
      topicId: query.topicId,
      root: plan,
      languages: query.languages?.length ? new Set(query.languages) : null,
      sources: query.sources?.length ? new Set(query.sources.map((s) => s.toLowerCase())) : null,
    });
  }
  const queriesOfGroup: number[][] = [];
  plans.forEach((plan, q) => {
    for (const group of anchorsOf(plan.root, usage)?.groups ?? []) {
      const list = queriesOfGroup[group] ?? [];
      if (list[list.length - 1] !== q) list.push(q);
      queriesOfGroup[group] = list;
    }
  });
  const compiled = buildPatterns(groups.list, plans, queriesOfGroup);
  const stats: CompileStats = {
    queries: plans.length,
    terms,
    termGroups: groups.list.length,
    patterns: compiled.outputGroup.length,
    distinctPatterns: compiled.distinctPatterns,
    automatonNodes: compiled.automaton.nodeCount,
    symbols: compiled.vocabulary.size + compiled.stemCount,
    stems: compiled.stemCount,
    compileMs: 0,
  };
  const matcher = new Matcher(compiled);
  stats.compileMs = Math.round(performance.now() - started);
  return {
    match: (input) => matcher.match(input),
    matchTokens: (tokens, input) => matcher.matchTokens(tokens, input),
    scanTokens: (tokens) => matcher.scanTokens(tokens),
    symbolize: (tokens) => matcher.symbolize(tokens),
    scanSymbols: (symbols) => matcher.scanSymbols(symbols),
    stats,
    errors,
  };
}

function toPlan(
  node: QueryNode,
  negated: boolean,
  groupOf: (term: TermNode, negated: boolean) => number,
): PlanNode {
  switch (node.type) {
    case "term":
      return { op: "leaf", group: groupOf(node, negated), term: node.term };
    case "filter":
      return { op: "filter", field: node.field, values: new Set(node.values) };
    case "not":
      return { op: "not", child: toPlan(node.child, !negated, groupOf) };
    case "near":
      return {
        op: "near",
        distance: node.distance,
        left: toPlan(node.left, negated, groupOf),
        right: toPlan(node.right, negated, groupOf),
      };
    case "and":
    case "or":
      return { op: node.type, children: node.children.map((c) => toPlan(c, negated, groupOf)) };
  }
}

/**
 * The term groups a query is looked at for: a set such that the query can only be true when one of them was
 * found. An AND (or NEAR) needs only its cheapest side, so "nordmart AND доставка" waits for "nordmart" and is
 * not evaluated for every text about deliveries. The cost of a group is how many queries use it, a stand-in
 * for how common the word is.
 */
function anchorsOf(node: PlanNode, usage: number[]): { groups: number[]; cost: number } | null {
  switch (node.op) {
    case "leaf":
      return { groups: [node.group], cost: usage[node.group] ?? 0 };
    case "not":
    case "filter":
      return null;
    case "or": {
      const groups: number[] = [];
      let cost = 0;
      for (const child of node.children) {
        const anchors = anchorsOf(child, usage);
        if (anchors === null) return null;
        groups.push(...anchors.groups);
        cost += anchors.cost;
      }
      return { groups, cost };
    }
    case "and":
    case "near": {
      let best: { groups: number[]; cost: number } | null = null;
      for (const child of node.op === "near" ? [node.left, node.right] : node.children) {
        const anchors = anchorsOf(child, usage);
        if (anchors !== null && (best === null || anchors.cost < best.cost)) best = anchors;
      }
      return best;
    }
  }
}

/** What a query changes about its terms' variants: languages, exclusions, extra nicknames. */
class QueryContext {
  readonly languages: (ListeningLanguage | undefined)[];
  readonly excluded: Set<string>;
  readonly extras = new Map<string, string[]>();
  constructor(query: TopicQuery) {
    this.languages = query.languages?.length ? [...query.languages] : [undefined];
    this.excluded = new Set((query.excludedVariants ?? []).map(normalizeTerm).filter((t) => t !== ""));
    for (const [term, variants] of Object.entries(query.extraVariants ?? {})) {
      const key = normalizeTerm(term);
      const list = this.extras.get(key) ?? [];
      for (const v of variants) {
        const text = normalizeTerm(v);
        if (text !== "" && !list.includes(text)) list.push(text);
      }
      this.extras.set(key, list);
    }
  }
}

class TermGroups {
  readonly list: TermGroup[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly generated = new Map<string, Variant[]>();
  private readonly variantsOf: VariantsOf;

  constructor(variantsOf: VariantsOf) {
    this.variantsOf = variantsOf;
  }

  groupOf(term: TermNode, context: QueryContext): number {
    const requiredKind: TokenKind | null =
      term.kind === "hashtag" || term.kind === "handle" ? term.kind : null;
    const variants: Variant[] = [];
    const seen = new Set<string>();
    const add = (v: Variant) => {
      const text = v.text.trim();
      const key = `${text}\u0000${prefixKey(v)}`;
      if (text === "" || seen.has(key) || context.excluded.has(text)) return;
      seen.add(key);
      variants.push(
        v.prefix
          ? {
              text,
              kind: v.kind,
              prefix: {
                maxSuffix: v.prefix.maxSuffix,
                suffixes: v.prefix.suffixes,
                byLanguage: v.prefix.byLanguage,
              },
            }
          : { text, kind: v.kind },
      );
    };
    add({ text: term.text, kind: "original" });
    if (requiredKind === null) for (const v of this.generate(term, context)) add(v);
    for (const text of context.extras.get(term.text) ?? []) add({ text, kind: "nickname" });
    const written = writtenWithDiacritics(term.term);
    const key = `${requiredKind}\u0001${written ?? ""}\u0001${variants.map((v) => `${v.text}\u0000${v.kind}\u0000${prefixKey(v)}`).join("\u0001")}`;
    let group = this.byKey.get(key);
    if (group === undefined) {
      group = this.list.length;
      this.list.push({ requiredKind, variants, written });
      this.byKey.set(key, group);
    }
    return group;
  }

  /** Hashtags and handles are matched as written; words and phrases get the generator's variants. */
  private generate(term: TermNode, context: QueryContext): Variant[] {
    const out: Variant[] = [];
    for (const language of context.languages) {
      const key = `${term.exact ? "=" : ""}${language ?? "*"}\u0000${term.term}`;
      let variants = this.generated.get(key);
      if (variants === undefined) {
        try {
          variants = this.variantsOf(term.term, { exact: term.exact, language });
        } catch {
          // A generator bug on one term must not stop listening for the whole workspace: the term still
          // matches as written (its original is always added).
          variants = [];
        }
        // Exact means exact, whatever the generator returns: no stems, inflections or misspellings.
        if (term.exact)
          variants = variants.filter((v) => !v.prefix && v.kind !== "inflection" && v.kind !== "misspelling");
        this.generated.set(key, variants);
      }
      out.push(...variants);
    }
    return out;
  }
}

/** The term's last word, lower-case, when it has a Latin letter with a diacritic ("Żabka" → "żabka"). */
function writtenWithDiacritics(term: string): string | undefined {
  const last = term
    .trim()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .at(-1)
    ?.toLowerCase()
    .normalize("NFC");
  if (!last) return undefined;
  return /[\u00c0-\u024f]/u.test(last) ? last : undefined;
}

/** Suffix lists are shared arrays (inflectionEndings.ts interns them): each gets a short id, once. */
const suffixListIds = new WeakMap<readonly string[], number>();
let nextSuffixListId = 0;

function suffixListKey(list: readonly string[]): number {
  let id = suffixListIds.get(list);
  if (id === undefined) {
    id = nextSuffixListId++;
    suffixListIds.set(list, id);
  }
  return id;
}

/** What makes two prefix allowances the same: bound and suffix lists (per language); "-1" for a whole word. */
function prefixKey(v: Variant): string {
  if (!v.prefix) return "-1";
  const list = v.prefix.suffixes;
  if (!list) return String(v.prefix.maxSuffix);
  let key = `${v.prefix.maxSuffix}:${suffixListKey(list)}`;
  for (const [language, perLanguage] of Object.entries(v.prefix.byLanguage ?? {}))
    key += `;${language}:${suffixListKey(perLanguage)}`;
  return key;
}

function buildPatterns(groups: TermGroup[], plans: QueryPlan[], queriesOfGroup: number[][]): CompiledQueries {
  const vocabulary = new Map<string, number>();
  const stemSymbols = new Map<string, number>();
  const patterns: { symbols: number[]; output: number }[] = [];
  const outputGroup: number[] = [];
  const outputVariant: number[] = [];
  let symbolCount = 0;
  const stemIndex = new StemIndex();
  groups.forEach((group, g) => {
    group.variants.forEach((variant, v) => {
      const tokens = variant.text.split(" ").filter((t) => t !== "");
      if (tokens.length === 0 || tokens.length > MAX_PATTERN_TOKENS) return;
      const symbols = tokens.map((token, i) => {
        if (variant.prefix && i === tokens.length - 1) {
          const key = `${token}\u0000${prefixKey(variant)}`;
          let symbol = stemSymbols.get(key);
          if (symbol === undefined) {
            symbol = symbolCount++;
            stemSymbols.set(key, symbol);
            stemIndex.add(token, variant.prefix.maxSuffix, symbol, variant.prefix.suffixes);
          }
          return symbol;
        }
        let symbol = vocabulary.get(token);
        if (symbol === undefined) {
          symbol = symbolCount++;
          vocabulary.set(token, symbol);
        }
        return symbol;
      });
      patterns.push({ symbols, output: outputGroup.length });
      outputGroup.push(g);
      outputVariant.push(v);
    });
  });
  const automaton = new TokenAutomaton(patterns, Math.max(1, symbolCount));
  let distinctPatterns = 0;
  for (let n = 0; n < automaton.nodeCount; n++)
    if (automaton.outputStart[n + 1]! > automaton.outputStart[n]!) distinctPatterns++;
  const groupQueryStart = new Int32Array(groups.length + 1);
  for (let g = 0; g < groups.length; g++)
    groupQueryStart[g + 1] = groupQueryStart[g]! + (queriesOfGroup[g]?.length ?? 0);
  const groupQueries = new Int32Array(groupQueryStart[groups.length]!);
  queriesOfGroup.forEach((list, g) => {
    groupQueries.set(list, groupQueryStart[g]!);
  });
  return {
    automaton,
    vocabulary,
    stemIndex,
    stemCount: stemSymbols.size,
    distinctPatterns,
    outputGroup: Int32Array.from(outputGroup),
    outputVariant: Int32Array.from(outputVariant),
    groups,
    groupQueryStart,
    groupQueries,
    plans,
  };
}
