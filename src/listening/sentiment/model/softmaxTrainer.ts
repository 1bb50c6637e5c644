import { CLASSES, LinearSentimentModel, type ModelCard, softmax } from "./linearSentimentModel.ts";
import { FEATURE_COUNT, type FeatureVector } from "./sentimentFeatures.ts";

export interface TrainingExample {
  features: FeatureVector;
  /** Index into CLASSES. */
  label: number;
  /** How much this example counts: balances classes, languages and sources. */
  weight: number;
}

export interface TrainingOptions {
  epochs: number;
  /** AdaGrad's base step. */
  learningRate: number;
  /** L2 penalty, applied to the weights an example touches (lazily, as is usual for sparse SGD). */
  l2: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { epochs: 6, learningRate: 0.2, l2: 1e-6, seed: 20261204 };

/**
 * Multinomial logistic regression by AdaGrad over sparse hashed features. Deterministic for a given seed
 * and example order, so `npm run train:sentiment` reproduces the committed model byte for byte.
 */
export function trainSoftmax(
  examples: readonly TrainingExample[],
  options: TrainingOptions,
  card: Omit<ModelCard, "epochs" | "l2">,
): LinearSentimentModel {
  const classes = CLASSES.length;
  const weights = new Float32Array(FEATURE_COUNT * classes);
  const squares = new Float32Array(FEATURE_COUNT * classes).fill(1e-6);
  const order = examples.map((_, i) => i);
  const random = mulberry32(options.seed);
  const model = new LinearSentimentModel(weights, { ...card, epochs: options.epochs, l2: options.l2 });
  const logits = new Float64Array(classes);
  const gradient = new Float64Array(classes);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const example = examples[i]!;
      const probabilities = softmax(model.logits(example.features, logits));
      for (let c = 0; c < classes; c++)
        gradient[c] = (probabilities[c]! - (c === example.label ? 1 : 0)) * example.weight;
      const { indices, values, length } = example.features;
      for (let k = 0; k < length; k++) {
        const base = indices[k]! * classes;
        const value = values[k]!;
        for (let c = 0; c < classes; c++) {
          const at = base + c;
          const g = gradient[c]! * value + options.l2 * weights[at]!;
          squares[at]! += g * g;
          weights[at]! -= (options.learningRate * g) / Math.sqrt(squares[at]!);
        }
      }
    }
  }
  return model;
}

function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/** A small seeded PRNG (Mulberry32), enough for shuffling. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
