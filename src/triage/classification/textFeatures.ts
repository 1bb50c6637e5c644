import type { ListeningLanguage } from "../../listening/listeningTypes.ts";
import { normalizeTerm, type Token } from "../../listening/normalize.ts";
import { isStopword, stemWord } from "../../listening/variants/stemmers.ts";

/**
 * What the learned model sees of a text: the set of its word stems plus pairs of neighbouring stems, so
 * "бонус за доставку" is told apart from a text that merely has both words. A set, not counts: in short
 * messages a repeated word says little more than the word once.
 */

/** Cannot collide with a stem: tokens never hold control characters. */
export const LINK_FEATURE = "\u0001link";

const LINK = /https?:\/\/|www\./iu;

/** nlp.js has no Latvian stopword list (stemmers.ts); these few carry no topic. Folded like tokens. */
const LATVIAN_STOPWORDS = new Set(
  "un ir kur mana mans man es tu vai ar par uz no kas ka bet lai jau vel loti tas ta to so nav jus mes kad musu jusu vinu".split(
    " ",
  ),
);

/** Stemming plus folding costs far more than a lookup, and the same words recur message after message. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/**
 * The features of `text` given its tokens. `language` null (undetected) keeps words unstemmed: a stemmer
 * of the wrong language mangles more than it groups.
 */
export function textFeatures(
  text: string,
  tokens: readonly Token[],
  language: ListeningLanguage | null,
): string[] {
  const features = new Set<string>();
  let previous: string | null = null;
  for (const token of tokens) {
    if (token.kind === "handle" || isNumber(token.text)) continue;
    if (isStopword(token.text) || LATVIAN_STOPWORDS.has(token.text)) continue;
    const stem = language ? stemOf(writtenForm(text, token), token.text, language) : token.text;
    if (stem.length < 2) continue;
    features.add(stem);
    if (previous !== null) features.add(`${previous} ${stem}`);
    previous = stem;
  }
  // tokenize drops links, yet a link is much of what marks spam.
  if (LINK.test(text)) features.add(LINK_FEATURE);
  return [...features];
}

/** The token as the customer wrote it, which is what the stemmers read (stemmers.ts). */
function writtenForm(text: string, token: Token): string {
  const raw = text.slice(token.kind === "hashtag" ? token.start + 1 : token.start, token.end);
  return raw.includes("'") || raw.includes("’") ? raw.replace(/['’]/gu, "") : raw;
}

function stemOf(written: string, folded: string, language: ListeningLanguage): string {
  const key = `${language}${written}`;
  const cached = stemCache.get(key);
  if (cached !== undefined) return cached;
  const stem = normalizeTerm(stemWord(written, language));
  // A stem that folds into several tokens or none (an underscore in a hashtag) is no better than the word.
  const result = stem.length === 0 || stem.includes(" ") ? folded : stem;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(key, result);
  return result;
}

function isNumber(text: string): boolean {
  const first = text.charCodeAt(0);
  return first >= 48 && first <= 57 && /^\d+$/u.test(text);
}
