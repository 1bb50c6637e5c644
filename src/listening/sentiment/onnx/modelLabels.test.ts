import { describe, expect, it } from "vitest";
import { classBucketsOf } from "./modelLabels.ts";
import { SentimentModelError } from "./sentimentModelError.ts";

const id2label = (...names: string[]) => Object.fromEntries(names.map((name, i) => [String(i), name]));

describe("classBucketsOf", () => {
  it("reads sentiment names in any case, abbreviation and order", () => {
    expect(classBucketsOf(id2label("negative", "neutral", "positive"))).toEqual([
      "negative",
      "neutral",
      "positive",
    ]);
    expect(classBucketsOf(id2label("POS", "NEG", "NEU"))).toEqual(["positive", "negative", "neutral"]);
    expect(classBucketsOf(id2label("Positive", "Negative"))).toEqual(["positive", "negative"]);
    expect(
      classBucketsOf(id2label("Very Negative", "Negative", "Neutral", "Positive", "Very Positive")),
    ).toEqual(["negative", "negative", "neutral", "positive", "positive"]);
  });

  it("reads generic LABEL_n names in the conventional negative-to-positive order", () => {
    expect(classBucketsOf(id2label("LABEL_0", "LABEL_1", "LABEL_2"))).toEqual([
      "negative",
      "neutral",
      "positive",
    ]);
    expect(classBucketsOf(id2label("LABEL_0", "LABEL_1"))).toEqual(["negative", "positive"]);
  });

  it("folds a five-star scale into three classes", () => {
    expect(classBucketsOf(id2label("1 star", "2 stars", "3 stars", "4 stars", "5 stars"))).toEqual([
      "negative",
      "negative",
      "neutral",
      "positive",
      "positive",
    ]);
  });

  it("takes the class numbers from the keys, not from the order they are written in", () => {
    expect(classBucketsOf({ "2": "positive", "0": "negative", "1": "neutral" })).toEqual([
      "negative",
      "neutral",
      "positive",
    ]);
  });

  it.each([
    ["an emotion model", id2label("joy", "anger", "sadness"), /class 0 "joy" is not a sentiment class/],
    ["four generic classes", id2label("LABEL_0", "LABEL_1", "LABEL_2", "LABEL_3"), /generic names/],
    ["generic classes out of order", id2label("LABEL_1", "LABEL_0"), /generic names/],
    [
      "a partial star scale",
      id2label("1 star", "3 stars", "5 stars"),
      /exactly the classes "1 star" to "5 stars"/,
    ],
    ["stars mixed with names", id2label("1 star", "2 stars", "3 stars", "4 stars", "positive"), /mixes star/],
    ["names mixed with LABEL_n", id2label("negative", "LABEL_1", "positive"), /class 1 "LABEL_1"/],
    ["no positive class", id2label("negative", "neutral"), /needs at least a negative and a positive/],
    ["a single class", id2label("positive"), /fewer than two classes/],
    ["gaps in the class numbers", { "0": "negative", "2": "positive" }, /class numbers 0\.\.1/],
    ["no id2label", undefined, /no id2label object/],
  ])("refuses %s with a message naming what is wrong", (_case, labels, message) => {
    expect(() => classBucketsOf(labels)).toThrow(SentimentModelError);
    expect(() => classBucketsOf(labels)).toThrow(message);
  });
});
