/**
 * Listening evaluation on the hand-labelled set eval/listening/mentions.jsonl: per language, language-detection
 * accuracy, sentiment accuracy and macro-F1, and mention precision/recall of the real query matcher with the
 * topic queries of eval/listening/topics.json. Prints a readable table, then one JSON object.
 * Then the out-of-domain mention check (outOfDomainSection): those topics and the real brands of
 * eval/listening/out-of-domain-topics.json over the shared sentiment datasets (../shared/datasets/sentiment
 * beside the repository, when present), hits per language and topic, precision from the hand judgements.
 * Usage: node scripts/evalListening.ts [--errors]   (--errors lists every miss and every out-of-domain hit)
 */
import { existsSync, readFileSync } from "node:fs";
import {
  type LabelledMention,
  MENTION_KINDS,
  type MentionKind,
  type MentionScores,
  ratio,
  type SentimentScores,
  scoreMentions,
  scoreSentiment,
} from "../src/listening/evaluation/listeningMetrics.ts";
import {
  type Judgement,
  loadOutOfDomainTexts,
  type OutOfDomainReport,
  scanOutOfDomain,
  type Tally,
  topicQueries,
} from "../src/listening/evaluation/outOfDomainMentions.ts";
import { detectLanguage } from "../src/listening/language/detectLanguage.ts";
import {
  LISTENING_LANGUAGES,
  type ListeningLanguage,
  type TopicQuery,
} from "../src/listening/listeningTypes.ts";
import { compileQueries } from "../src/listening/queryCompiler.ts";
import { analyzeSentiment } from "../src/listening/sentiment/analyzeSentiment.ts";
import { generateVariants } from "../src/listening/variants/index.ts";

const EVAL_DIR = new URL("../eval/listening/", import.meta.url);
const showErrors = process.argv.includes("--errors");

interface TopicsFile {
  topics: { id: string; kind: MentionKind; query: string }[];
}

type MentionMatcher = (text: string) => MentionKind[];

/**
 * The real matcher (queryCompiler.ts with the variant generator), wired the way topicAnalyzer.ts wires it.
 * Mention scores only need a `text → kinds` function: swap this one to evaluate another matcher.
 */
function buildMentionMatcher(topics: TopicsFile["topics"]): MentionMatcher {
  const queries: TopicQuery[] = topics.map((t) => ({ id: t.id, topicId: t.id, query: t.query }));
  const kindOf = new Map(topics.map((t) => [t.id, t.kind]));
  const matcher = compileQueries(queries, (term, options) => generateVariants(term, options));
  for (const { queryId, error } of matcher.errors)
    console.error(`topic ${queryId} did not parse: ${error.message}`);
  return (text) => {
    const language = detectLanguage(text).language;
    return matcher.match({ text, language }).flatMap((m) => kindOf.get(m.queryId) ?? []);
  };
}

function loadMentions(): LabelledMention[] {
  return readFileSync(new URL("mentions.jsonl", EVAL_DIR), "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as LabelledMention);
}

interface LanguageReport {
  n: number;
  languageAccuracy: number;
  sentiment: SentimentScores;
  mentions: MentionScores;
  mentionsPerKind: Record<MentionKind, MentionScores>;
}

function evaluate(items: LabelledMention[], match: MentionMatcher) {
  const perLanguage = {} as Record<ListeningLanguage | "all", LanguageReport>;
  const misses: string[] = [];
  for (const language of [...LISTENING_LANGUAGES, "all"] as const) {
    const subset = language === "all" ? items : items.filter((item) => item.language === language);
    let detectedRight = 0;
    const pairs = subset.map((item) => {
      const detected = detectLanguage(item.text).language;
      if (detected === item.language) detectedRight++;
      else if (language !== "all")
        misses.push(`language ${item.id}: ${item.language}→${detected}  ${item.text}`);
      // As topicAnalyzer.ts does: a text detected as "other" is scored with the English lexicon.
      const predicted = analyzeSentiment(item.text, detected === "other" ? "en" : detected).label;
      if (predicted !== item.sentiment && language !== "all")
        misses.push(`sentiment ${item.id}: ${item.sentiment}→${predicted}  ${item.text}`);
      return { gold: item.sentiment, predicted };
    });
    const mentions = scoreMentions(subset, (item) => match(item.text));
    if (language !== "all")
      for (const e of mentions.errors) misses.push(`mention ${e.id}: ${e.error} ${e.kind}  ${e.text}`);
    perLanguage[language] = {
      n: subset.length,
      languageAccuracy: ratio(detectedRight, subset.length),
      sentiment: scoreSentiment(pairs),
      mentions: mentions.overall,
      mentionsPerKind: mentions.perKind,
    };
  }
  return { perLanguage, misses };
}

function printTable(report: Record<ListeningLanguage | "all", LanguageReport>): void {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
  const header = ["lang", "    n", "lang-acc", "sent-acc", "macro-F1", "ment-P", "ment-R"];
  const kindHeader = MENTION_KINDS.map((kind) => `${kind} P/R`.padStart(15));
  console.log([...header, ...kindHeader].join("  "));
  for (const [language, r] of Object.entries(report)) {
    const kinds = MENTION_KINDS.map((kind) =>
      `${pct(r.mentionsPerKind[kind].precision).trim()}/${pct(r.mentionsPerKind[kind].recall).trim()}`.padStart(
        15,
      ),
    );
    console.log(
      [
        language.padEnd(4),
        String(r.n).padStart(5),
        pct(r.languageAccuracy).padStart(8),
        pct(r.sentiment.accuracy).padStart(8),
        pct(r.sentiment.macroF1).padStart(8),
        pct(r.mentions.precision).padStart(6),
        pct(r.mentions.recall).padStart(6),
        ...kinds,
      ].join("  "),
    );
  }
}

/** Texts per second of each step over the evaluation texts, repeated so the timer has something to measure. */
function throughput(items: LabelledMention[]) {
  const rounds = 20;
  const time = (step: (item: LabelledMention) => unknown) => {
    for (const item of items) step(item);
    const started = performance.now();
    for (let r = 0; r < rounds; r++) for (const item of items) step(item);
    return Math.round((rounds * items.length) / ((performance.now() - started) / 1000));
  };
  return {
    detectLanguagePerSecond: time((item) => detectLanguage(item.text)),
    analyzeSentimentPerSecond: time((item) => analyzeSentiment(item.text, item.language)),
  };
}

/**
 * The sentiment model's figures on other sources than this set, recorded by the last `npm run train:sentiment`
 * (it trains one model per held-out source, which takes minutes): in domain (a held-out share of the training
 * sources) and out of domain (each source left out of training and tested on).
 */
function printSentimentProtocol(): void {
  const file = new URL("../sentiment/trainingEvaluation.json", EVAL_DIR);
  if (!existsSync(file)) return;
  const { evaluation } = JSON.parse(readFileSync(file, "utf8")) as {
    evaluation: {
      setting: string;
      language: string;
      tested: string;
      n: number;
      macroF1: number;
      lexiconMacroF1: number;
    }[];
  };
  console.log("\nsentiment, recorded by npm run train:sentiment (macro-F1, model vs the lexicon alone):");
  for (const row of evaluation)
    console.log(
      `  ${row.setting.padEnd(34)} ${row.language}  ${row.tested.padEnd(32)} n=${String(row.n).padStart(5)}  ${row.macroF1.toFixed(3)}  (lexicon ${row.lexiconMacroF1.toFixed(3)})`,
    );
}

const items = loadMentions();
const topics = JSON.parse(readFileSync(new URL("topics.json", EVAL_DIR), "utf8")) as TopicsFile;
const { perLanguage, misses } = evaluate(items, buildMentionMatcher(topics.topics));
const speed = throughput(items);
printTable(perLanguage);
console.log(
  `\nspeed: detectLanguage ${speed.detectLanguagePerSecond} texts/s, analyzeSentiment ${speed.analyzeSentimentPerSecond} texts/s`,
);
printSentimentProtocol();
if (showErrors) console.log(`\n${misses.join("\n")}`);
console.log(`\n${JSON.stringify({ texts: items.length, speed, perLanguage }, null, 2)}`);

// --- Out-of-domain mentions: precision on real text ----------------------------------------------------

const OUT_OF_DOMAIN_TEXTS = new URL("../../shared/datasets/sentiment/", import.meta.url);

function printOutOfDomain(title: string, report: OutOfDomainReport): void {
  const row = (name: string, t: Tally, texts?: number) =>
    [
      name.padEnd(10),
      String(texts ?? "").padStart(6),
      String(t.hits).padStart(5),
      String(t.trueHits).padStart(5),
      String(t.falseHits).padStart(6),
      String(t.unjudged).padStart(9),
      (t.precision === null ? "—" : `${(t.precision * 100).toFixed(1)}%`).padStart(10),
    ].join("  ");
  console.log(`\n${title}`);
  console.log(["".padEnd(10), " texts", " hits", " true", " false", " unjudged", " precision"].join("  "));
  for (const [language, t] of Object.entries(report.perLanguage)) console.log(row(language, t, t.texts));
  console.log(row("all", report.all, report.texts));
  for (const [topic, t] of Object.entries(report.perTopic)) console.log(row(`  ${topic}`, t));
}

/**
 * Runs one topics file over the shared datasets, prints its table (and its hits with --errors), and returns
 * the report, or null when the datasets are not there.
 */
function outOfDomainSection(topicsFile: string, title: string): OutOfDomainReport | null {
  const texts = loadOutOfDomainTexts(OUT_OF_DOMAIN_TEXTS);
  if (texts === null) {
    console.log(`\n${title}: skipped, no datasets at ${OUT_OF_DOMAIN_TEXTS.pathname}`);
    return null;
  }
  const file = JSON.parse(readFileSync(new URL(topicsFile, EVAL_DIR), "utf8")) as {
    topics: { id: string; query: string; aliases?: string[] }[];
  };
  const judgements = (
    JSON.parse(readFileSync(new URL("out-of-domain-judgements.json", EVAL_DIR), "utf8")) as {
      judgements: Judgement[];
    }
  ).judgements;
  const matcher = compileQueries(topicQueries(file.topics), (term, options) =>
    generateVariants(term, options),
  );
  const { report, hits } = scanOutOfDomain(
    texts,
    matcher,
    (text) => detectLanguage(text).language,
    judgements,
  );
  printOutOfDomain(title, report);
  if (showErrors)
    for (const hit of hits)
      console.log(
        `  ${hit.judged === null ? "unjudged" : hit.judged ? "true" : "FALSE"} ${hit.topic} ${hit.language} ${hit.hash}  ${hit.spans.join(", ")}  ${hit.text.slice(0, 160).replace(/\s+/gu, " ")}`,
      );
  return report;
}

const outOfDomain = {
  evalTopics: outOfDomainSection(
    "topics.json",
    "out of domain: the evaluation's topics over the shared datasets",
  ),
  realBrands: outOfDomainSection(
    "out-of-domain-topics.json",
    "out of domain: real brands (out-of-domain-topics.json) over the shared datasets",
  ),
};
console.log(`\n${JSON.stringify({ outOfDomain }, null, 2)}`);
