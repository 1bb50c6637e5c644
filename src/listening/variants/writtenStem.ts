/**
 * Stemming a token of customer text, shared by the triage model's features and the knowledge-base search:
 * both stem the token as written (stemmers.ts reads diacritics the tokens have lost) and fold the stem like
 * the tokens, so stems and unstemmed words meet in one space.
 */
import type { ListeningLanguage } from "../listeningTypes.ts";
import { normalizeTerm, type Token } from "../normalize.ts";
import { stemWord } from "./stemmers.ts";

/**
 * The token as the customer wrote it, which is what the stemmers read: without a hashtag's "#" (or a
 * handle's "@"), and without an inner apostrophe, which tokenize drops too ("don't" → "dont").
 */
export function writtenForm(text: string, token: Token): string {
  const raw = text.slice(token.kind === "word" ? token.start : token.start + 1, token.end);
  return raw.includes("'") || raw.includes("’") ? raw.replace(/['’]/gu, "") : raw;
}

/** Stemming plus folding costs far more than a lookup, and the same words recur message after message. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/**
 * The stem of a written word, folded like tokens are; it may be empty or several tokens (an underscore in
 * a hashtag), which callers treat as no stem.
 */
export function foldedStem(written: string, language: ListeningLanguage): string {
  const key = `${language}${written}`;
  const cached = stemCache.get(key);
  if (cached !== undefined) return cached;
  const stem = normalizeTerm(stemWord(written, language));
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(key, stem);
  return stem;
}
