import { describe, expect, it } from "vitest";
import { predictionFromLogits } from "./classProbabilities.ts";

describe("predictionFromLogits", () => {
  it("softmaxes one row of a batch into probabilities that sum to one", () => {
    const logits = Float32Array.from([9, 9, 9, 0, 0, Math.log(2)]);
    const prediction = predictionFromLogits(logits, 1, ["negative", "neutral", "positive"]);
    expect(prediction.probabilities.negative).toBeCloseTo(0.25);
    expect(prediction.probabilities.neutral).toBeCloseTo(0.25);
    expect(prediction.probabilities.positive).toBeCloseTo(0.5);
    expect(prediction.label).toBe("positive");
    expect(prediction.score).toBeCloseTo(0.25);
  });

  it("adds the probabilities of classes that mean the same thing (a five-star scale)", () => {
    const prediction = predictionFromLogits([0, 0, 0, 0, 0], 0, [
      "negative",
      "negative",
      "neutral",
      "positive",
      "positive",
    ]);
    expect(prediction.probabilities).toEqual({
      negative: expect.closeTo(0.4),
      neutral: expect.closeTo(0.2),
      positive: expect.closeTo(0.4),
    });
    expect(prediction.label).toBe("negative");
  });

  it("stays finite for huge logits and calls a tie neutral", () => {
    const prediction = predictionFromLogits([1000, 1000, 1000], 0, ["negative", "neutral", "positive"]);
    expect(prediction.label).toBe("neutral");
    expect(prediction.score).toBeCloseTo(0);
    expect(prediction.probabilities.neutral).toBeCloseTo(1 / 3);
  });

  it("leaves neutral at zero for a two-class model", () => {
    const prediction = predictionFromLogits([2, -2], 0, ["negative", "positive"]);
    expect(prediction.label).toBe("negative");
    expect(prediction.probabilities.neutral).toBe(0);
    expect(prediction.score).toBeLessThan(-0.9);
  });
});
