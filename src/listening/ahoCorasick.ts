/**
 * Aho–Corasick over token symbols instead of characters: a pattern is a sequence of interned token ids, so one
 * pass over a text's tokens finds every occurrence of every pattern (10,000 queries' worth of variants) in
 * time linear in the tokens plus the matches.
 *
 * Stems ("доставк" matching "доставкой") are symbols of their own that may only end a pattern. A node reached by
 * a stem symbol is therefore a leaf, and the automaton's state after a token is always the one its exact id
 * leads to; a stem only adds matches, found by following failure links from the state before that token.
 *
 * Tables are typed arrays: the root has a dense row (most tokens leave or stay at the root), other nodes keep
 * their edges sorted by symbol in one flat array.
 */

export interface PatternInput {
  symbols: ArrayLike<number>;
  /** An opaque number reported for every occurrence (the compiler maps it to a term and a variant). */
  output: number;
}

/** Where matches are written: the node that reports (its outputs and those down its report chain) and the token. */
export class ScanResult {
  nodes = new Int32Array(64);
  ends = new Int32Array(64);
  length = 0;

  push(node: number, end: number): void {
    if (this.length === this.nodes.length) {
      const nodes = new Int32Array(this.length * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
      const ends = new Int32Array(this.length * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    this.nodes[this.length] = node;
    this.ends[this.length] = end;
    this.length++;
  }
}

export class TokenAutomaton {
  readonly nodeCount: number;
  /** Tokens in the pattern that ends at each node. */
  readonly depth: Int32Array;
  /** outputs[outputStart[n] .. outputStart[n+1]) are the node's own outputs. */
  readonly outputStart: Int32Array;
  readonly outputs: Int32Array;
  /** The next node down the failure chain that has outputs of its own, or -1. */
  readonly nextReport: Int32Array;
  private readonly rootGoto: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeSymbol: Int32Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  /** The node itself when it has outputs, else nextReport: what a scan reports on reaching it. */
  private readonly report: Int32Array;

  constructor(patterns: Iterable<PatternInput>, symbolCount: number) {
    // Trie edges are collected in one Map keyed by node * symbolCount + symbol (exact up to 2^53).
    const edges = new Map<number, number>();
    const depth: number[] = [0];
    const outputNodes: number[] = [];
    const outputValues: number[] = [];
    for (const pattern of patterns) {
      let node = 0;
      for (let i = 0; i < pattern.symbols.length; i++) {
        const key = node * symbolCount + pattern.symbols[i]!;
        let child = edges.get(key);
        if (child === undefined) {
          child = depth.length;
          depth.push(depth[node]! + 1);
          edges.set(key, child);
        }
        node = child;
      }
      if (node === 0) continue;
      outputNodes.push(node);
      outputValues.push(pattern.output);
    }
    const n = depth.length;
    this.nodeCount = n;
    this.depth = Int32Array.from(depth);
    [this.outputStart, this.outputs] = groupByNode(n, outputNodes, outputValues);

    this.rootGoto = new Int32Array(symbolCount).fill(-1);
    const edgeNodes: number[] = [];
    const edgeSymbols: number[] = [];
    const edgeTargets: number[] = [];
    for (const [key, child] of edges) {
      const node = Math.floor(key / symbolCount);
      const symbol = key - node * symbolCount;
      if (node === 0) this.rootGoto[symbol] = child;
      else {
        edgeNodes.push(node);
        edgeSymbols.push(symbol);
        edgeTargets.push(child);
      }
    }
    edges.clear();
    const order = edgeNodes
      .map((_, i) => i)
      .sort((a, b) => edgeNodes[a]! - edgeNodes[b]! || edgeSymbols[a]! - edgeSymbols[b]!);
    this.edgeStart = new Int32Array(n + 1);
    this.edgeSymbol = new Int32Array(order.length);
    this.edgeTarget = new Int32Array(order.length);
    order.forEach((e, i) => {
      this.edgeStart[edgeNodes[e]! + 1]!++;
      this.edgeSymbol[i] = edgeSymbols[e]!;
      this.edgeTarget[i] = edgeTargets[e]!;
    });
    for (let i = 0; i < n; i++) this.edgeStart[i + 1]! += this.edgeStart[i]!;

    this.fail = new Int32Array(n);
    this.nextReport = new Int32Array(n).fill(-1);
    this.report = new Int32Array(n).fill(-1);
    this.linkFailures(symbolCount);
  }

  /** Breadth-first, so every node's failure target is final before its children need it. */
  private linkFailures(symbolCount: number): void {
    const queue = new Int32Array(this.nodeCount);
    let head = 0;
    let tail = 0;
    for (let s = 0; s < symbolCount; s++) {
      const child = this.rootGoto[s]!;
      if (child > 0) queue[tail++] = child;
    }
    while (head < tail) {
      const node = queue[head++]!;
      const fail = this.fail[node]!;
      const own = this.outputStart[node + 1]! > this.outputStart[node]!;
      this.nextReport[node] =
        this.outputStart[fail + 1]! > this.outputStart[fail]! && fail !== 0 ? fail : this.nextReport[fail]!;
      this.report[node] = own ? node : this.nextReport[node]!;
      for (let e = this.edgeStart[node]!; e < this.edgeStart[node + 1]!; e++) {
        const symbol = this.edgeSymbol[e]!;
        const child = this.edgeTarget[e]!;
        let f = fail;
        let target = this.goto(f, symbol);
        while (target < 0 && f !== 0) {
          f = this.fail[f]!;
          target = this.goto(f, symbol);
        }
        this.fail[child] = Math.max(target, 0);
        queue[tail++] = child;
      }
    }
  }

  /** The node's edge for a symbol, or -1. */
  goto(node: number, symbol: number): number {
    if (node === 0) return this.rootGoto[symbol]!;
    let lo = this.edgeStart[node]!;
    let hi = this.edgeStart[node + 1]! - 1;
    if (hi - lo < 8) {
      for (let e = lo; e <= hi; e++) if (this.edgeSymbol[e] === symbol) return this.edgeTarget[e]!;
      return -1;
    }
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.edgeSymbol[mid]!;
      if (s === symbol) return this.edgeTarget[mid]!;
      if (s < symbol) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The state after a token whose exact symbol is `symbol` (-1 for a token no pattern contains). */
  advance(state: number, symbol: number): number {
    if (symbol < 0) return 0;
    for (let s = state; ; s = this.fail[s]!) {
      const next = this.goto(s, symbol);
      if (next >= 0) return next;
      if (s === 0) return 0;
    }
  }

  /** The node a stem symbol leads to from `state` (following failures), or -1: stems only end patterns. */
  advanceStem(state: number, symbol: number): number {
    for (let s = state; ; s = this.fail[s]!) {
      const next = this.goto(s, symbol);
      if (next >= 0) return next;
      if (s === 0) return -1;
    }
  }

  /**
   * One pass over a text given as each token's symbols: its exact symbol (-1 when no pattern contains it) and
   * the stem symbols it satisfies (null when none). Reports (node, token index) pairs into `result`.
   */
  scan(tokens: readonly TokenSymbols[], count: number, result: ScanResult): void {
    const rootGoto = this.rootGoto;
    const report = this.report;
    let state = 0;
    for (let i = 0; i < count; i++) {
      const token = tokens[i]!;
      const stems = token.stems;
      if (stems !== null) {
        for (let k = 0; k < stems.length; k++) {
          const node = this.advanceStem(state, stems[k]!);
          if (node > 0 && report[node]! >= 0) result.push(report[node]!, i);
        }
      }
      const symbol = token.exact;
      if (symbol < 0) state = 0;
      else if (state === 0) state = Math.max(rootGoto[symbol]!, 0);
      else state = this.advance(state, symbol);
      if (state !== 0 && report[state]! >= 0) result.push(report[state]!, i);
    }
  }
}

export interface TokenSymbols {
  exact: number;
  stems: Int32Array | null;
}

/** Counting sort of (node, value) pairs into CSR form. */
function groupByNode(n: number, nodes: number[], values: number[]): [Int32Array, Int32Array] {
  const start = new Int32Array(n + 1);
  for (const node of nodes) start[node + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const out = new Int32Array(values.length);
  nodes.forEach((node, i) => {
    out[fill[node]!++] = values[i]!;
  });
  return [start, out];
}
