import type { SentimentLabel } from "../../listeningTypes.ts";
import { SentimentModelError } from "./sentimentModelError.ts";

/** For each output class of the model (by index), the Parley class its probability counts towards. */
export type ClassBuckets = readonly SentimentLabel[];

/** Class names as sentiment models on the Hugging Face hub spell them, lower-cased without spaces or marks. */
const NAMED: Record<string, SentimentLabel> = {
  negative: "negative",
  neg: "negative",
  verynegative: "negative",
  neutral: "neutral",
  neu: "neutral",
  positive: "positive",
  pos: "positive",
  verypositive: "positive",
};

/** 1–2 stars are complaints, 3 is lukewarm, 4–5 are praise (as review-trained models such as nlptown's use them). */
const STARS: Record<number, SentimentLabel> = {
  1: "negative",
  2: "negative",
  3: "neutral",
  4: "positive",
  5: "positive",
};

/**
 * Generic LABEL_n names carry no meaning of their own; the convention of sentiment checkpoints that keep them
 * (cardiffnlp's among others) is this order. Other class counts have no agreed order and are refused.
 */
const GENERIC_ORDER: Record<number, ClassBuckets> = {
  2: ["negative", "positive"],
  3: ["negative", "neutral", "positive"],
};

function simplify(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

function orderedNames(id2label: unknown): string[] {
  if (!id2label || typeof id2label !== "object" || Array.isArray(id2label))
    throw new SentimentModelError("config.json has no id2label object naming the model's classes");
  const entries = Object.entries(id2label as Record<string, unknown>);
  const names: string[] = [];
  for (const [key, value] of entries) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= entries.length || typeof value !== "string")
      throw new SentimentModelError(
        `config.json id2label must map the class numbers 0..${entries.length - 1} to names; got "${key}": ${JSON.stringify(value)}`,
      );
    names[index] = value;
  }
  if (names.length < 2) throw new SentimentModelError("config.json id2label names fewer than two classes");
  return names;
}

/**
 * Reads a model's id2label (config.json) into Parley's three classes. Accepted: names meaning negative / neutral
 * / positive in any case or abbreviation (NEG/NEU/POS, "Very Negative"…), LABEL_0..LABEL_1 or LABEL_0..LABEL_2
 * in the conventional negative→positive order, and the five classes "1 star".."5 stars". Refused with a message
 * naming the class: any other name (emotions such as "joy", topics), other LABEL_n counts, a partial star scale,
 * mixtures of these kinds, and models with no negative or no positive class.
 */
export function classBucketsOf(id2label: unknown): ClassBuckets {
  const names = orderedNames(id2label);
  const simple = names.map(simplify);

  if (simple.every((name) => /^label\d+$/.test(name))) {
    const order = GENERIC_ORDER[names.length];
    if (!order || simple.some((name, index) => name !== `label${index}`))
      throw new SentimentModelError(
        `config.json id2label uses generic names (${names.join(", ")}) whose meaning Parley cannot know; ` +
          "only LABEL_0..LABEL_1 (negative, positive) and LABEL_0..LABEL_2 (negative, neutral, positive) are read; " +
          "rename the classes in id2label",
      );
    return order;
  }

  const stars = simple.map((name) => /^([1-5])stars?$/.exec(name)?.[1]);
  if (stars.some((star) => star !== undefined)) {
    const distinct = new Set(stars);
    if (names.length !== 5 || distinct.size !== 5 || stars.includes(undefined))
      throw new SentimentModelError(
        `config.json id2label mixes star ratings with other classes or lacks some (${names.join(", ")}); ` +
          'a star-rating model must have exactly the classes "1 star" to "5 stars"',
      );
    return stars.map((star) => STARS[Number(star)] as SentimentLabel);
  }

  const buckets = simple.map((name, index) => {
    const bucket = NAMED[name];
    if (!bucket)
      throw new SentimentModelError(
        `config.json id2label class ${index} "${names[index]}" is not a sentiment class Parley knows ` +
          "(negative / neutral / positive, NEG / NEU / POS, LABEL_n, or 1–5 stars)",
      );
    return bucket;
  });
  if (!buckets.includes("negative") || !buckets.includes("positive"))
    throw new SentimentModelError(
      `config.json id2label (${names.join(", ")}) needs at least a negative and a positive class`,
    );
  return buckets;
}
