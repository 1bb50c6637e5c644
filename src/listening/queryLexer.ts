/**
 * Splits a listening query into its pieces (terms, operators, parentheses, filters), each with its offset in the
 * query so that an error can point at the exact characters. The grammar lives in queryParser.ts.
 */
import { tokenize } from "./normalize.ts";

/** What a term matches: words (any token kind), a quoted phrase, hashtag tokens only, handle tokens only. */
export type TermKind = "word" | "phrase" | "hashtag" | "handle";

export interface TermNode {
  type: "term";
  /** The term as written, without quotes or the leading "=" ("#nordmart", "bonus programme", "М.Видео"). */
  term: string;
  /** Its normalized tokens joined by one space ("m video"); what exact matching compares against. */
  text: string;
  kind: TermKind;
  /** "=term": only the term itself, no inflections, misspellings or transliterations. */
  exact: boolean;
  position: number;
  length: number;
}

export type FilterField = "lang" | "source";

export interface FilterNode {
  type: "filter";
  field: FilterField;
  /** Lower-case; the filter holds when the text's language (or source) is any of these. */
  values: string[];
  position: number;
  length: number;
}

export type QueryTokenType = "term" | "filter" | "lparen" | "rparen" | "and" | "or" | "not" | "near";

export interface QueryToken {
  type: QueryTokenType;
  position: number;
  length: number;
  /** The operator as written ("OR", "-", "NEAR/3"), for messages. */
  raw: string;
  node?: TermNode | FilterNode;
  distance?: number;
}

export const FILTER_LANGUAGES = ["ru", "pl", "lv", "en", "other"];
export const MAX_NEAR_DISTANCE = 100;

/** A query that does not parse, with the span of the query to underline. */
export class QuerySyntaxError extends Error {
  readonly position: number;
  readonly length: number;
  constructor(message: string, position: number, length = 1) {
    super(message);
    this.name = "QuerySyntaxError";
    this.position = position;
    this.length = Math.max(1, length);
  }
}

const OPERATORS: Record<string, QueryTokenType> = { and: "and", or: "or", not: "not" };

function isSpace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\u00a0" || ch === "\u3000";
}

/** Characters that end a bare word. */
function endsWord(ch: string): boolean {
  return isSpace(ch) || ch === "(" || ch === ")" || ch === '"';
}

export function lexQuery(query: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (isSpace(ch)) {
      i++;
    } else if (ch === "(" || ch === ")") {
      tokens.push({ type: ch === "(" ? "lparen" : "rparen", position: i, length: 1, raw: ch });
      i++;
    } else if (ch === '"') {
      i = lexPhrase(query, i, i, false, tokens);
    } else if (ch === "=") {
      if (query[i + 1] === '"') i = lexPhrase(query, i + 1, i, true, tokens);
      else if (i + 1 < query.length && !endsWord(query[i + 1]!)) i = lexWord(query, i + 1, i, true, tokens);
      else throw new QuerySyntaxError(`"=" at ${i} needs a word or a "phrase" right after it`, i);
    } else if (ch === "-" && i + 1 < query.length && !endsWord(query[i + 1]!) && query[i + 1] !== "-") {
      // "-word" negates; a hyphen inside a word ("e-commerce") never gets here.
      tokens.push({ type: "not", position: i, length: 1, raw: "-" });
      i++;
    } else if (ch === "-" && (query[i + 1] === "(" || query[i + 1] === '"')) {
      tokens.push({ type: "not", position: i, length: 1, raw: "-" });
      i++;
    } else {
      i = lexWord(query, i, i, false, tokens);
    }
  }
  return tokens;
}

function lexPhrase(query: string, quote: number, start: number, exact: boolean, out: QueryToken[]): number {
  const close = query.indexOf('"', quote + 1);
  if (close < 0)
    throw new QuerySyntaxError(`Missing closing quote opened at ${quote}`, quote, query.length - quote);
  const inner = query.slice(quote + 1, close);
  const length = close + 1 - start;
  if (inner.trim() === "") throw new QuerySyntaxError(`Empty quotes at ${quote}`, start, length);
  out.push({
    type: "term",
    position: start,
    length,
    raw: inner,
    node: termNode(inner, "phrase", exact, start, length),
  });
  return close + 1;
}

function lexWord(query: string, from: number, start: number, exact: boolean, out: QueryToken[]): number {
  let end = from;
  while (end < query.length && !endsWord(query[end]!)) end++;
  const word = query.slice(from, end);
  const length = end - start;
  const lower = word.toLowerCase();
  if (!exact) {
    const operator = OPERATORS[lower];
    if (operator) {
      out.push({ type: operator, position: start, length, raw: word });
      return end;
    }
    if (lower === "near" || lower.startsWith("near/")) {
      const distance = /^near\/(\d{1,4})$/.exec(lower)?.[1];
      if (distance === undefined)
        throw new QuerySyntaxError(
          `NEAR needs a number: NEAR/3 (at ${start}); put "near" in quotes to search for the word`,
          start,
          length,
        );
      if (Number(distance) > MAX_NEAR_DISTANCE)
        throw new QuerySyntaxError(
          `NEAR at ${start} allows at most ${MAX_NEAR_DISTANCE} words between`,
          start,
          length,
        );
      out.push({ type: "near", position: start, length, raw: word, distance: Number(distance) });
      return end;
    }
    const filter = /^(lang|language|source):/.exec(lower);
    if (filter)
      return lexFilter(
        query,
        filter[1] === "source" ? "source" : "lang",
        start,
        from + filter[0].length,
        out,
      );
  }
  const kind = word.startsWith("#") ? "hashtag" : word.startsWith("@") ? "handle" : "word";
  out.push({
    type: "term",
    position: start,
    length,
    raw: word,
    node: termNode(word, kind, exact, start, length),
  });
  return end;
}

/** `lang:ru`, `lang:(ru OR pl)`, `source:facebook`, `source:(telegram OR x)`. */
function lexFilter(
  query: string,
  field: FilterField,
  start: number,
  from: number,
  out: QueryToken[],
): number {
  let end: number;
  let list: string;
  if (query[from] === "(") {
    const close = query.indexOf(")", from);
    if (close < 0) throw new QuerySyntaxError(`Unbalanced parenthesis at ${from}: it is never closed`, from);
    list = query.slice(from + 1, close);
    end = close + 1;
  } else {
    end = from;
    while (end < query.length && !endsWord(query[end]!)) end++;
    list = query.slice(from, end);
  }
  const words = list
    .split(/[\s,]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w !== "" && w !== "or");
  if (words.includes("and") || words.includes("not"))
    throw new QuerySyntaxError(
      `${field}:(…) at ${start} lists alternatives; join them with OR`,
      start,
      end - start,
    );
  if (words.length === 0)
    throw new QuerySyntaxError(
      `${field}: at ${start} needs a value, e.g. ${field}:${field === "lang" ? "ru" : "facebook"}`,
      start,
      end - start,
    );
  if (field === "lang") {
    const unknown = words.find((w) => !FILTER_LANGUAGES.includes(w));
    if (unknown !== undefined)
      throw new QuerySyntaxError(
        `Unknown language "${unknown}" at ${start}; use ${FILTER_LANGUAGES.join(", ")}`,
        start,
        end - start,
      );
  }
  const node: FilterNode = { type: "filter", field, values: words, position: start, length: end - start };
  out.push({ type: "filter", position: start, length: end - start, raw: query.slice(start, end), node });
  return end;
}

function termNode(
  written: string,
  kind: TermKind,
  exact: boolean,
  position: number,
  length: number,
): TermNode {
  // Hashtags and handles are normalized with their sign so that "_" stays part of them, as in text.
  if ((kind === "hashtag" || kind === "handle") && written.length === 1)
    throw new QuerySyntaxError(`"${written}" at ${position} needs a name right after it`, position, length);
  const text = tokenize(written)
    .map((t) => t.text)
    .join(" ");
  if (text === "")
    throw new QuerySyntaxError(
      `The term "${written}" at ${position} has no letters or digits`,
      position,
      length,
    );
  return { type: "term", term: written, text, kind, exact, position, length };
}
