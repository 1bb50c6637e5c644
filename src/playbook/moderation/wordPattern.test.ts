import { describe, expect, it } from "vitest";
import { expandWordPattern, wordPatternProblem } from "./wordPattern.ts";

describe("word patterns", () => {
  it("anchors by where the stars are", () => {
    expect(expandWordPattern("сука")).toEqual([{ letters: "сука", anchor: "word" }]);
    expect(expandWordPattern("kurw*")).toEqual([{ letters: "kurw", anchor: "prefix" }]);
    expect(expandWordPattern("*cunt")).toEqual([{ letters: "cunt", anchor: "suffix" }]);
    expect(expandWordPattern("*fuck*")).toEqual([{ letters: "fuck", anchor: "infix" }]);
  });

  it("expands groups, the empty alternative included, and folds letters without collapsing repeats", () => {
    expect(expandWordPattern("(|на|по)хуЙ*").map((f) => f.letters)).toEqual(["хуи", "нахуи", "похуи"]);
    expect(expandWordPattern("Gówno").map((f) => f.letters)).toEqual(["gowno"]);
    expect(expandWordPattern("asshole").map((f) => f.letters)).toEqual(["asshole"]);
  });

  it.each([
    ["", "is empty"],
    ["two words", "must be a single word (no spaces)"],
    ["fo*o", "may use * only at the start or the end"],
    ["(a|b", "has a ( without its )"],
    ["a|b", "has a | outside a (a|b) group"],
    ["((ab))", "may not nest groups"],
    ["sh1t", "may contain only letters, a * at the start or the end, and (a|b) groups"],
    ["(|a)b", 'stands for a form shorter than two letters ("b")'],
    ["*", 'stands for a form shorter than two letters ("")'],
    ["(a|b|c|d|e|f|g|h|i)(a|b|c|d|e|f|g|h|i)(a|b|c|d|e|f|g|h|i)", "stands for more than 512 forms"],
  ])("explains what is wrong with %j", (pattern, problem) => {
    expect(wordPatternProblem(pattern)).toBe(problem);
    expect(() => expandWordPattern(pattern)).toThrow(RangeError);
  });

  it("accepts a usable pattern and rejects what is not text", () => {
    expect(wordPatternProblem("(|za|na)jeb(a|i)*")).toBeUndefined();
    expect(wordPatternProblem(42)).toBe("must be text");
  });
});
