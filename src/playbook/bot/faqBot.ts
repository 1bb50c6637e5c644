/**
 * The FAQ bot's decision for one incoming customer message: answer with a knowledge-base article, hand the
 * conversation to a person, or stay out of it. Pure: the caller sends what it decides and records it.
 *
 * The bot is for the easy, calm questions ("when will my parcel arrive?"); when in doubt a person answers.
 * In order:
 *   - disabled, or nothing to read (empty, emoji only): skip;
 *   - a person already has the conversation: silent handover, the bot never talks over an agent;
 *   - a complaint: handover, never an article, which would read as a brush-off;
 *   - a negative public comment: handover without a word, a bot reply in public fans the fire;
 *   - other public comments only when answerPublic is on (otherwise skip: the bot is off for them);
 *   - not a question: skip ("thanks!" needs no article);
 *   - no article in the customer's language (none at all, or only another language's article answers):
 *     handover, we do not answer Latvians in English;
 *   - the best article's confidence (knowledgeIndex.ts) below minConfidence: handover, with the candidates
 *     so the agent starts from them.
 * Handover messages ("a person will join") are only ever sent in private conversations: in a public thread
 * a bot saying so is noise, and after a handover it was already said.
 */

import type { ListeningLanguage } from "../../listening/listeningTypes.ts";
import { tokenize } from "../../listening/normalize.ts";
import type { KnowledgeIndex, SearchHit } from "../knowledge/knowledgeIndex.ts";
import { searchLanguageOf } from "../knowledge/searchTerms.ts";
import { answerClosing, handoverMessage } from "./botMessages.ts";
import { isQuestion } from "./questionDetection.ts";

export interface BotFacts {
  text: string;
  language: string;
  sentiment: "negative" | "neutral" | "positive";
  visibility: "public" | "private";
  categoryKey: string | null;
  isComplaint: boolean;
  alreadyHandedOver: boolean;
}

export interface BotSettings {
  enabled: boolean;
  /** 0..1, compared with SearchHit.confidence; 0.75 by default. */
  minConfidence: number;
  /** Whether the bot may answer public comments; off by default. */
  answerPublic: boolean;
}

export const DEFAULT_BOT_SETTINGS: BotSettings = { enabled: false, minConfidence: 0.75, answerPublic: false };

export type HandoverReason =
  | "low_confidence"
  | "complaint"
  | "negative_public"
  | "no_article_in_language"
  | "already_handed_over";

export interface BotCandidate {
  articleId: string;
  confidence: number;
}

export type BotDecision =
  | {
      kind: "answer";
      articleId: string;
      confidence: number;
      /** The article in the customer's language, with a closing that says how to reach a person. */
      text: string;
    }
  | {
      kind: "handover";
      reason: HandoverReason;
      /** "A person will join", in the customer's language; null when the bot should stay silent. */
      message: string | null;
      /** The best articles in the customer's language, for the agent who takes over. */
      candidates: BotCandidate[];
    }
  | { kind: "skip"; reason: "disabled" | "not_a_question" | "empty" };

export interface BotArticle {
  title: string;
  body: string;
  language: string;
}

const MAX_CANDIDATES = 3;

export function decideBotAnswer(
  index: KnowledgeIndex,
  articles: ReadonlyMap<string, BotArticle>,
  facts: BotFacts,
  settings: BotSettings,
): BotDecision {
  if (!settings.enabled) return { kind: "skip", reason: "disabled" };
  const text = typeof facts.text === "string" ? facts.text.trim() : "";
  if (tokenize(text).length === 0) return { kind: "skip", reason: "empty" };

  const language = searchLanguageOf(facts.language);
  const isPublic = facts.visibility === "public";
  const silent = isPublic || facts.alreadyHandedOver;
  // Searched once, only when some branch needs it.
  let hits: SearchHit[] | null = null;
  const sameLanguageHits = () => {
    hits ??= language ? searchArticles(index, articles, text, language) : [];
    return hits;
  };
  const handover = (reason: HandoverReason): BotDecision => ({
    kind: "handover",
    reason,
    message: silent ? null : handoverMessage(language),
    candidates: sameLanguageHits()
      .slice(0, MAX_CANDIDATES)
      .map((hit) => ({ articleId: hit.id, confidence: hit.confidence })),
  });

  if (facts.alreadyHandedOver) return handover("already_handed_over");
  if (facts.isComplaint) return handover("complaint");
  if (isPublic && facts.sentiment === "negative") return handover("negative_public");
  if (isPublic && !settings.answerPublic) return { kind: "skip", reason: "disabled" };
  if (!isQuestion(text)) return { kind: "skip", reason: "not_a_question" };
  if (!language || !hasArticleIn(articles, language)) return handover("no_article_in_language");

  const minConfidence = minConfidenceOf(settings);
  const best = sameLanguageHits()[0];
  const article = best ? articles.get(best.id) : undefined;
  if (!best || !article || best.confidence < minConfidence)
    return handover(
      answeredInAnotherLanguage(index, articles, text, language, minConfidence)
        ? "no_article_in_language"
        : "low_confidence",
    );
  return {
    kind: "answer",
    articleId: best.id,
    confidence: best.confidence,
    text: `${article.body.trim()}\n\n${answerClosing(language)}`,
  };
}

/**
 * Articles in the customer's language, best first. Only articles the caller passed count: the index may
 * hold canned replies and articles unpublished since it was built.
 */
function searchArticles(
  index: KnowledgeIndex,
  articles: ReadonlyMap<string, BotArticle>,
  text: string,
  language: ListeningLanguage,
): SearchHit[] {
  return index.search(text, { language, kinds: ["article"], sameLanguageOnly: true }).filter((hit) => {
    const article = articles.get(hit.id);
    return article !== undefined && searchLanguageOf(article.language) === language;
  });
}

/** An article in another language answers it: a translation is missing, which the team should hear about. */
function answeredInAnotherLanguage(
  index: KnowledgeIndex,
  articles: ReadonlyMap<string, BotArticle>,
  text: string,
  language: ListeningLanguage,
  minConfidence: number,
): boolean {
  const [best] = index.search(text, { language, kinds: ["article"] });
  if (!best || best.confidence < minConfidence) return false;
  const article = articles.get(best.id);
  return article !== undefined && searchLanguageOf(article.language) !== language;
}

function hasArticleIn(articles: ReadonlyMap<string, BotArticle>, language: ListeningLanguage): boolean {
  for (const article of articles.values()) if (searchLanguageOf(article.language) === language) return true;
  return false;
}

/** A setting from a form or an old config: anything unusable falls back to the default. */
function minConfidenceOf(settings: BotSettings): number {
  const value = settings.minConfidence;
  return typeof value === "number" && Number.isFinite(value)
    ? Math.min(1, Math.max(0, value))
    : DEFAULT_BOT_SETTINGS.minConfidence;
}

/**
 * Whether an answer the bot sent goes to a person for review. Decided by a hash of the answer's id, not by
 * chance, so every worker (and a re-run) picks the same answers and the rate holds across them.
 */
export function shouldSampleForReview(answerId: string, sampleRate: number): boolean {
  if (!Number.isFinite(sampleRate) || sampleRate <= 0) return false;
  if (sampleRate >= 1) return true;
  return hashToUnit(String(answerId)) < sampleRate;
}

/** FNV-1a over UTF-16 code units, then murmur3's finalizer so sequential ids ("a-1", "a-2") spread evenly. */
function hashToUnit(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}
