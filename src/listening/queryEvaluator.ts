/**
 * Evaluates one compiled query against the hits its terms had in a text: boolean logic, NEAR by token
 * distance, language and source filters. Only hits that make the query true are kept (an OR branch that did
 * not match, or a term that was not near its partner, is not reported).
 */
export type PlanNode =
  | { op: "leaf"; group: number; term: string }
  | { op: "and" | "or"; children: PlanNode[] }
  | { op: "not"; child: PlanNode }
  | { op: "near"; distance: number; left: PlanNode; right: PlanNode }
  | { op: "filter"; field: "lang" | "source"; values: ReadonlySet<string> };

/** One occurrence of a term group in the text, in token indices [start, end). */
export interface GroupHit {
  start: number;
  end: number;
  variant: number;
}

export interface FoundHit {
  term: string;
  group: number;
  hit: GroupHit;
}

export interface EvaluationContext {
  /** Hits per term group; undefined when the group was not found. */
  hits: readonly (GroupHit[] | undefined)[];
  language: string;
  source: string;
}

interface Span {
  start: number;
  end: number;
  found: FoundHit[];
}

/** Bounds the pairs a NEAR may produce in one text, so huge texts stay linear. */
const MAX_NEAR_SPANS = 256;

/** The hits that make the node true, or null when it is false. */
export function evaluatePlan(node: PlanNode, ctx: EvaluationContext): FoundHit[] | null {
  switch (node.op) {
    case "leaf": {
      const hits = ctx.hits[node.group];
      return hits ? hits.map((hit) => ({ term: node.term, group: node.group, hit })) : null;
    }
    case "and": {
      const found: FoundHit[] = [];
      for (const child of node.children) {
        const r = evaluatePlan(child, ctx);
        if (r === null) return null;
        for (const f of r) found.push(f);
      }
      return found;
    }
    case "or": {
      let found: FoundHit[] | null = null;
      for (const child of node.children) {
        const r = evaluatePlan(child, ctx);
        if (r === null) continue;
        found ??= [];
        for (const f of r) found.push(f);
      }
      return found;
    }
    case "not":
      return evaluatePlan(node.child, ctx) === null ? [] : null;
    case "filter":
      return node.values.has(node.field === "lang" ? ctx.language : ctx.source) ? [] : null;
    case "near": {
      const spans = spansOf(node, ctx);
      return spans.length === 0 ? null : spans.flatMap((s) => s.found);
    }
  }
}

/** Where a NEAR operand occurs: a term's hits, an OR's union, a NEAR's joined pairs. */
function spansOf(node: PlanNode, ctx: EvaluationContext): Span[] {
  if (node.op === "leaf") {
    const hits = ctx.hits[node.group];
    return hits
      ? hits.map((hit) => ({
          start: hit.start,
          end: hit.end,
          found: [{ term: node.term, group: node.group, hit }],
        }))
      : [];
  }
  if (node.op === "or") return node.children.flatMap((c) => spansOf(c, ctx));
  if (node.op !== "near") return [];
  const left = spansOf(node.left, ctx);
  if (left.length === 0) return [];
  const right = spansOf(node.right, ctx);
  if (right.length === 0) return [];
  return joinNear(left, right, node.distance);
}

/**
 * Pairs whose gap (tokens strictly between them) is at most `distance`, either order. Right spans are sorted
 * by start so each left span looks only at the window that can reach it.
 */
function joinNear(left: Span[], right: Span[], distance: number): Span[] {
  right.sort((a, b) => a.start - b.start);
  let longest = 0;
  for (const r of right) longest = Math.max(longest, r.end - r.start);
  const joined: Span[] = [];
  for (const l of left) {
    const from = l.start - distance - longest;
    let lo = 0;
    let hi = right.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (right[mid]!.start < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < right.length; k++) {
      const r = right[k]!;
      if (r.start > l.end + distance) break;
      if (r.start === l.start && r.end === l.end) continue;
      const gap = Math.max(r.start - l.end, l.start - r.end);
      if (gap > distance) continue;
      joined.push({
        start: Math.min(l.start, r.start),
        end: Math.max(l.end, r.end),
        found: [...l.found, ...r.found],
      });
      if (joined.length >= MAX_NEAR_SPANS) return joined;
    }
  }
  return joined;
}
