/**
 * The listening query language. Operators are case-insensitive; precedence is NOT > NEAR > AND > OR.
 *
 *   nordmart                 a word, with the variants the generator makes (inflections, transliterations…)
 *   "bonus programme"        a phrase: consecutive tokens, punctuation between them does not matter
 *   =nordmart  ="М.Видео"    exact: the term itself only, no inflections or misspellings
 *   #mvideo  @nordmart       hashtag tokens only / handle tokens only, exactly as written. A plain word also
 *                            matches hashtags and handles ("nordmart" finds "#nordmart" and "@nordmart").
 *   a OR b, a AND b, a b     juxtaposition is AND
 *   NOT a, -a                negation; a query must still need a term that is not negated
 *   a NEAR/3 b               at most 3 tokens between a and b, in either order; operands are terms, phrases,
 *                            OR groups of them, or other NEARs
 *   lang:ru, lang:(ru OR pl), source:facebook
 *                            filters on the text's detected language or source; they combine with the rest
 *                            like terms do. TopicQuery.languages/sources apply on top of them.
 *
 * A literal operator word is searched by quoting it: "and", "near".
 */
import { type FilterNode, lexQuery, QuerySyntaxError, type QueryToken, type TermNode } from "./queryLexer.ts";

export { type FilterNode, QuerySyntaxError, type TermKind, type TermNode } from "./queryLexer.ts";

export interface AndNode {
  type: "and";
  children: QueryNode[];
  position: number;
  length: number;
}
export interface OrNode {
  type: "or";
  children: QueryNode[];
  position: number;
  length: number;
}
export interface NotNode {
  type: "not";
  child: QueryNode;
  position: number;
  length: number;
}
export interface NearNode {
  type: "near";
  /** Most tokens allowed between the two sides. */
  distance: number;
  left: QueryNode;
  right: QueryNode;
  position: number;
  length: number;
}
export type QueryNode = TermNode | FilterNode | AndNode | OrNode | NotNode | NearNode;

export interface ParsedQuery {
  root: QueryNode;
  /** Every term in order of appearance, negated ones included. */
  terms: TermNode[];
}

export const MAX_QUERY_LENGTH = 4096;
export const MAX_QUERY_TERMS = 256;
export const MAX_QUERY_DEPTH = 32;

/** Parses and validates a query; throws QuerySyntaxError with the offending span. */
export function parseQuery(query: string): ParsedQuery {
  if (query.length > MAX_QUERY_LENGTH)
    throw new QuerySyntaxError(
      `The query is longer than ${MAX_QUERY_LENGTH} characters`,
      MAX_QUERY_LENGTH,
      query.length - MAX_QUERY_LENGTH,
    );
  if (query.trim() === "") throw new QuerySyntaxError("The query is empty", 0, query.length);
  const tokens = lexQuery(query);
  const terms = tokens.flatMap((t) => (t.node?.type === "term" ? [t.node] : []));
  if (terms.length > MAX_QUERY_TERMS) {
    const over = terms[MAX_QUERY_TERMS]!;
    throw new QuerySyntaxError(
      `The query has more than ${MAX_QUERY_TERMS} terms (the next one is at ${over.position})`,
      over.position,
      over.length,
    );
  }
  const parser = new Parser(tokens, query.length);
  const root = parser.parseOr();
  const rest = parser.peek();
  if (rest)
    throw new QuerySyntaxError(
      `Unbalanced parenthesis at ${rest.position}: nothing opened it`,
      rest.position,
    );
  validate(root, terms);
  return { root, terms };
}

class Parser {
  private index = 0;
  private depth = 0;
  private readonly tokens: QueryToken[];
  private readonly end: number;

  constructor(tokens: QueryToken[], end: number) {
    this.tokens = tokens;
    this.end = end;
  }

  peek(): QueryToken | undefined {
    return this.tokens[this.index];
  }

  parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek()?.type === "or") {
      this.operand(this.next());
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { type: "or", children, ...spanOf(children) };
  }

  private parseAnd(): QueryNode {
    const children = [this.parseNear()];
    for (let t = this.peek(); t; t = this.peek()) {
      if (t.type === "and") this.operand(this.next());
      else if (!startsOperand(t)) break;
      children.push(this.parseNear());
    }
    return children.length === 1 ? children[0]! : { type: "and", children, ...spanOf(children) };
  }

  private parseNear(): QueryNode {
    let left = this.parseUnary();
    while (this.peek()?.type === "near") {
      const op = this.next();
      this.operand(op);
      const right = this.parseUnary();
      for (const side of [left, right]) {
        if (!nearOperand(side))
          throw new QuerySyntaxError(
            `NEAR at ${op.position} joins words, phrases and OR groups of them; the part at ${side.position} is not one`,
            side.position,
            side.length,
          );
      }
      left = { type: "near", distance: op.distance!, left, right, ...spanOf([left, right]) };
    }
    return left;
  }

  private parseUnary(): QueryNode {
    const t = this.peek();
    if (t?.type !== "not") return this.parsePrimary();
    this.next();
    const following = this.peek();
    if (!following || !startsOperand(following))
      throw new QuerySyntaxError(`${t.raw} at ${t.position} has nothing to negate`, t.position, t.length);
    const child = this.nested(() => this.parseUnary());
    return { type: "not", child, position: t.position, length: child.position + child.length - t.position };
  }

  private parsePrimary(): QueryNode {
    const t = this.peek();
    if (!t) throw new QuerySyntaxError("The query ends where a term was expected", this.end, 1);
    if (t.type === "term" || t.type === "filter") {
      this.next();
      return t.node!;
    }
    if (t.type === "rparen")
      throw new QuerySyntaxError(`Unbalanced parenthesis at ${t.position}: nothing opened it`, t.position);
    if (t.type === "lparen") {
      this.next();
      if (this.peek()?.type === "rparen")
        throw new QuerySyntaxError(`Empty parentheses at ${t.position}`, t.position, 2);
      const inner = this.nested(() => this.parseOr());
      if (this.peek()?.type !== "rparen")
        throw new QuerySyntaxError(`Unbalanced parenthesis at ${t.position}: it is never closed`, t.position);
      this.next();
      return inner;
    }
    throw new QuerySyntaxError(
      `Operator ${t.raw} at ${t.position} has nothing on its left`,
      t.position,
      t.length,
    );
  }

  /** After a binary operator: something must follow it, and not a closing parenthesis. */
  private operand(op: QueryToken): void {
    const following = this.peek();
    if (!following || following.type === "rparen")
      throw new QuerySyntaxError(
        `Operator ${op.raw} at ${op.position} has nothing on its right`,
        op.position,
        op.length,
      );
  }

  private nested<T>(parse: () => T): T {
    const t = this.peek();
    if (++this.depth > MAX_QUERY_DEPTH)
      throw new QuerySyntaxError(
        `The query nests deeper than ${MAX_QUERY_DEPTH} levels (at ${t?.position ?? this.end})`,
        t?.position ?? this.end,
      );
    const result = parse();
    this.depth--;
    return result;
  }

  private next(): QueryToken {
    return this.tokens[this.index++]!;
  }
}

function startsOperand(t: QueryToken): boolean {
  return t.type === "term" || t.type === "filter" || t.type === "lparen" || t.type === "not";
}

function spanOf(nodes: QueryNode[]): { position: number; length: number } {
  const first = nodes[0]!;
  const last = nodes[nodes.length - 1]!;
  return { position: first.position, length: last.position + last.length - first.position };
}

function nearOperand(node: QueryNode): boolean {
  if (node.type === "term" || node.type === "near") return true;
  return node.type === "or" && node.children.every(nearOperand);
}

/** True when the node can only hold if some term that is not negated is found in the text. */
export function needsTerm(node: QueryNode): boolean {
  switch (node.type) {
    case "term":
    case "near":
      return true;
    case "filter":
    case "not":
      return false;
    case "and":
      return node.children.some(needsTerm);
    case "or":
      return node.children.every(needsTerm);
  }
}

/**
 * A query must need a term that is not negated: "NOT a" or "NOT a OR b" would match nearly every text in the
 * stream, and the matcher only looks at queries whose positive terms were found.
 */
function validate(root: QueryNode, terms: TermNode[]): void {
  if (needsTerm(root)) return;
  const positive = positiveTerms(root);
  if (positive === 0) {
    if (terms.length > 0)
      throw new QuerySyntaxError("A query cannot be only NOT terms", root.position, root.length);
    throw new QuerySyntaxError("A query needs at least one term besides filters", root.position, root.length);
  }
  const culprit = unanchored(root);
  throw new QuerySyntaxError(
    `The part at ${culprit.position} can match without any term (only NOT terms or filters); join it to a term with AND`,
    culprit.position,
    culprit.length,
  );
}

function positiveTerms(node: QueryNode): number {
  switch (node.type) {
    case "term":
      return 1;
    case "filter":
    case "not":
      return 0;
    case "near":
      return positiveTerms(node.left) + positiveTerms(node.right);
    case "and":
    case "or":
      return node.children.reduce((n, c) => n + positiveTerms(c), 0);
  }
}

/** The smallest part that makes the node match without a term. */
function unanchored(node: QueryNode): QueryNode {
  if (node.type === "or") {
    const child = node.children.find((c) => !needsTerm(c));
    return child ? unanchored(child) : node;
  }
  return node;
}
