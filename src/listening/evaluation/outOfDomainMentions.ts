/**
 * Precision on real text the topics are not about: the shared sentiment datasets (55k social-media posts,
 * reviews and news in ru/pl/lv/en) almost never name the evaluation's brands, so nearly every hit there is
 * a false one; a stress set of real short brands (МТС, Ozon, Rimi, Żabka, Nike...) shows what the variant
 * rules catch and what they over-match. Each hit is judged by hand once, by the hash of its text, in
 * eval/listening/out-of-domain-judgements.json; precision = hits judged true / hits judged.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { ListeningLanguage, TopicQuery } from "../listeningTypes.ts";
import type { CompiledMatcher } from "../queryCompiler.ts";

export interface OutOfDomainText {
  /** The dataset file's language (its name: ru.jsonl...). */
  language: string;
  text: string;
}

export interface Judgement {
  topic: string;
  hash: string;
  mention: boolean;
  /** The start of the text, for the person reading the file. */
  text?: string;
}

export interface OutOfDomainHit {
  topic: string;
  language: string;
  hash: string;
  text: string;
  /** The words that matched, as written, with the variant kind that found them. */
  spans: string[];
  /** The hand judgement: a real mention of the topic, a false hit, or not judged yet. */
  judged: boolean | null;
}

export interface Tally {
  hits: number;
  trueHits: number;
  falseHits: number;
  unjudged: number;
  /** trueHits / (trueHits + falseHits); null with nothing judged. */
  precision: number | null;
}

export interface OutOfDomainReport {
  texts: number;
  all: Tally;
  perLanguage: Record<string, Tally & { texts: number }>;
  perTopic: Record<string, Tally>;
}

export function textHash(text: string): string {
  return createHash("sha1").update(text).digest("hex").slice(0, 16);
}

/** Every text of the folder's *.jsonl files (one JSON object with "text" a line), or null without the folder. */
export function loadOutOfDomainTexts(folder: URL): OutOfDomainText[] | null {
  if (!existsSync(folder)) return null;
  const texts: OutOfDomainText[] = [];
  for (const file of readdirSync(folder)
    .filter((name) => name.endsWith(".jsonl"))
    .sort()) {
    const language = file.replace(/\.jsonl$/u, "");
    for (const line of readFileSync(new URL(file, folder), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const { text } = JSON.parse(line) as { text?: unknown };
      if (typeof text === "string" && text.trim()) texts.push({ language, text });
    }
  }
  return texts;
}

function tally(hits: readonly OutOfDomainHit[]): Tally {
  const trueHits = hits.filter((h) => h.judged === true).length;
  const falseHits = hits.filter((h) => h.judged === false).length;
  const judged = trueHits + falseHits;
  return {
    hits: hits.length,
    trueHits,
    falseHits,
    unjudged: hits.length - judged,
    precision: judged === 0 ? null : Math.round((trueHits / judged) * 1000) / 1000,
  };
}

/**
 * Runs the compiled topics over the texts (with the text's detected language, as the worker does) and
 * judges each hit by the judgements file. One hit per topic and text.
 */
export function scanOutOfDomain(
  texts: readonly OutOfDomainText[],
  matcher: CompiledMatcher,
  detect: (text: string) => ListeningLanguage | "other",
  judgements: readonly Judgement[],
): { report: OutOfDomainReport; hits: OutOfDomainHit[] } {
  const verdicts = new Map(judgements.map((j) => [`${j.topic}\u0000${j.hash}`, j.mention]));
  const hits: OutOfDomainHit[] = [];
  for (const { language, text } of texts) {
    for (const match of matcher.match({ text, language: detect(text) })) {
      const hash = textHash(text);
      hits.push({
        topic: match.topicId,
        language,
        hash,
        text,
        spans: match.hits.map((h) => `${text.slice(h.start, h.end)} (${h.kind})`),
        judged: verdicts.get(`${match.topicId}\u0000${hash}`) ?? null,
      });
    }
  }
  const perLanguage: OutOfDomainReport["perLanguage"] = {};
  for (const language of [...new Set(texts.map((t) => t.language))])
    perLanguage[language] = {
      texts: texts.filter((t) => t.language === language).length,
      ...tally(hits.filter((h) => h.language === language)),
    };
  const perTopic: OutOfDomainReport["perTopic"] = {};
  for (const topic of [...new Set(hits.map((h) => h.topic))].sort())
    perTopic[topic] = tally(hits.filter((h) => h.topic === topic));
  return { report: { texts: texts.length, all: tally(hits), perLanguage, perTopic }, hits };
}

/** Topic queries for the matcher, from a topics file's { id, query } entries. */
export function topicQueries(
  topics: readonly { id: string; query: string; aliases?: string[] }[],
): TopicQuery[] {
  return topics.map((t) => ({ id: t.id, topicId: t.id, query: t.query, aliases: t.aliases }));
}
