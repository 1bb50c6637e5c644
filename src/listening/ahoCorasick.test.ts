import { describe, expect, it } from "vitest";
import { ScanResult, TokenAutomaton } from "./ahoCorasick.ts";
import { StemIndex } from "./stemIndex.ts";

/** Every (output, first token, last token) an automaton reports over a symbol sequence. */
function occurrences(automaton: TokenAutomaton, exact: number[], stems: (number[] | null)[] = []): string[] {
  const result = new ScanResult();
  automaton.scan(
    exact.map((symbol, i) => ({ exact: symbol, stems: stems[i] ? Int32Array.from(stems[i]) : null })),
    exact.length,
    result,
  );
  const found: string[] = [];
  for (let r = 0; r < result.length; r++) {
    const end = result.ends[r]!;
    for (let node = result.nodes[r]!; node >= 0; node = automaton.nextReport[node]!) {
      for (let o = automaton.outputStart[node]!; o < automaton.outputStart[node + 1]!; o++)
        found.push(`${automaton.outputs[o]}@${end - automaton.depth[node]! + 1}-${end}`);
    }
  }
  return found.sort();
}

describe("token Aho–Corasick", () => {
  it("finds overlapping and nested patterns in one pass", () => {
    const automaton = new TokenAutomaton(
      [
        { symbols: [0, 1, 2], output: 10 },
        { symbols: [1, 2], output: 11 },
        { symbols: [2], output: 12 },
        { symbols: [1, 2, 3], output: 13 },
        { symbols: [0, 0], output: 14 },
      ],
      5,
    );
    expect(occurrences(automaton, [0, 0, 1, 2, 3, -1, 2])).toEqual([
      "10@1-3",
      "11@2-3",
      "12@3-3",
      "12@6-6",
      "13@2-4",
      "14@0-1",
    ]);
  });

  it("resets on tokens no pattern contains", () => {
    const automaton = new TokenAutomaton([{ symbols: [0, 1], output: 1 }], 2);
    expect(occurrences(automaton, [0, -1, 1, 0, 1])).toEqual(["1@3-4"]);
  });

  it("ends patterns with stem symbols found from the state before the token", () => {
    // Symbol 5 is a stem: pattern [0, 5] is "word then stem", [5] the stem alone.
    const automaton = new TokenAutomaton(
      [
        { symbols: [0, 5], output: 1 },
        { symbols: [5], output: 2 },
        { symbols: [1, 0, 5], output: 3 },
      ],
      6,
    );
    expect(occurrences(automaton, [1, 0, -1, 0], [null, null, [5], [5]])).toEqual([
      "1@1-2",
      "2@2-2",
      "2@3-3",
      "3@0-2",
    ]);
  });

  it("looks up stems within their suffix allowance", () => {
    const stems = new StemIndex();
    stems.add("доставк", 3, 7);
    stems.add("дост", 1, 8);
    expect([...(stems.lookup("доставкой") ?? [])]).toEqual([7]);
    expect([...(stems.lookup("доставк") ?? [])]).toEqual([7]);
    expect([...(stems.lookup("досты") ?? [])]).toEqual([8]);
    expect([...(stems.lookup("доставками") ?? [])]).toEqual([7]);
    expect(stems.lookup("доставкамир")).toBeNull();
    expect(stems.lookup("")).toBeNull();
  });
});
