import { describe, expect, it } from "vitest";
import type { SentimentLabel } from "../../listeningTypes.ts";
import { CLASSES, LinearSentimentModel, predictionOf, softmax } from "./linearSentimentModel.ts";
import { extractFeatures } from "./sentimentFeatures.ts";
import { trainSoftmax } from "./softmaxTrainer.ts";

const TOY: [string, SentimentLabel][] = [
  ["zebra plum", "positive"],
  ["plum zebra kiwi", "positive"],
  ["gravel soot", "negative"],
  ["soot gravel kiwi", "negative"],
  ["kiwi", "neutral"],
  ["kiwi kiwi", "neutral"],
];

function toyModel(): LinearSentimentModel {
  const examples = TOY.map(([text, label]) => ({
    features: extractFeatures(text, "en"),
    label: CLASSES.indexOf(label),
    weight: 1,
  }));
  return trainSoftmax(
    examples,
    { epochs: 30, learningRate: 0.5, l2: 0, seed: 1 },
    {
      trainedOn: [{ source: "toy", language: "en", texts: TOY.length }],
      createdBy: "test",
    },
  );
}

describe("linear sentiment model", () => {
  it("learns a separable toy set and predicts probabilities that sum to one", () => {
    const model = toyModel();
    for (const [text, label] of TOY) expect(model.predict(text, "en").label, text).toBe(label);
    const { probabilities } = model.predict("zebra", "en");
    expect(probabilities.negative + probabilities.neutral + probabilities.positive).toBeCloseTo(1, 6);
  });

  it("trains the same weights from the same data and seed", () => {
    const bytes = (model: LinearSentimentModel) => Buffer.from(model.weights.buffer);
    expect(bytes(toyModel()).equals(bytes(toyModel()))).toBe(true);
  });

  it("survives a save and load with 8-bit weights, and refuses a file that is not a model", () => {
    const model = toyModel();
    const loaded = LinearSentimentModel.deserialize(model.serialize());
    expect(loaded.card.trainedOn).toEqual([{ source: "toy", language: "en", texts: 6 }]);
    for (const [text, label] of TOY) expect(loaded.predict(text, "en").label).toBe(label);
    expect(() => LinearSentimentModel.deserialize(Buffer.from("nope"))).toThrow();
  });

  it("scores P(positive) − P(negative)", () => {
    expect(predictionOf([0.1, 0.2, 0.7])).toMatchObject({ label: "positive", score: 0.6 });
    expect(predictionOf([0.5, 0.4, 0.1])).toMatchObject({ label: "negative", score: -0.4 });
    const probabilities = softmax([1000, 0, -1000]);
    expect(probabilities[0]).toBeCloseTo(1);
    expect(Number.isFinite(probabilities[2])).toBe(true);
  });
});
