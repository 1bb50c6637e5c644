import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { encodeOnnxModel, FLOAT, type GraphSpec, INT64 } from "./onnxGraph.ts";

/**
 * A sentiment "transformer" small enough to reason about: each token has a 3-number embedding that says how
 * negative, neutral or positive it is; the model averages the embeddings of the real tokens (the attention mask
 * decides which) and a linear layer turns the average into logits. Same inputs, outputs and files as a model
 * exported from Hugging Face, so the provider cannot tell the difference.
 */

type Mood = "negative" | "neutral" | "positive";

/** Words the tests rely on, by the class they push towards (English, Russian, Polish, Latvian). */
export const TINY_MODEL_WORDS: Record<Mood, string[]> = {
  negative: ["terrible", "awful", "broken", "refund", "ужасно", "fatalnie", "briesmīgi"],
  neutral: ["the", "order", "delivery", "arrived", "today", "was", "is", "my", "заказ", "zamówienie"],
  positive: ["great", "love", "thanks", "perfect", "спасибо", "świetnie", "lieliski"],
};

const MOOD_INDEX: Record<Mood, number> = { negative: 0, neutral: 1, positive: 2 };

/** How strongly a word pushes its class; the unknown token leans a little neutral. */
const WORD_WEIGHT: Record<Mood, number> = { negative: 6, neutral: 1, positive: 6 };
const UNKNOWN_EMBEDDING = [0, 0.5, 0];
const NEUTRAL_BIAS = 0.3;
/** Sharpens the averaged embedding into confident logits. */
const CLASSIFIER_GAIN = 3;

export interface TinyModelOptions {
  /** The model's class names in output order: moods, NEG/NEU/POS, or LABEL_n in the conventional order. */
  labels?: string[];
  /** Declare a token_type_ids input as BERT exports do (the graph ignores its values). */
  tokenTypeIds?: boolean;
  /** BERT's lower-cased WordPiece ([CLS] … [SEP], [PAD] = 0) or XLM-R's SentencePiece (<s> … </s>, <pad> = 1). */
  tokenizer?: TinyTokenizerKind;
  /** Emit the logits as whole numbers, as no classifier should: the provider must refuse such a model. */
  integerLogits?: boolean;
}

export type TinyTokenizerKind = "wordpiece" | "sentencepiece";

interface VocabularyEntry {
  token: string;
  mood?: Mood;
  unknown?: boolean;
}

/** Special tokens first, in the ids BERT and XLM-R give them, then the words, then punctuation. */
function vocabulary(kind: TinyTokenizerKind = "wordpiece"): VocabularyEntry[] {
  const specials: VocabularyEntry[] =
    kind === "wordpiece"
      ? [{ token: "[PAD]" }, { token: "[UNK]", unknown: true }, { token: "[CLS]" }, { token: "[SEP]" }]
      : [{ token: "<s>" }, { token: "<pad>" }, { token: "</s>" }, { token: "<unk>", unknown: true }];
  // SentencePiece marks the start of a word with "▁".
  const prefix = kind === "wordpiece" ? "" : "\u2581";
  const words = (Object.keys(TINY_MODEL_WORDS) as Mood[]).flatMap((mood) =>
    TINY_MODEL_WORDS[mood].map((word) => ({ token: `${prefix}${word}`, mood })),
  );
  const marks = ["!", ".", ",", ...(kind === "sentencepiece" ? ["\u2581"] : [])].map((token) => ({ token }));
  return [...specials, ...words, ...marks];
}

/** The mood a class name stands for in the tiny model: full names, NEG/NEU/POS, or LABEL_n by position. */
function moodOfLabel(label: string, index: number): Mood {
  const moods: Mood[] = ["negative", "neutral", "positive"];
  return moods.find((mood) => mood.startsWith(label.toLowerCase())) ?? moods[index] ?? "neutral";
}

export function tinyModelGraph(options: TinyModelOptions = {}): GraphSpec {
  const labels = options.labels ?? ["negative", "neutral", "positive"];
  const vocab = vocabulary(options.tokenizer);
  const embeddings: number[] = [];
  for (const entry of vocab) {
    const row = entry.unknown ? [...UNKNOWN_EMBEDDING] : [0, 0, 0];
    if (entry.mood) row[MOOD_INDEX[entry.mood]] = WORD_WEIGHT[entry.mood];
    embeddings.push(...row);
  }
  // Column j of the classifier reads the mood that label j stands for, so any label order is a faithful model.
  const weights: number[] = [];
  for (let feature = 0; feature < 3; feature++)
    for (let j = 0; j < labels.length; j++)
      weights.push(MOOD_INDEX[moodOfLabel(labels[j] ?? "", j)] === feature ? CLASSIFIER_GAIN : 0);
  const bias = labels.map((label, j) => (moodOfLabel(label, j) === "neutral" ? NEUTRAL_BIAS : 0));

  const tokenInput = (name: string) => ({ name, elemType: INT64, shape: ["batch", "sequence"] });
  return {
    opset: 13,
    inputs: [
      tokenInput("input_ids"),
      tokenInput("attention_mask"),
      ...(options.tokenTypeIds ? [tokenInput("token_type_ids")] : []),
    ],
    outputs: [
      { name: "logits", elemType: options.integerLogits ? INT64 : FLOAT, shape: ["batch", labels.length] },
    ],
    initializers: [
      { name: "embeddings", dims: [vocab.length, 3], floats: embeddings },
      { name: "classifier_weight", dims: [3, labels.length], floats: weights },
      { name: "classifier_bias", dims: [labels.length], floats: bias },
      { name: "axis_sequence", dims: [1], int64s: [1] },
      { name: "axis_feature", dims: [1], int64s: [2] },
      { name: "epsilon", dims: [], floats: [1e-9] },
    ],
    nodes: [
      {
        op: "Gather",
        inputs: ["embeddings", "input_ids"],
        outputs: ["token_vectors"],
        attributes: [{ name: "axis", i: 0 }],
      },
      { op: "Cast", inputs: ["attention_mask"], outputs: ["mask"], attributes: [{ name: "to", i: FLOAT }] },
      { op: "Unsqueeze", inputs: ["mask", "axis_feature"], outputs: ["mask_3d"] },
      { op: "Mul", inputs: ["token_vectors", "mask_3d"], outputs: ["masked_vectors"] },
      {
        op: "ReduceSum",
        inputs: ["masked_vectors", "axis_sequence"],
        outputs: ["vector_sum"],
        attributes: [{ name: "keepdims", i: 0 }],
      },
      {
        op: "ReduceSum",
        inputs: ["mask", "axis_sequence"],
        outputs: ["token_count"],
        attributes: [{ name: "keepdims", i: 1 }],
      },
      { op: "Max", inputs: ["token_count", "epsilon"], outputs: ["safe_count"] },
      { op: "Div", inputs: ["vector_sum", "safe_count"], outputs: ["mean_vector"] },
      { op: "MatMul", inputs: ["mean_vector", "classifier_weight"], outputs: ["scores"] },
      ...(options.integerLogits
        ? [
            { op: "Add", inputs: ["scores", "classifier_bias"], outputs: ["float_logits"] },
            {
              op: "Cast",
              inputs: ["float_logits"],
              outputs: ["logits"],
              attributes: [{ name: "to", i: INT64 }],
            },
          ]
        : [{ op: "Add", inputs: ["scores", "classifier_bias"], outputs: ["logits"] }]),
    ],
  };
}

function addedTokens(vocab: VocabularyEntry[]) {
  return vocab.slice(0, 4).map((entry, id) => ({
    id,
    content: entry.token,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
}

/** A BERT-style WordPiece tokenizer.json (lower-cased, accents kept), or an XLM-R-style SentencePiece one. */
export function tinyTokenizerJson(kind: TinyTokenizerKind = "wordpiece"): unknown {
  const vocab = vocabulary(kind);
  return kind === "wordpiece" ? wordPieceTokenizer(vocab) : sentencePieceTokenizer(vocab);
}

function wordPieceTokenizer(vocab: VocabularyEntry[]): unknown {
  const special = (token: string) => ({
    id: token,
    ids: [vocab.findIndex((e) => e.token === token)],
    tokens: [token],
  });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: addedTokens(vocab),
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: false,
      lowercase: true,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: { "[CLS]": special("[CLS]"), "[SEP]": special("[SEP]") },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((entry, id) => [entry.token, id])),
    },
  };
}

function sentencePieceTokenizer(vocab: VocabularyEntry[]): unknown {
  const metaspace = { type: "Metaspace", replacement: "\u2581", prepend_scheme: "always", split: true };
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: addedTokens(vocab),
    normalizer: { type: "Lowercase" },
    pre_tokenizer: metaspace,
    post_processor: {
      type: "RobertaProcessing",
      sep: ["</s>", 2],
      cls: ["<s>", 0],
      trim_offsets: true,
      add_prefix_space: true,
    },
    decoder: metaspace,
    model: {
      type: "Unigram",
      unk_id: 3,
      // Whole words are likelier than pieces, as in a trained SentencePiece model.
      vocab: vocab.map((entry, id) => [entry.token, id < 4 ? 0 : entry.token.length > 1 ? -5 : -10]),
      byte_fallback: false,
    },
  };
}

/** What an XLM-R export puts beside tokenizer.json: the padding token's name and the length limit. */
function sentencePieceTokenizerConfig(): unknown {
  return { tokenizer_class: "XLMRobertaTokenizer", pad_token: "<pad>", model_max_length: 512 };
}

export function tinyConfigJson(options: TinyModelOptions = {}): unknown {
  const labels = options.labels ?? ["negative", "neutral", "positive"];
  return {
    architectures: ["TinySentimentModel"],
    model_type: "bert",
    id2label: Object.fromEntries(labels.map((label, id) => [String(id), label])),
    label2id: Object.fromEntries(labels.map((label, id) => [label, id])),
  };
}

/** Writes model.onnx, tokenizer.json and config.json into dir, as an admin would after exporting a model. */
export function writeTinySentimentModel(dir: string, options: TinyModelOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "model.onnx"), encodeOnnxModel(tinyModelGraph(options)));
  writeFileSync(path.join(dir, "tokenizer.json"), JSON.stringify(tinyTokenizerJson(options.tokenizer)));
  if (options.tokenizer === "sentencepiece")
    writeFileSync(path.join(dir, "tokenizer_config.json"), JSON.stringify(sentencePieceTokenizerConfig()));
  writeFileSync(path.join(dir, "config.json"), JSON.stringify(tinyConfigJson(options)));
  return dir;
}
