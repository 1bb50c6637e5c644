import { describe, expect, it } from "vitest";
import { type LabelledMention, scoreMentions, scoreSentiment } from "./listeningMetrics.ts";

describe("listening evaluation metrics", () => {
  it("computes accuracy, per-label F1 and macro-F1 from a confusion matrix", () => {
    const scores = scoreSentiment([
      { gold: "negative", predicted: "negative" },
      { gold: "negative", predicted: "neutral" },
      { gold: "neutral", predicted: "neutral" },
      { gold: "positive", predicted: "positive" },
    ]);
    expect(scores.accuracy).toBe(0.75);
    expect(scores.confusion.negative.neutral).toBe(1);
    // negative: P 1, R .5, F1 .667; neutral: P .5, R 1, F1 .667; positive: 1.
    expect(scores.perLabel.negative).toEqual({ precision: 1, recall: 0.5, f1: 0.667, support: 2 });
    expect(scores.perLabel.neutral.f1).toBe(0.667);
    expect(scores.macroF1).toBe(0.778);
  });

  it("scores mentions per kind: a missed kind is a false negative, an extra one a false positive", () => {
    const item = (id: string, mentions: LabelledMention["mentions"]): LabelledMention => ({
      id,
      language: "en",
      text: id,
      mentions,
      sentiment: "neutral",
    });
    const items = [item("a", ["brand", "product"]), item("b", []), item("c", ["competitor"])];
    const found: Record<string, LabelledMention["mentions"]> = {
      a: ["brand"],
      b: ["brand"],
      c: ["competitor"],
    };
    const result = scoreMentions(items, (i) => found[i.id] ?? []);
    expect(result.overall).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(result.overall.precision).toBe(0.667);
    expect(result.perKind.product).toMatchObject({ recall: 0, precision: 1 });
    expect(result.perKind.brand).toMatchObject({ precision: 0.5, recall: 1 });
    expect(result.errors.map((e) => `${e.id}:${e.error}:${e.kind}`).sort()).toEqual([
      "a:fn:product",
      "b:fp:brand",
    ]);
  });
});
