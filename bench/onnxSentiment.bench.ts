/**
 * Cost of the ONNX sentiment provider's own work around the model (tokenizing, padding, feeding ONNX Runtime,
 * softmax) with the tiny model the tests build, over the hand-labelled messages of eval/listening. A real
 * multilingual transformer adds its own inference time on top; measure it by pointing
 * PARLEY_SENTIMENT_MODEL_DIR at it, which also makes the accuracy and macro-F1 against the set's labels
 * meaningful (with the tiny model they only show the plumbing). Prints one JSON object.
 * Usage: [PARLEY_SENTIMENT_MODEL_DIR=dir] [PARLEY_SENTIMENT_THREADS=1] node bench/onnxSentiment.bench.ts [rounds=5]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { type LabelledMention, scoreSentiment } from "../src/listening/evaluation/listeningMetrics.ts";
import { OnnxSentimentProvider } from "../src/listening/sentiment/onnx/onnxSentimentProvider.ts";
import { writeTinySentimentModel } from "../test/support/tinySentimentModel.ts";

const ROUNDS = Number(process.argv[2] ?? 5);
const modelDir = process.env.PARLEY_SENTIMENT_MODEL_DIR;
const threads = Number(process.env.PARLEY_SENTIMENT_THREADS ?? 1);

const corpus = readFileSync(new URL("../eval/listening/mentions.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line) as LabelledMention);
const texts = corpus.map((item) => item.text);

const scratch = mkdtempSync(path.join(os.tmpdir(), "parley-onnx-bench-"));
const provider = await OnnxSentimentProvider.load(
  modelDir ?? writeTinySentimentModel(path.join(scratch, "tiny")),
  { threads },
);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

// One text at a time, each awaited: the latency a single triage job sees.
const latencies: number[] = [];
for (let round = 0; round < ROUNDS; round++)
  for (const text of texts) {
    const started = performance.now();
    await provider.analyze(text, "en");
    latencies.push(performance.now() - started);
  }

// Every text asked at once: analyze() groups them into batches.
let concurrentMs = 0;
for (let round = 0; round < ROUNDS; round++) {
  const started = performance.now();
  await Promise.all(texts.map((text) => provider.analyze(text, "en")));
  concurrentMs += performance.now() - started;
}

const predicted = await Promise.all(corpus.map((item) => provider.analyze(item.text, item.language)));
const scores = scoreSentiment(
  corpus.map((item, i) => ({ gold: item.sentiment, predicted: predicted[i]?.label ?? "neutral" })),
);

await provider.release();
rmSync(scratch, { recursive: true, force: true });

const round3 = (n: number) => Math.round(n * 1000) / 1000;
console.log(
  JSON.stringify(
    {
      bench: "onnxSentiment",
      model: provider.name,
      threads,
      texts: texts.length,
      rounds: ROUNDS,
      oneAtATime: {
        p50Ms: round3(percentile(latencies, 50)),
        p99Ms: round3(percentile(latencies, 99)),
        textsPerSecond: Math.round(latencies.length / (latencies.reduce((a, b) => a + b, 0) / 1000)),
      },
      concurrent: { textsPerSecond: Math.round((texts.length * ROUNDS) / (concurrentMs / 1000)) },
      labelled: { accuracy: scores.accuracy, macroF1: scores.macroF1 },
    },
    null,
    2,
  ),
);
