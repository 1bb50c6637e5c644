/**
 * Finds "easy money" phrases (spamVocabulary.ts) in a comment. Phrases are matched over the comment's
 * listening tokens (normalize.ts), so case, diacritics, emphasis ("заработоооок") and punctuation between
 * words do not matter, and each finding is quoted from the original text.
 */

import { normalizeTerm, type Token, tokenize } from "../../listening/normalize.ts";
import { MONEY_BAIT } from "./spamVocabulary.ts";

export interface BaitPhrase {
  /** The phrase as written in the comment. */
  excerpt: string;
  /** The vocabulary entry it matched; two excerpts of one entry are one kind of bait. */
  entry: string;
}

/** An amount: three digits or more, in thousands groups or not ("500", "5000", "5 000"). */
const AMOUNT = "(?:\\d{3,}|\\d{1,3}(?: \\d{3})+)";

interface CompiledPhrase {
  readonly entry: string;
  readonly pattern: RegExp;
}

const PHRASES: readonly CompiledPhrase[] = Object.values(MONEY_BAIT)
  .flat()
  .map((entry) => ({ entry, pattern: compilePhrase(entry) }));

export function findMoneyBait(text: string): BaitPhrase[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const tokens = tokenize(text).filter((t) => t.kind === "word");
  // Tokens joined by single spaces, with where each token starts in the joined text.
  const offsets: number[] = [];
  let joined = "";
  for (const token of tokens) {
    if (joined.length > 0) joined += " ";
    offsets.push(joined.length);
    joined += token.text;
  }
  const found: BaitPhrase[] = [];
  for (const { entry, pattern } of PHRASES) {
    const m = pattern.exec(joined);
    if (m) found.push({ entry, excerpt: excerpt(text, tokens, offsets, m.index, m.index + m[0].length) });
  }
  return found;
}

function excerpt(
  text: string,
  tokens: readonly Token[],
  offsets: readonly number[],
  from: number,
  to: number,
) {
  const first = lastAtOrBefore(offsets, from);
  const last = lastAtOrBefore(offsets, to - 1);
  return text.slice(tokens[first]!.start, tokens[last]!.end);
}

function lastAtOrBefore(offsets: readonly number[], position: number): number {
  let index = 0;
  while (index + 1 < offsets.length && offsets[index + 1]! <= position) index++;
  return index;
}

function compilePhrase(entry: string): RegExp {
  const words = entry.split(/\s+/).map((word) => {
    const alternatives = word.split("|").map((alternative) => {
      if (alternative === "#") return AMOUNT;
      const stem = alternative.endsWith("*");
      const folded = escapeRegExp(normalizeTerm(stem ? alternative.slice(0, -1) : alternative));
      return stem ? `${folded}\\S*` : folded;
    });
    return `(?:${alternatives.join("|")})`;
  });
  return new RegExp(`(?<=^| )${words.join(" ")}(?= |$)`, "u");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
