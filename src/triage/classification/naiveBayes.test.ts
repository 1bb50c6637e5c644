import { describe, expect, it } from "vitest";
import { NaiveBayes } from "./naiveBayes.ts";

describe("NaiveBayes", () => {
  it("gives positive evidence to the category whose examples share the features, none to untrained ones", () => {
    const model = new NaiveBayes(3);
    model.learn(0, ["bonus", "dostavk", "bonus dostavk"]);
    model.learn(0, ["bonus", "nachisl"]);
    model.learn(1, ["kurer", "opozdal"]);
    const out = new Float64Array(3);
    expect(model.evidence(["bonus", "dostavk", "unseen"], out)).toBe(2);
    expect(out[0]).toBeGreaterThan(0);
    expect(out[1]).toBeLessThanOrEqual(0);
    expect(out[2]).toBeCloseTo(0, 10);
    expect(model.evidence(["unseen"], out)).toBe(0);
    expect([...out]).toEqual([0, 0, 0]);
  });

  it("ranks a feature seen in more examples higher", () => {
    const model = new NaiveBayes(2);
    model.learn(0, ["a"]);
    model.learn(0, ["a"]);
    model.learn(1, ["a"]);
    model.learn(1, ["b"]);
    const out = new Float64Array(2);
    model.evidence(["a"], out);
    expect(out[0]).toBeGreaterThan(out[1]!);
  });

  it("rebuilds from its state with categories remapped or dropped", () => {
    const model = new NaiveBayes(2);
    model.learn(0, ["a", "b"]);
    model.learn(1, ["c"]);
    const swapped = NaiveBayes.fromState(2, model.toState(), [1, 0]);
    expect(swapped.exampleCount(1)).toBe(1);
    const original = new Float64Array(2);
    const restored = new Float64Array(2);
    model.evidence(["a", "c"], original);
    swapped.evidence(["a", "c"], restored);
    expect([restored[1], restored[0]]).toEqual([original[0], original[1]]);

    const dropped = NaiveBayes.fromState(1, model.toState(), [-1, 0]);
    expect(dropped.exampleCount(0)).toBe(1);
    expect(dropped.vocabularySize).toBe(1);
    expect(() => dropped.learn(1, ["x"])).toThrow(RangeError);
  });
});
