/**
 * Which stem symbols a text token satisfies: a character trie over every stem ("доставк", "dostaw"), walked
 * along the token once. A stem matches when the token starts with it and goes on for at most its maxSuffix
 * more characters, and, when the stem lists its suffixes (inflectional endings), by one of those exactly.
 */
export class StemIndex {
  /** Trie edges keyed by node * 65536 + UTF-16 code unit. */
  private readonly edges = new Map<number, number>();
  /** Per trie node: triples of (stem symbol, maxSuffix, index in suffixSets or -1 for any) ending there. */
  private readonly terminals = new Map<number, number[]>();
  private readonly suffixSets: ReadonlySet<string>[] = [];
  /** Stems of one term share one suffix list: one set per distinct list. */
  private readonly suffixSetOf = new Map<readonly string[], number>();
  private nodeCount = 1;

  get size(): number {
    return this.terminals.size;
  }

  add(stem: string, maxSuffix: number, symbol: number, suffixes?: readonly string[]): void {
    let suffixSet = -1;
    if (suffixes) {
      suffixSet = this.suffixSetOf.get(suffixes) ?? -1;
      if (suffixSet < 0) {
        suffixSet = this.suffixSets.length;
        this.suffixSets.push(new Set(suffixes));
        this.suffixSetOf.set(suffixes, suffixSet);
      }
    }
    let node = 0;
    for (let i = 0; i < stem.length; i++) {
      const key = node * 65536 + stem.charCodeAt(i);
      let child = this.edges.get(key);
      if (child === undefined) {
        child = this.nodeCount++;
        this.edges.set(key, child);
      }
      node = child;
    }
    const list = this.terminals.get(node) ?? [];
    list.push(symbol, maxSuffix, suffixSet);
    this.terminals.set(node, list);
  }

  /** The stem symbols the token satisfies, or null. */
  lookup(token: string): Int32Array | null {
    if (this.terminals.size === 0) return null;
    let found: number[] | null = null;
    let node = 0;
    for (let i = 0; i < token.length; i++) {
      const child = this.edges.get(node * 65536 + token.charCodeAt(i));
      if (child === undefined) break;
      node = child;
      const list = this.terminals.get(node);
      if (list === undefined) continue;
      const rest = token.length - i - 1;
      for (let k = 0; k < list.length; k += 3) {
        const suffixSet = list[k + 2]!;
        if (rest <= list[k + 1]! && (suffixSet < 0 || this.suffixSets[suffixSet]!.has(token.slice(i + 1)))) {
          found ??= [];
          found.push(list[k]!);
        }
      }
    }
    return found ? Int32Array.from(found) : null;
  }
}
