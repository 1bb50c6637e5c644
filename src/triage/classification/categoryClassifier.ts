import { detectLanguage } from "../../listening/language/detectLanguage.ts";
import { LISTENING_LANGUAGES, type ListeningLanguage } from "../../listening/listeningTypes.ts";
import { type Token, tokenize } from "../../listening/normalize.ts";
import { KeywordRules } from "./keywordRules.ts";
import { NaiveBayes } from "./naiveBayes.ts";
import { textFeatures } from "./textFeatures.ts";

/**
 * Sorts a customer's message into one support category from two kinds of evidence added as logits: keyword
 * rules (keywordRules.ts) and a naive Bayes model learned from the categories agents set (naiveBayes.ts).
 * Rules work from day one; the model earns its say per category, so that once agents have moved a few
 * "где мой бонус за доставку" from delivery to bonus, the next one goes to bonus despite the keyword.
 *
 * Confidence is a softmax over the categories with any evidence plus a "none of them" option at logit 0,
 * so one keyword alone gives 0.6, four give 0.9, and evidence shared between categories lowers it.
 */

export interface CategoryDefinition {
  key: string;
  keywords: Partial<Record<ListeningLanguage, readonly string[]>>;
}

export interface TrainingExample {
  text: string;
  categoryKey: string;
  language?: ListeningLanguage | undefined;
}

export interface Classification {
  categoryKey: string;
  /** 0..1: the category's share of the softmax, which also holds "none of them". */
  confidence: number;
  /** Which evidence weighed more for the chosen category. */
  source: "rule" | "model";
  /** Every category's share of the softmax (0 for those without evidence); the rest is "none of them". */
  scores: Record<string, number>;
}

/** What `toJSON` returns: counts only, no message text. */
export interface CategoryModelJson {
  version: 1;
  categories: string[];
  examples: number[];
  features: [string, number[]][];
}

/** The category `isComplaint` asks about: a complaint is as much a tone as a topic. */
export const COMPLAINT_CATEGORY = "complaint";

/** One keyword's logit: e^x / (e^x + 1) = 0.6. */
const FIRST_HIT_LOGIT = Math.log(1.5);
const MAX_HITS = 4;
/** Each further keyword, up to MAX_HITS: two give 0.73, three 0.83, four or more 0.9. */
const NEXT_HIT_LOGIT = (Math.log(9) - FIRST_HIT_LOGIT) / (MAX_HITS - 1);
/** Below this many examples a category's model evidence is left out: one or two corrections may be slips. */
const MIN_EXAMPLES = 3;
/** Evidence weight n / (n + EXAMPLE_RAMP): 0.6 at three examples, 0.83 at ten. */
const EXAMPLE_RAMP = 2;
/**
 * Naive Bayes sums one log ratio per feature, far more than the evidence is worth since features of one
 * text are anything but independent; this brings a text like three agreeing examples to about one keyword.
 */
const MODEL_SCALE = 0.3;
const MAX_MODEL_LOGIT = 5;
/** About one feature found in every example of a category at three examples; one found in a single example is below. */
const MIN_MODEL_LOGIT = 0.2;
/** Below this detection confidence a text's language is a guess, and the keywords of every language are tried. */
const SURE_LANGUAGE = 0.5;
/** A long post is judged by its start, which bounds the work. */
const MAX_CHARS = 5000;

interface PreparedText {
  text: string;
  tokens: Token[];
  /** null: not one of ours, or too short to tell. */
  language: ListeningLanguage | null;
  sure: boolean;
}

interface Evidence {
  rule: Float64Array;
  model: Float64Array;
  total: Float64Array;
  /** Categories with any evidence, the softmax's members. */
  candidate: Uint8Array;
}

export class CategoryClassifier {
  private readonly keys: readonly string[];
  private readonly indexByKey: ReadonlyMap<string, number>;
  private readonly rules: ReadonlyMap<ListeningLanguage, KeywordRules>;
  private model: NaiveBayes;
  private readonly modelEvidence: Float64Array;

  constructor(categories: readonly CategoryDefinition[], examples: readonly TrainingExample[] = []) {
    this.keys = categories.map((c) => c.key);
    this.indexByKey = new Map(this.keys.map((key, i) => [key, i]));
    if (this.indexByKey.size !== this.keys.length) throw new Error("Category keys must be unique");
    this.rules = new Map(
      LISTENING_LANGUAGES.map((language) => [
        language,
        new KeywordRules(
          language,
          categories.map((c) => c.keywords[language]),
        ),
      ]),
    );
    this.model = new NaiveBayes(this.keys.length);
    this.modelEvidence = new Float64Array(this.keys.length);
    for (const example of examples) this.learn(example);
  }

  /** Learns one agent-set category. Examples of categories this classifier does not have are ignored. */
  learn(example: TrainingExample): void {
    const category = this.indexByKey.get(example.categoryKey);
    if (category === undefined) return;
    const prepared = prepare(example.text, example.language);
    if (!prepared) return;
    this.model.learn(category, textFeatures(prepared.text, prepared.tokens, prepared.language));
  }

  /** The best category for `text`, or null when neither keywords nor learned examples say anything. */
  classify(text: string, language?: ListeningLanguage): Classification | null {
    const prepared = prepare(text, language);
    if (!prepared) return null;
    const evidence = this.evidenceFor(prepared);
    const best = bestCategory(evidence);
    if (best < 0) return null;
    const scores = softmax(evidence);
    return {
      categoryKey: this.keys[best]!,
      confidence: scores[best]!,
      source: evidence.model[best]! > evidence.rule[best]! ? "model" : "rule",
      scores: Object.fromEntries(this.keys.map((key, i) => [key, scores[i]!])),
    };
  }

  /**
   * Whether `text` complains, whatever it is about: "курьер опять опоздал, безобразие" is filed under
   * delivery but is a complaint too. Needs a category keyed COMPLAINT_CATEGORY.
   */
  isComplaint(text: string, language?: ListeningLanguage): boolean {
    const complaint = this.indexByKey.get(COMPLAINT_CATEGORY);
    if (complaint === undefined) return false;
    const prepared = prepare(text, language);
    if (!prepared) return false;
    const evidence = this.evidenceFor(prepared);
    return evidence.total[complaint]! >= FIRST_HIT_LOGIT || bestCategory(evidence) === complaint;
  }

  toJSON(): CategoryModelJson {
    const state = this.model.toState();
    return {
      version: 1,
      categories: [...this.keys],
      examples: [...state.examples],
      features: state.features.map(([feature, counts]) => [feature, [...counts]]),
    };
  }

  /**
   * A classifier with `categories` and the model saved by `toJSON`. Categories are matched by key, so the
   * list may have been reordered, grown or shrunk since; counts of removed categories are dropped.
   */
  static fromJSON(categories: readonly CategoryDefinition[], json: unknown): CategoryClassifier {
    const saved = parseModelJson(json);
    const classifier = new CategoryClassifier(categories);
    const categoryMap = saved.categories.map((key) => classifier.indexByKey.get(key) ?? -1);
    classifier.model = NaiveBayes.fromState(classifier.keys.length, saved, categoryMap);
    return classifier;
  }

  private evidenceFor(prepared: PreparedText): Evidence {
    const count = this.keys.length;
    const rule = new Float64Array(count);
    const model = new Float64Array(count);
    const total = new Float64Array(count);
    const candidate = new Uint8Array(count);
    const hits = this.keywordHits(prepared);
    for (let c = 0; c < count; c++) {
      const h = Math.min(MAX_HITS, hits[c]!);
      if (h > 0) {
        rule[c] = FIRST_HIT_LOGIT + NEXT_HIT_LOGIT * (h - 1);
        candidate[c] = 1;
      }
    }
    if (this.hasTrainedCategory()) {
      const features = textFeatures(prepared.text, prepared.tokens, prepared.language);
      const known = this.model.evidence(features, this.modelEvidence);
      for (let c = 0; c < count && known > 0; c++) {
        const examples = this.model.exampleCount(c);
        if (examples < MIN_EXAMPLES) continue;
        const weight = (MODEL_SCALE * examples) / (examples + EXAMPLE_RAMP);
        model[c] = clamp(weight * this.modelEvidence[c]!, -MAX_MODEL_LOGIT, MAX_MODEL_LOGIT);
        // On the model's word alone, a category is a candidate once its examples share more with the text
        // than one word they happened to contain; otherwise each would take a share of the softmax for little.
        if (model[c]! >= MIN_MODEL_LOGIT) candidate[c] = 1;
      }
    }
    for (let c = 0; c < count; c++) total[c] = rule[c]! + model[c]!;
    return { rule, model, total, candidate };
  }

  private keywordHits(prepared: PreparedText): Int32Array {
    if (prepared.language && prepared.sure) return this.rules.get(prepared.language)!.hits(prepared.tokens);
    // Unsure of the language: each category takes its best reading in any one language, never a sum, so a
    // word that is a keyword in two languages does not count twice.
    const best = new Int32Array(this.keys.length);
    for (const rules of this.rules.values()) {
      const hits = rules.hits(prepared.tokens);
      for (let c = 0; c < best.length; c++) best[c] = Math.max(best[c]!, hits[c]!);
    }
    return best;
  }

  private hasTrainedCategory(): boolean {
    for (let c = 0; c < this.keys.length; c++) if (this.model.exampleCount(c) >= MIN_EXAMPLES) return true;
    return false;
  }
}

function prepare(text: string, language: ListeningLanguage | undefined): PreparedText | null {
  if (typeof text !== "string") return null;
  const sample = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const tokens = tokenize(sample);
  if (tokens.length === 0) return null;
  if (language) return { text: sample, tokens, language, sure: true };
  const detected = detectLanguage(sample, tokens);
  return detected.language === "other"
    ? { text: sample, tokens, language: null, sure: false }
    : { text: sample, tokens, language: detected.language, sure: detected.confidence >= SURE_LANGUAGE };
}

/** The category with the highest positive logit; on a tie the earlier one, as categories are listed by precedence. */
function bestCategory(evidence: Evidence): number {
  let best = -1;
  let bestLogit = 0;
  for (let c = 0; c < evidence.total.length; c++) {
    if (evidence.candidate[c] && evidence.total[c]! > bestLogit) {
      best = c;
      bestLogit = evidence.total[c]!;
    }
  }
  return best;
}

function softmax(evidence: Evidence): Float64Array {
  const { total, candidate } = evidence;
  let max = 0;
  for (let c = 0; c < total.length; c++) if (candidate[c]) max = Math.max(max, total[c]!);
  const shares = new Float64Array(total.length);
  let sum = Math.exp(-max);
  for (let c = 0; c < total.length; c++) {
    if (!candidate[c]) continue;
    shares[c] = Math.exp(total[c]! - max);
    sum += shares[c]!;
  }
  for (let c = 0; c < shares.length; c++) shares[c] = shares[c]! / sum;
  return shares;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function parseModelJson(json: unknown): CategoryModelJson {
  const value = json as Partial<CategoryModelJson> | null;
  const valid =
    typeof value === "object" &&
    value !== null &&
    value.version === 1 &&
    Array.isArray(value.categories) &&
    value.categories.every((key) => typeof key === "string") &&
    Array.isArray(value.examples) &&
    value.examples.length === value.categories.length &&
    value.examples.every(isCount) &&
    Array.isArray(value.features) &&
    value.features.every(
      (entry) =>
        Array.isArray(entry) &&
        typeof entry[0] === "string" &&
        Array.isArray(entry[1]) &&
        entry[1].length === value.categories!.length &&
        entry[1].every(isCount),
    );
  if (!valid) throw new TypeError("Not a saved category model (version 1)");
  return value as CategoryModelJson;
}

function isCount(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}
