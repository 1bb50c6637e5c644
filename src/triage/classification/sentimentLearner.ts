import { detectLanguage } from "../../listening/language/detectLanguage.ts";
import type { ListeningLanguage, SentimentLabel } from "../../listening/listeningTypes.ts";
import { tokenize } from "../../listening/normalize.ts";
import { NaiveBayes } from "./naiveBayes.ts";
import { textFeatures } from "./textFeatures.ts";

/**
 * What one workspace's agents taught about moods: a naive Bayes model over the same text features as the
 * category classifier, trained on the labels agents clicked. It is not a sentiment model of its own: it only
 * speaks up for texts like the ones it was corrected on ("kur ir mana paka", the team's jargon), and says
 * how sure it is, so adaptedSentiment.ts can let it override the provider there and nowhere else.
 */

export const SENTIMENT_LABELS: readonly SentimentLabel[] = ["negative", "neutral", "positive"];

export interface SentimentExample {
  text: string;
  label: SentimentLabel;
  language?: ListeningLanguage | null | undefined;
}

/** The learner's say about one text: a share per label it recognises, the rest is "no opinion". */
export interface LearnedOpinion {
  shares: Record<SentimentLabel, number>;
  /** 1 − the sum of the shares: how much of the judgement is left to the provider. */
  none: number;
}

/** Below this many corrections to a label the learner keeps quiet about it: one or two clicks may be slips. */
const MIN_EXAMPLES = 3;
/** Evidence weight n / (n + EXAMPLE_RAMP): 0.6 at three corrections, 0.83 at ten. */
const EXAMPLE_RAMP = 2;
/**
 * Naive Bayes sums far more log evidence than correlated features are worth; scaled so that a text whose
 * every word was in three agreeing corrections gets a share of about 0.6 against "no opinion".
 */
const MODEL_SCALE = 0.5;
const MAX_LOGIT = 5;
/** A label is an opinion only above this: more than one word shared with a single correction. */
const MIN_LOGIT = 0.25;
/**
 * A label speaks only for texts at least half of whose words recur in its corrections (in two or more of
 * them): sharing the brand's name or a word that one corrected message happened to hold does not make a text
 * like them. Measured on eval/listening (bench/sentimentLearner.bench.ts), looser gates changed many more
 * labels than they fixed.
 */
const MIN_COVERAGE = 0.5;
const MIN_WORD_EXAMPLES = 2;
const MAX_CHARS = 5000;

export class SentimentLearner {
  private readonly model = new NaiveBayes(SENTIMENT_LABELS.length);
  private readonly evidence = new Float64Array(SENTIMENT_LABELS.length);

  constructor(examples: readonly SentimentExample[] = []) {
    for (const example of examples) this.learn(example);
  }

  get exampleCount(): number {
    let total = 0;
    for (let c = 0; c < SENTIMENT_LABELS.length; c++) total += this.model.exampleCount(c);
    return total;
  }

  learn(example: SentimentExample): void {
    const label = SENTIMENT_LABELS.indexOf(example.label);
    if (label < 0) return;
    const features = featuresOf(example.text, example.language ?? undefined);
    if (features.all.length > 0) this.model.learn(label, features.all);
  }

  /** null when the learner has no opinion on `text`: too few corrections, or nothing like it corrected. */
  opinion(text: string, language?: ListeningLanguage | null): LearnedOpinion | null {
    if (!this.isTrained()) return null;
    const features = featuresOf(text, language ?? undefined);
    if (features.words.length === 0) return null;
    // How much of the text each label's corrections have seen: the likeness that earns the label a say.
    const seen = new Float64Array(SENTIMENT_LABELS.length);
    for (const word of features.words) {
      const counts = this.model.featureCounts(word);
      if (!counts) continue;
      for (let c = 0; c < seen.length; c++) if (counts[c]! >= MIN_WORD_EXAMPLES) seen[c]!++;
    }
    this.model.evidence(features.all, this.evidence);
    const logits = SENTIMENT_LABELS.map((_, c) => {
      const examples = this.model.exampleCount(c);
      const coverage = seen[c]! / features.words.length;
      if (examples < MIN_EXAMPLES || coverage < MIN_COVERAGE) return null;
      const weight = (MODEL_SCALE * examples) / (examples + EXAMPLE_RAMP);
      const logit = clamp(weight * this.evidence[c]!, -MAX_LOGIT, MAX_LOGIT);
      return logit >= MIN_LOGIT ? logit : null;
    });
    if (logits.every((logit) => logit === null)) return null;
    // Softmax over the labels with an opinion plus "none of them" at logit 0, as the category classifier does.
    let sum = 1;
    for (const logit of logits) if (logit !== null) sum += Math.exp(logit);
    const shares = { negative: 0, neutral: 0, positive: 0 };
    SENTIMENT_LABELS.forEach((label, c) => {
      const logit = logits[c];
      if (logit !== null && logit !== undefined) shares[label] = Math.exp(logit) / sum;
    });
    return { shares, none: 1 / sum };
  }

  private isTrained(): boolean {
    for (let c = 0; c < SENTIMENT_LABELS.length; c++)
      if (this.model.exampleCount(c) >= MIN_EXAMPLES) return true;
    return false;
  }
}

function featuresOf(
  text: string,
  language: ListeningLanguage | undefined,
): { all: string[]; words: string[] } {
  const sample = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const tokens = tokenize(sample);
  if (tokens.length === 0) return { all: [], words: [] };
  let lang: ListeningLanguage | null = language ?? null;
  if (!lang) {
    const detected = detectLanguage(sample, tokens);
    lang = detected.language === "other" ? null : detected.language;
  }
  const all = textFeatures(sample, tokens, lang);
  return { all, words: all.filter((feature) => !feature.includes(" ")) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
