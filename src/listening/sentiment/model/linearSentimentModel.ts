import { gunzipSync, gzipSync } from "node:zlib";
import type { ListeningLanguage, SentimentLabel } from "../../listeningTypes.ts";
import type { SentimentPrediction } from "../sentimentProvider.ts";
import { extractFeatures, FEATURE_BITS, FEATURE_COUNT, type FeatureVector } from "./sentimentFeatures.ts";

/** Class order of every weight row; index 0 is negative. */
export const CLASSES: readonly SentimentLabel[] = ["negative", "neutral", "positive"];
const CLASS_COUNT = CLASSES.length;
const MAGIC = "PRLYSNT1";

/** What the model file says about itself, printed by the training script and shown to admins. */
export interface ModelCard {
  trainedOn: { source: string; language: string; texts: number }[];
  epochs: number;
  l2: number;
  createdBy: string;
}

/**
 * A multinomial logistic regression over hashed features. Weights are kept as 8-bit integers with one scale
 * per class (the committed file is a few megabytes; prediction is a few hundred multiply-adds).
 */
export class LinearSentimentModel {
  readonly weights: Float32Array;
  readonly card: ModelCard;

  constructor(weights: Float32Array, card: ModelCard) {
    if (weights.length !== FEATURE_COUNT * CLASS_COUNT)
      throw new Error("sentiment model: wrong weight count");
    this.weights = weights;
    this.card = card;
  }

  logits(features: FeatureVector, out = new Float64Array(CLASS_COUNT)): Float64Array {
    out.fill(0);
    const { indices, values, length } = features;
    const weights = this.weights;
    for (let k = 0; k < length; k++) {
      const base = indices[k]! * CLASS_COUNT;
      const value = values[k]!;
      out[0]! += weights[base]! * value;
      out[1]! += weights[base + 1]! * value;
      out[2]! += weights[base + 2]! * value;
    }
    return out;
  }

  predictFeatures(features: FeatureVector): SentimentPrediction {
    const probabilities = softmax(this.logits(features));
    return predictionOf(probabilities);
  }

  predict(text: string, language: ListeningLanguage): SentimentPrediction {
    return this.predictFeatures(extractFeatures(text, language));
  }

  serialize(): Buffer {
    const scales = new Float32Array(CLASS_COUNT);
    for (let i = 0; i < this.weights.length; i++) {
      const c = i % CLASS_COUNT;
      scales[c] = Math.max(scales[c]!, Math.abs(this.weights[i]!));
    }
    for (let c = 0; c < CLASS_COUNT; c++) scales[c] = scales[c]! / 127 || 1;
    const quantised = new Int8Array(this.weights.length);
    for (let i = 0; i < this.weights.length; i++)
      quantised[i] = Math.round(this.weights[i]! / scales[i % CLASS_COUNT]!);
    const header = Buffer.from(
      JSON.stringify({ featureBits: FEATURE_BITS, classes: CLASSES, card: this.card }),
    );
    const headerLength = Buffer.alloc(4);
    headerLength.writeUInt32LE(header.length);
    return gzipSync(
      Buffer.concat([
        Buffer.from(MAGIC),
        headerLength,
        header,
        Buffer.from(scales.buffer),
        Buffer.from(quantised.buffer),
      ]),
      { level: 9 },
    );
  }

  static deserialize(file: Buffer): LinearSentimentModel {
    const data = gunzipSync(file);
    if (data.subarray(0, MAGIC.length).toString() !== MAGIC)
      throw new Error("sentiment model: not a model file");
    let at = MAGIC.length;
    const headerLength = data.readUInt32LE(at);
    at += 4;
    const header = JSON.parse(data.subarray(at, at + headerLength).toString()) as {
      featureBits: number;
      classes: string[];
      card: ModelCard;
    };
    at += headerLength;
    if (header.featureBits !== FEATURE_BITS || header.classes.join() !== CLASSES.join())
      throw new Error("sentiment model: made for another feature layout; run npm run train:sentiment");
    const scales = new Float32Array(
      data.buffer.slice(data.byteOffset + at, data.byteOffset + at + 4 * CLASS_COUNT),
    );
    at += 4 * CLASS_COUNT;
    const quantised = new Int8Array(data.buffer, data.byteOffset + at, FEATURE_COUNT * CLASS_COUNT);
    const weights = new Float32Array(quantised.length);
    for (let i = 0; i < quantised.length; i++) weights[i] = quantised[i]! * scales[i % CLASS_COUNT]!;
    return new LinearSentimentModel(weights, header.card);
  }
}

export function softmax(logits: ArrayLike<number>): number[] {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < logits.length; c++) max = Math.max(max, logits[c]!);
  const exps: number[] = [];
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    const e = Math.exp(logits[c]! - max);
    exps.push(e);
    sum += e;
  }
  return exps.map((e) => e / sum);
}

export function predictionOf(probabilities: readonly number[]): SentimentPrediction {
  let best = 0;
  for (let c = 1; c < CLASS_COUNT; c++) if (probabilities[c]! > probabilities[best]!) best = c;
  const [negative, neutral, positive] = probabilities as [number, number, number];
  const score = Math.round((positive - negative) * 1000) / 1000;
  return {
    label: CLASSES[best]!,
    score: score === 0 ? 0 : score,
    probabilities: { negative, neutral, positive },
  };
}
