/**
 * `npm run train:sentiment`: trains Parley's sentiment model from labelled text and writes
 * src/listening/sentiment/model/sentimentModel.bin.gz (committed). Deterministic: the same data gives the same
 * file.
 *
 * Data: the public sets in ../shared/datasets/sentiment (or PARLEY_SENTIMENT_DATA), see SOURCES.md there and
 * THIRD_PARTY_NOTICES.md here, and the project's own labelled customer messages in training/sentiment/.
 * The project's evaluation set (eval/listening/mentions.jsonl) is never trained on.
 *
 * `npm run train:sentiment -- --evaluate` also prints the evaluation protocol (README "Sentiment"): a held-out
 * split of the training sources (in domain), each source left out in turn and tested on (out of domain), and
 * the final model on the project's evaluation set; JSON at the end.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { scoreSentiment } from "../src/listening/evaluation/listeningMetrics.ts";
import {
  LISTENING_LANGUAGES,
  type ListeningLanguage,
  type SentimentLabel,
} from "../src/listening/listeningTypes.ts";
import { lexiconSentiment } from "../src/listening/sentiment/lexiconSentiment.ts";
import { CLASSES, type LinearSentimentModel } from "../src/listening/sentiment/model/linearSentimentModel.ts";
import {
  extractFeatures,
  FEATURE_COUNT,
  type FeatureVector,
  hashString,
} from "../src/listening/sentiment/model/sentimentFeatures.ts";
import {
  DEFAULT_TRAINING,
  mulberry32,
  type TrainingExample,
  trainSoftmax,
} from "../src/listening/sentiment/model/softmaxTrainer.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const PUBLIC_DATA = process.env.PARLEY_SENTIMENT_DATA ?? path.resolve(ROOT, "../shared/datasets/sentiment");
const OWN_DATA = path.join(ROOT, "training/sentiment");
const EVAL_SET = path.join(ROOT, "eval/listening/mentions.jsonl");
const EVALUATION_FILE = path.join(ROOT, "eval/sentiment/trainingEvaluation.json");
const MODEL_FILE = path.join(ROOT, "src/listening/sentiment/model/sentimentModel.bin.gz");
/** Our own customer-service texts are few but of the domain Parley serves: each counts this many times. */
const OWN_DATA_WEIGHT = 3;
/** Sources left out of training entirely (none today; nicmanis2018_gpl3 is GPL-3.0, compatible with the AGPL). */
const EXCLUDED_SOURCES = new Set<string>();

interface LabelledText {
  text: string;
  label: SentimentLabel;
  language: ListeningLanguage;
  source: string;
  features?: FeatureVector;
}

function readJsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function isLabel(value: unknown): value is SentimentLabel {
  return value === "negative" || value === "neutral" || value === "positive";
}

function loadPublic(): LabelledText[] {
  if (!existsSync(PUBLIC_DATA))
    throw new Error(`no training data at ${PUBLIC_DATA} (set PARLEY_SENTIMENT_DATA)`);
  const texts: LabelledText[] = [];
  for (const language of LISTENING_LANGUAGES) {
    const file = path.join(PUBLIC_DATA, `${language}.jsonl`);
    if (!existsSync(file)) continue;
    for (const row of readJsonl(file)) {
      const source = String(row.source);
      if (EXCLUDED_SOURCES.has(source) || !isLabel(row.label) || typeof row.text !== "string") continue;
      texts.push({ text: row.text, label: row.label, language, source });
    }
  }
  return texts;
}

/** training/sentiment/<batch>/<language>.jsonl: each batch was written apart, and is a source of its own. */
function loadOwn(): LabelledText[] {
  if (!existsSync(OWN_DATA)) return [];
  const texts: LabelledText[] = [];
  for (const batch of readdirSync(OWN_DATA, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const source = `parley_${batch.name.replace(/-/g, "_")}`;
    for (const language of LISTENING_LANGUAGES) {
      const file = path.join(OWN_DATA, batch.name, `${language}.jsonl`);
      if (!existsSync(file)) continue;
      for (const row of readJsonl(file)) {
        if (!isLabel(row.label) || typeof row.text !== "string") continue;
        texts.push({ text: row.text, label: row.label, language, source });
      }
    }
  }
  return texts.sort((a, b) => a.source.localeCompare(b.source));
}

function loadEvaluationSet(): LabelledText[] {
  return readJsonl(EVAL_SET).map((row) => ({
    text: String(row.text),
    label: row.sentiment as SentimentLabel,
    language: row.language as ListeningLanguage,
    source: "parley_eval",
  }));
}

function isOwn(item: LabelledText): boolean {
  return item.source.startsWith("parley_written");
}

function featuresOf(item: LabelledText): FeatureVector {
  item.features ??= extractFeatures(item.text, item.language);
  return item.features;
}

/** Each (language, source) pair is balanced by class, then weighted by its share of the language's data. */
function examplesOf(items: readonly LabelledText[]): TrainingExample[] {
  const groupCounts = new Map<string, number>();
  for (const item of items) {
    const key = `${item.language}|${item.source}|${item.label}`;
    groupCounts.set(key, (groupCounts.get(key) ?? 0) + 1);
  }
  const sourceCounts = new Map<string, number>();
  for (const item of items) {
    const key = `${item.language}|${item.source}`;
    sourceCounts.set(key, (sourceCounts.get(key) ?? 0) + 1);
  }
  return items.map((item) => {
    const perClass = groupCounts.get(`${item.language}|${item.source}|${item.label}`)!;
    const perSource = sourceCounts.get(`${item.language}|${item.source}`)!;
    const balance = perSource / (CLASSES.length * perClass);
    const weight = Math.min(3, balance) * (isOwn(item) ? OWN_DATA_WEIGHT : 1);
    return { features: withSourceBias(featuresOf(item), item), label: CLASSES.indexOf(item.label), weight };
  });
}

/**
 * Each source has its own idea of "neutral" (news in CEDR, politics in the Latvian tweets): a bias per source,
 * present in training only, absorbs those class priors so the word weights need not, and is absent when
 * Parley judges a customer's text.
 */
function withSourceBias(features: FeatureVector, item: LabelledText): FeatureVector {
  const index = hashString(0x5eed, `source:${item.language}:${item.source}`) & (FEATURE_COUNT - 1);
  const indices = new Int32Array(features.length + 1);
  const values = new Float32Array(features.length + 1);
  indices.set(features.indices.subarray(0, features.length));
  values.set(features.values.subarray(0, features.length));
  indices[features.length] = index;
  values[features.length] = 1;
  return { indices, values, length: features.length + 1 };
}

function train(items: readonly LabelledText[]): LinearSentimentModel {
  const trainedOn = new Map<string, { source: string; language: string; texts: number }>();
  for (const item of items) {
    const key = `${item.language}|${item.source}`;
    const entry = trainedOn.get(key) ?? { source: item.source, language: item.language, texts: 0 };
    entry.texts++;
    trainedOn.set(key, entry);
  }
  return trainSoftmax(examplesOf(items), DEFAULT_TRAINING, {
    trainedOn: [...trainedOn.values()].sort((a, b) =>
      `${a.language}${a.source}`.localeCompare(`${b.language}${b.source}`),
    ),
    createdBy: "npm run train:sentiment",
  });
}

interface Score {
  n: number;
  macroF1: number;
  accuracy: number;
  lexiconMacroF1: number;
}

function score(model: LinearSentimentModel, items: readonly LabelledText[]): Score {
  const model_ = scoreSentiment(
    items.map((item) => ({ gold: item.label, predicted: model.predictFeatures(featuresOf(item)).label })),
  );
  const lexicon = scoreSentiment(
    items.map((item) => ({ gold: item.label, predicted: lexiconSentiment(item.text, item.language).label })),
  );
  return {
    n: items.length,
    macroF1: round(model_.macroF1),
    accuracy: round(model_.accuracy),
    lexiconMacroF1: round(lexicon.macroF1),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function heldOutSplit(items: readonly LabelledText[], share: number): [LabelledText[], LabelledText[]] {
  const random = mulberry32(7);
  const train: LabelledText[] = [];
  const test: LabelledText[] = [];
  for (const item of items) (random() < share ? test : train).push(item);
  return [train, test];
}

function evaluate(all: LabelledText[], evaluationSet: LabelledText[]) {
  const rows: Record<string, unknown>[] = [];
  const print = (setting: string, language: string, tested: string, s: Score) => {
    rows.push({ setting, language, tested, ...s });
    console.log(
      `${setting.padEnd(26)} ${language}  ${tested.padEnd(24)} n=${String(s.n).padStart(5)}  macro-F1 ${s.macroF1.toFixed(3)}  (lexicon ${s.lexiconMacroF1.toFixed(3)})`,
    );
  };
  const [train80, test20] = heldOutSplit(all, 0.2);
  const inDomain = train(train80);
  for (const language of LISTENING_LANGUAGES)
    print(
      "in domain (20% held out)",
      language,
      "all training sources",
      score(
        inDomain,
        test20.filter((i) => i.language === language),
      ),
    );

  const sources = [...new Set(all.map((item) => `${item.language}|${item.source}`))].sort();
  for (const key of sources) {
    const [language, source] = key.split("|") as [ListeningLanguage, string];
    const others = all.filter((item) => !(item.language === language && item.source === source));
    const model = train(others);
    print(
      "out of domain (source left out)",
      language,
      source,
      score(
        model,
        all.filter((i) => i.language === language && i.source === source),
      ),
    );
  }
  const publicOnly = train(all.filter((item) => !isOwn(item)));
  const final = train(all);
  for (const language of LISTENING_LANGUAGES) {
    const subset = evaluationSet.filter((item) => item.language === language);
    print(
      "out of domain: public data only",
      language,
      "parley_eval (never trained on)",
      score(publicOnly, subset),
    );
    print("out of domain: final model", language, "parley_eval (never trained on)", score(final, subset));
  }
  return rows;
}

const all = [...loadPublic(), ...loadOwn()];
console.log(`training texts: ${all.length}`);
if (process.argv.includes("--evaluate")) {
  const rows = evaluate(all, loadEvaluationSet());
  const report = JSON.stringify({ evaluation: rows }, null, 1);
  if (!process.argv.includes("--no-write")) writeFileSync(EVALUATION_FILE, `${report}\n`);
  console.log(report);
}
if (!process.argv.includes("--no-write")) {
  const model = train(all);
  writeFileSync(MODEL_FILE, model.serialize());
  console.log(`wrote ${path.relative(ROOT, MODEL_FILE)}`);
}
