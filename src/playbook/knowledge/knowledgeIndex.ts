/**
 * An in-memory search index over knowledge-base articles and canned replies in Russian, Polish, Latvian and
 * English: BM25 over stems (searchTerms.ts), built once per snapshot of the knowledge base and queried
 * while agents type and when the FAQ bot decides.
 *
 * Documents are grouped by language and each group is its own collection (its own document count, average
 * length and document frequencies): a Russian word's rarity is judged among Russian articles, not diluted by
 * a hundred English ones. The query is stemmed the way each group's documents were, so a short query whose
 * language was misdetected still meets its articles; the query language (given, or detected) only decides
 * `sameLanguageOnly` and breaks ties.
 *
 * Ranking: BM25 (k1 = 1.2, b = 0.75) where a term in the title counts TITLE_WEIGHT times and in a tag
 * TAG_WEIGHT times, over the document's plain length. Stemmers split some paradigms (Snowball gives
 * "deliveri" for "delivery" but "deliv" for "delivered"), so a query stem also matches an indexed stem it is
 * a prefix of, or that is a prefix of it, within the language's usual ending length, at PREFIX_MATCH weight.
 *
 * Confidence (0..1), the number the FAQ bot compares with its threshold, is built to mean the same for any
 * query and any knowledge base, which raw BM25 does not:
 *   coverage   = Σ idf(q)·match(q, d) / Σ idf(q) over the query's distinct content stems q, where
 *                match is 1 for an exact stem, PREFIX_MATCH for a prefix match, 0 otherwise. A stem found
 *                in no document weighs as much as the rarest indexed one (idf at df = 1): we cannot tell an
 *                incidental verb from a topic the knowledge base never mentions ("bicycles"), so it counts
 *                as fully informative, and an answer must cover the customer's own words.
 *   margin     = (s1 − s2) / s1 for the best hit (s2 the runner-up's BM25, among the hits the options
 *                let through), 0 for every other hit: two articles answering equally well mean we do not
 *                know which one the customer needs.
 *   confidence = coverage × (MARGIN_FLOOR + (1 − MARGIN_FLOOR) × margin).
 * So a full-coverage hit that clearly beats the rest scores near 1, a full-coverage tie scores
 * MARGIN_FLOOR (0.7, below the bot's default 0.75), and half a question covered never exceeds 0.5.
 */

import { detectLanguage } from "../../listening/language/detectLanguage.ts";
import type { ListeningLanguage } from "../../listening/listeningTypes.ts";
import { MAX_SUFFIX } from "../../listening/variants/stemmers.ts";
import { searchLanguageOf, searchTermsOf } from "./searchTerms.ts";

export type SearchKind = "article" | "canned";

export interface SearchDocument {
  id: string;
  kind: SearchKind;
  language: string;
  title: string;
  body: string;
  tags?: readonly string[];
}

export interface SearchHit {
  id: string;
  kind: SearchKind;
  /** The document's language as given when indexed. */
  language: string;
  /** Raw BM25: only comparable between hits of one search. */
  score: number;
  /** 0..1, comparable across queries: how well the query is covered, and how clearly this hit wins. */
  confidence: number;
  /** 0..1: the idf-weighted share of the query's content stems this document has, margin aside. */
  coverage: number;
  /** The query's stems (normalized) this document matched, in query order. */
  matchedTerms: string[];
}

export interface SearchOptions {
  /** The query's language; detected from the query when not given. */
  language?: string;
  kinds?: SearchKind[];
  /** At most this many hits; 10 when not given. */
  limit?: number;
  /** Only documents in the query's language, when it is given or detected with some confidence. */
  sameLanguageOnly?: boolean;
}

export const TITLE_WEIGHT = 3;
export const TAG_WEIGHT = 2;
export const PREFIX_MATCH = 0.8;
export const MARGIN_FLOOR = 0.7;
const K1 = 1.2;
const B = 0.75;
const DEFAULT_LIMIT = 10;
/** Shorter stems ("pay", "zam") are prefixes of too many unrelated words. */
const MIN_PREFIX_STEM = 4;
/** Without stemming (an unsupported language) endings are unknown; this still takes "parcel"/"parcels". */
const UNSTEMMED_MAX_SUFFIX = 2;

interface IndexedDocument {
  id: string;
  kind: SearchKind;
  language: string;
  /** Title, body and tag terms counted once each: long titles should not be penalised for the boost. */
  length: number;
}

interface Posting {
  doc: number;
  /** Term frequency with the title and tag weights applied. */
  tf: number;
}

interface Group {
  language: ListeningLanguage | null;
  key: string;
  docs: IndexedDocument[];
  postings: Map<string, Posting[]>;
  /** The group's vocabulary, sorted, for finding the terms a stem is a prefix of. */
  terms: string[];
  averageLength: number;
}

/** How one query stem matches one document: the better of its exact and prefix matches. */
interface TermMatch {
  weight: number;
  tf: number;
}

export class KnowledgeIndex {
  private readonly groups: Group[];
  private readonly count: number;

  constructor(docs: readonly SearchDocument[]) {
    // A document given twice (an edit appended to a snapshot) is indexed once, as last given.
    const latest = new Map<string, SearchDocument>();
    for (const doc of docs) latest.set(doc.id, doc);
    const byKey = new Map<string, Group>();
    for (const doc of latest.values()) {
      const language = searchLanguageOf(doc.language);
      const key = language ?? "";
      let group = byKey.get(key);
      if (!group) {
        group = { language, key, docs: [], postings: new Map(), terms: [], averageLength: 0 };
        byKey.set(key, group);
      }
      addDocument(group, doc, language);
    }
    for (const group of byKey.values()) {
      group.terms = [...group.postings.keys()].sort();
      const total = group.docs.reduce((sum, d) => sum + d.length, 0);
      group.averageLength = group.docs.length > 0 ? Math.max(1, total / group.docs.length) : 1;
    }
    this.groups = [...byKey.values()];
    this.count = latest.size;
  }

  get size(): number {
    return this.count;
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    if (typeof query !== "string" || query.trim().length === 0) return [];
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
    if (limit === 0) return [];
    const queryLanguage = queryLanguageOf(query, options.language);
    const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : null;
    const scored: Scored[] = [];
    for (const group of this.groups) {
      if (options.sameLanguageOnly && queryLanguage !== null && group.language !== queryLanguage) continue;
      scored.push(...scoreGroup(group, query, kinds));
    }
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.groupLanguage === queryLanguage) - Number(a.groupLanguage === queryLanguage) ||
        (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0),
    );
    const best = scored[0]?.score ?? 0;
    const runnerUp = scored[1]?.score ?? 0;
    return scored.slice(0, limit).map((hit, rank) => {
      const margin = rank === 0 && best > 0 ? (best - runnerUp) / best : 0;
      const confidence = hit.coverage * (MARGIN_FLOOR + (1 - MARGIN_FLOOR) * margin);
      return {
        id: hit.doc.id,
        kind: hit.doc.kind,
        language: hit.doc.language,
        score: round(hit.score),
        confidence: round(Math.min(1, Math.max(0, confidence))),
        coverage: round(Math.min(1, Math.max(0, hit.coverage))),
        matchedTerms: hit.matchedTerms,
      };
    });
  }
}

interface Scored {
  doc: IndexedDocument;
  groupLanguage: ListeningLanguage | null;
  score: number;
  coverage: number;
  matchedTerms: string[];
}

function addDocument(group: Group, doc: SearchDocument, language: ListeningLanguage | null): void {
  const index = group.docs.length;
  const counts = new Map<string, number>();
  let length = 0;
  const add = (text: string, weight: number) => {
    for (const term of searchTermsOf(text, language)) {
      counts.set(term, (counts.get(term) ?? 0) + weight);
      length++;
    }
  };
  add(doc.title, TITLE_WEIGHT);
  add(doc.body, 1);
  for (const tag of doc.tags ?? []) add(tag, TAG_WEIGHT);
  group.docs.push({ id: doc.id, kind: doc.kind, language: doc.language, length });
  for (const [term, tf] of counts) {
    const list = group.postings.get(term);
    if (list) list.push({ doc: index, tf });
    else group.postings.set(term, [{ doc: index, tf }]);
  }
}

/** Below this a detection is a guess ("zwrotu" alone reads as Latvian), too weak to exclude documents. */
const MIN_DETECTION_CONFIDENCE = 0.5;

/** The given language as a search language, or the query's own when detected with some confidence. */
export function queryLanguageOf(query: string, given: string | undefined): ListeningLanguage | null {
  if (given !== undefined) return searchLanguageOf(given);
  const detected = detectLanguage(query);
  return detected.language === "other" || detected.confidence < MIN_DETECTION_CONFIDENCE
    ? null
    : detected.language;
}

function scoreGroup(group: Group, query: string, kinds: Set<SearchKind> | null): Scored[] {
  const stems = [...new Set(searchTermsOf(query, group.language))];
  if (stems.length === 0 || group.docs.length === 0) return [];
  const n = group.docs.length;
  const idfOf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const perTerm = stems.map((stem) => {
    const matches = matchesOf(group, stem);
    return { stem, matches, idf: idfOf(Math.max(1, matches.size)) };
  });
  const totalIdf = perTerm.reduce((sum, t) => sum + t.idf, 0);
  const scores = new Map<number, Scored>();
  for (const { stem, matches, idf } of perTerm) {
    for (const [docIndex, match] of matches) {
      const doc = group.docs[docIndex];
      if (!doc || (kinds && !kinds.has(doc.kind))) continue;
      const norm = K1 * (1 - B + (B * doc.length) / group.averageLength);
      const gain = match.weight * idf * ((match.tf * (K1 + 1)) / (match.tf + norm));
      let entry = scores.get(docIndex);
      if (!entry) {
        entry = { doc, groupLanguage: group.language, score: 0, coverage: 0, matchedTerms: [] };
        scores.set(docIndex, entry);
      }
      entry.score += gain;
      entry.coverage += totalIdf > 0 ? (match.weight * idf) / totalIdf : 0;
      entry.matchedTerms.push(stem);
    }
  }
  return [...scores.values()].filter((s) => s.score > 0);
}

/** Every document the stem matches, exactly or by prefix, with the better match kept per document. */
function matchesOf(group: Group, stem: string): Map<number, TermMatch> {
  const found = new Map<number, TermMatch>();
  const take = (term: string, weight: number) => {
    for (const posting of group.postings.get(term) ?? []) {
      const known = found.get(posting.doc);
      if (!known || weight > known.weight || (weight === known.weight && posting.tf > known.tf))
        found.set(posting.doc, { weight, tf: posting.tf });
    }
  };
  take(stem, 1);
  const maxSuffix = group.language ? MAX_SUFFIX[group.language] : UNSTEMMED_MAX_SUFFIX;
  // Indexed stems that are prefixes of the query stem ("dostaw" for the query's "dostawe")...
  for (let length = Math.max(MIN_PREFIX_STEM, stem.length - maxSuffix); length < stem.length; length++)
    take(stem.slice(0, length), PREFIX_MATCH);
  // ...and indexed stems the query stem is a prefix of, found by binary search in the sorted vocabulary.
  if (stem.length >= MIN_PREFIX_STEM) {
    for (let i = lowerBound(group.terms, stem); i < group.terms.length; i++) {
      const term = group.terms[i]!;
      if (!term.startsWith(stem)) break;
      if (term.length > stem.length && term.length - stem.length <= maxSuffix) take(term, PREFIX_MATCH);
    }
  }
  return found;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
