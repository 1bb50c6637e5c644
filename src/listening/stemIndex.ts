/**
 * Which stem symbols a text token satisfies: a character trie over every stem ("доставк", "dostaw"), walked
 * along the token once. A stem matches when the token starts with it and goes on for at most its maxSuffix
 * more characters.
 */
export class StemIndex {
  /** Trie edges keyed by node * 65536 + UTF-16 code unit. */
  private readonly edges = new Map<number, number>();
  /** Per trie node: pairs of (stem symbol, maxSuffix) ending there. */
  private readonly terminals = new Map<number, number[]>();
  private nodeCount = 1;

  get size(): number {
    return this.terminals.size;
  }

  add(stem: string, maxSuffix: number, symbol: number): void {
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
    list.push(symbol, maxSuffix);
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
      for (let k = 0; k < list.length; k += 2) {
        if (rest <= list[k + 1]!) {
          found ??= [];
          found.push(list[k]!);
        }
      }
    }
    return found ? Int32Array.from(found) : null;
  }
}
