/**
 * Articles and canned replies to offer while an agent types. Two searches feed it: the customer's message
 * (what they asked) and the agent's draft (where the agent is going). A draft of a word or two ("Hi Anna")
 * says little, so the message leads until the draft has DRAFT_WORDS words, then the draft does. Hits are
 * combined by coverage, which unlike raw BM25 means the same in both searches (knowledgeIndex.ts); not by
 * confidence, whose margin term is for the bot answering alone: an agent picks from a list, and two
 * equally good replies should both be on it.
 *
 * Then preferences, as multipliers, not filters, so a good answer is never hidden: the conversation's
 * category, the customer's language, and usage: a private-only reply (one asking for an address, say) is
 * still offered in a public thread, since the agent may mean to move the talk to private messages, but it
 * is ranked lower and flagged.
 */

import type { ListeningLanguage } from "../../listening/listeningTypes.ts";
import { tokenize } from "../../listening/normalize.ts";
import { type KnowledgeIndex, queryLanguageOf, type SearchHit, type SearchKind } from "./knowledgeIndex.ts";
import { searchLanguageOf } from "./searchTerms.ts";

export interface SuggestionContext {
  draft: string;
  customerMessage: string;
  /** The customer's language; detected from their message when not given. */
  language?: string;
  visibility: "public" | "private";
  categoryKey: string | null;
}

export interface Suggestion {
  id: string;
  kind: SearchKind;
  title: string;
  /** Why it is offered, for the agent: "Matches the customer's message; same category". */
  reason: string;
  /** A private-only canned reply suggested in a public thread. */
  usageMismatch: boolean;
}

export interface SuggestableDocument {
  usage?: string;
  categoryKey?: string | null;
  title: string;
}

/** From this many words on, the draft says more about the reply than the customer's message does. */
export const DRAFT_WORDS = 3;
const DRAFT_WEIGHT_LONG = 0.65;
const DRAFT_WEIGHT_SHORT = 0.25;
const CATEGORY_BOOST = 1.25;
const OTHER_LANGUAGE_FACTOR = 0.5;
const WRONG_USAGE_FACTOR = 0.8;
/** Below this a suggestion is noise in the agent's way. */
const MIN_RELEVANCE = 0.2;
/** Hits per search: enough that the boosts can reorder beyond the final limit. */
const CANDIDATES = 20;

interface Candidate {
  hit: SearchHit;
  fromMessage: number;
  fromDraft: number;
}

/**
 * Suggestions for the reply being written, best first. Only documents in `docsById` are offered: it is the
 * caller's view of what is live (an article archived since the index was built is left out).
 */
export function suggestReplies(
  index: KnowledgeIndex,
  docsById: ReadonlyMap<string, SuggestableDocument>,
  context: SuggestionContext,
  limit = 5,
): Suggestion[] {
  const message = typeof context.customerMessage === "string" ? context.customerMessage.trim() : "";
  const draft = typeof context.draft === "string" ? context.draft.trim() : "";
  if ((message.length === 0 && draft.length === 0) || limit <= 0) return [];
  const language = customerLanguage(context.language, message);
  const draftWeight = draftWeightOf(draft, message);
  const searchOptions = { limit: CANDIDATES, ...(language ? { language } : {}) };

  const candidates = new Map<string, Candidate>();
  const collect = (hits: SearchHit[], source: "fromMessage" | "fromDraft") => {
    for (const hit of hits) {
      const candidate = candidates.get(hit.id) ?? { hit, fromMessage: 0, fromDraft: 0 };
      candidate[source] = Math.max(candidate[source], hit.coverage);
      candidates.set(hit.id, candidate);
    }
  };
  if (message.length > 0 && draftWeight < 1) collect(index.search(message, searchOptions), "fromMessage");
  if (draft.length > 0 && draftWeight > 0) collect(index.search(draft, searchOptions), "fromDraft");

  const ranked: { suggestion: Suggestion; relevance: number }[] = [];
  for (const { hit, fromMessage, fromDraft } of candidates.values()) {
    const doc = docsById.get(hit.id);
    if (!doc) continue;
    let relevance = (1 - draftWeight) * fromMessage + draftWeight * fromDraft;
    const reasons: string[] = [matchReason(fromMessage > 0, fromDraft > 0)];
    const sameCategory =
      context.categoryKey !== null &&
      doc.categoryKey !== undefined &&
      doc.categoryKey === context.categoryKey;
    if (sameCategory) {
      relevance *= CATEGORY_BOOST;
      reasons.push("same category as the conversation");
    }
    if (language && searchLanguageOf(hit.language) !== language) {
      relevance *= OTHER_LANGUAGE_FACTOR;
      reasons.push(`written in ${hit.language || "another language"}, not the customer's ${language}`);
    }
    const usageMismatch = hit.kind === "canned" && context.visibility === "public" && doc.usage === "private";
    if (usageMismatch) {
      relevance *= WRONG_USAGE_FACTOR;
      reasons.push("meant for private messages, this thread is public");
    } else if (hit.kind === "canned" && context.visibility === "private" && doc.usage === "public") {
      relevance *= WRONG_USAGE_FACTOR;
      reasons.push("meant for public comments, this is a private conversation");
    }
    if (relevance < MIN_RELEVANCE) continue;
    ranked.push({
      suggestion: { id: hit.id, kind: hit.kind, title: doc.title, reason: reasons.join("; "), usageMismatch },
      relevance,
    });
  }
  ranked.sort(
    (a, b) =>
      b.relevance - a.relevance ||
      (a.suggestion.id < b.suggestion.id ? -1 : a.suggestion.id > b.suggestion.id ? 1 : 0),
  );
  return ranked.slice(0, limit).map((r) => r.suggestion);
}

function customerLanguage(given: string | undefined, message: string): ListeningLanguage | null {
  // With no message there is nothing of the customer's to detect: the draft is the agent's language.
  if (given === undefined && message.length === 0) return null;
  return queryLanguageOf(message, given);
}

/** How much the draft counts against the message, 0..1. */
function draftWeightOf(draft: string, message: string): number {
  if (draft.length === 0) return 0;
  if (message.length === 0) return 1;
  const words = tokenize(draft).filter((t) => t.kind === "word").length;
  if (words === 0) return 0;
  return words >= DRAFT_WORDS ? DRAFT_WEIGHT_LONG : DRAFT_WEIGHT_SHORT;
}

function matchReason(message: boolean, draft: boolean): string {
  if (message && draft) return "Matches the customer's message and your draft";
  return draft ? "Matches your draft" : "Matches the customer's message";
}
