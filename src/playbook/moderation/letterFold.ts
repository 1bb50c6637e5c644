import { normalizeTerm } from "../../listening/normalize.ts";

/** Distinct characters seen so far; a text in an unexpected script must not grow it without bound. */
const MAX_CACHED = 10_000;
const cache = new Map<string, string>();

/**
 * One character folded the way the listening matcher folds text (case, diacritics, ё→е, й→и): "" for
 * anything that is not a letter or a digit. Folded one character at a time, unlike `normalizeTerm` over a
 * whole word, so that repeated letters survive: here a run carries meaning ("ass" is not "as", "nigger" is
 * not "Niger"), and the matcher weighs runs itself.
 */
export function foldChar(ch: string): string {
  const cached = cache.get(ch);
  if (cached !== undefined) return cached;
  const folded = normalizeTerm(ch);
  if (cache.size < MAX_CACHED) cache.set(ch, folded);
  return folded;
}
