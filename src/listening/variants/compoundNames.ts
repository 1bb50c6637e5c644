/**
 * Names written apart or together: "MegaMarket" as "Mega Market" or "mega-market" (both two tokens), and
 * "Nord Pay" as "nordpay". The tokenizer splits on spaces and hyphens, so each other way of writing the
 * name is a variant of its own.
 */
import { normalizeTerm, tokenize } from "../normalize.ts";
import { isCommonWord } from "./commonWords.ts";
import { isStopword } from "./stemmers.ts";

const CAMEL_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})/u;
/** Each part of a guessed split has at least this many letters: "n ordmart" is no one's spelling. */
const MIN_PART = 3;
const MIN_SPLIT_WORD = 2 * MIN_PART;
const MAX_GUESSED_SPLITS = 8;
/** Longer words are rarely one brand written together, and their splits would only add patterns. */
const MAX_GUESSED_WORD = 12;

/**
 * A one-word term written apart, normalized: at its capitals as written ("MegaMarket" → "mega market"),
 * and, for a word without inner capitals that is not itself an everyday word ("Сбербанк", not "Office"),
 * between any two parts of 3+ letters that are not function words ("сбер банк", "techno dom").
 */
export function splitSpellings(term: string): string[] {
  const tokens = tokenize(term);
  if (tokens.length !== 1 || tokens[0]!.kind !== "word") return [];
  const word = term.slice(tokens[0]!.start, tokens[0]!.end);
  if (!/^\p{L}+$/u.test(word)) return [];
  const camelParts = word.split(CAMEL_BOUNDARY);
  if (camelParts.length > 1) return [normalizeTerm(camelParts.join(" "))];
  const folded = tokens[0]!.text;
  if (folded.length < MIN_SPLIT_WORD || folded.length > MAX_GUESSED_WORD || isCommonWord(folded)) return [];
  const splits: string[] = [];
  for (let at = MIN_PART; at <= folded.length - MIN_PART && splits.length < MAX_GUESSED_SPLITS; at++) {
    const head = folded.slice(0, at);
    const tail = folded.slice(at);
    if (isStopword(head) || isStopword(tail)) continue;
    splits.push(`${head} ${tail}`);
  }
  return splits;
}

/** A phrase of two or three words written as one ("Nord Pay" → "nordpay"), or null. */
export function joinedSpelling(term: string): string | null {
  const words = normalizeTerm(term).split(" ");
  if (words.length < 2 || words.length > 3 || !words.every((w) => /^\p{L}+$/u.test(w))) return null;
  return normalizeTerm(words.join(""));
}
