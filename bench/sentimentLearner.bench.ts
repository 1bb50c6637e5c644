/**
 * What the per-workspace sentiment learner costs and what it changes. Over the 427 hand-labelled messages of
 * eval/listening: agents are played as correcting every message of one half (even lines) that the built-in model
 * gets wrong; the other half is then judged by the model alone and by the model adapted with those corrections.
 * Also times training on 5,000 corrections (the cap triage loads) and one judgement's learner step.
 * Prints one JSON object. Usage: node bench/sentimentLearner.bench.ts [rounds=10]
 */
import { readFileSync } from "node:fs";
import type { ListeningLanguage, SentimentLabel } from "../src/listening/listeningTypes.ts";
import { analyzeSentiment } from "../src/listening/sentiment/analyzeSentiment.ts";
import { adaptSentiment } from "../src/triage/classification/adaptedSentiment.ts";
import { type SentimentExample, SentimentLearner } from "../src/triage/classification/sentimentLearner.ts";

const ROUNDS = Number(process.argv[2] ?? 10);

const corpus = readFileSync(new URL("../eval/listening/mentions.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter(Boolean)
  .map(
    (line) => JSON.parse(line) as { text: string; language: ListeningLanguage; sentiment: SentimentLabel },
  );

const taught = corpus.filter((_, i) => i % 2 === 0);
const judged = corpus.filter((_, i) => i % 2 === 1);
const corrections: SentimentExample[] = taught
  .filter((item) => analyzeSentiment(item.text, item.language).label !== item.sentiment)
  .map((item) => ({ text: item.text, label: item.sentiment, language: item.language }));
const learner = new SentimentLearner(corrections);

let modelRight = 0;
let adaptedRight = 0;
let changed = 0;
let changedRight = 0;
for (const item of judged) {
  const base = analyzeSentiment(item.text, item.language);
  const adapted = adaptSentiment(base, learner.opinion(item.text, item.language));
  if (base.label === item.sentiment) modelRight++;
  if (adapted.label === item.sentiment) adaptedRight++;
  if (adapted.adapted) {
    changed++;
    if (adapted.label === item.sentiment) changedRight++;
  }
}

// 5,000 corrections: the eval texts again and again, as a busy workspace's would repeat its subjects.
const many: SentimentExample[] = Array.from({ length: 5_000 }, (_, i) => {
  const item = corpus[i % corpus.length]!;
  return { text: `${item.text} #${i % 97}`, label: item.sentiment, language: item.language };
});
const trainStart = process.hrtime.bigint();
const big = new SentimentLearner(many);
const trainMs = Number(process.hrtime.bigint() - trainStart) / 1e6;

const costs: number[] = [];
for (let round = 0; round < ROUNDS; round++)
  for (const item of corpus) {
    const start = process.hrtime.bigint();
    big.opinion(item.text, item.language);
    costs.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
costs.sort((a, b) => a - b);
const at = (q: number) =>
  Math.round(costs[Math.min(costs.length - 1, Math.floor(q * costs.length))]! * 10) / 10;
const percent = (n: number, of: number) => Math.round((n / of) * 1000) / 10;

console.log(
  JSON.stringify({
    corrections: corrections.length,
    judged: judged.length,
    modelAccuracy: percent(modelRight, judged.length),
    adaptedAccuracy: percent(adaptedRight, judged.length),
    labelsChanged: changed,
    labelsChangedRight: changedRight,
    train5000Ms: Math.round(trainMs),
    learnerStepMicros: { p50: at(0.5), p99: at(0.99) },
  }),
);
