/**
 * Keyboard-layout slips: a term typed while the other layout was on, Russian ЙЦУКЕН ↔ US QWERTY (the pair
 * every Russian-speaking user in our markets has installed). "мвидео" typed on QWERTY keys comes out as
 * "vdbltj", "nordmart" typed with ЙЦУКЕН on comes out as "тщквьфке".
 *
 * Six Russian letters sit on QWERTY punctuation keys (х [, ъ ], ж ;, э ', б ",", ю ".", ё `), and normalization
 * drops punctuation. So "хорошо" slips to "[jhjij", which customer text and our pattern both normalize to
 * "jhjij": the pattern stays right at the word's edges. Inside a word the punctuation splits it ("объём" →
 * "j,]`v" → "j v"), and fragments like that would match noise, so `layoutSlip` returns null whenever the slip
 * normalizes to more tokens than the term itself or keeps fewer than four letters. The opposite direction
 * has no such loss: QWERTY punctuation becomes Russian letters ("M.Video" → "ьюмшвущ").
 */
import { normalizeTerm } from "../normalize.ts";

// The same physical keys, unshifted, row by row (with the ё/` key first).
const QWERTY_KEYS = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./";
const JCUKEN_KEYS = "ёйцукенгшщзхъфывапролджэячсмитьбю.";
// Shifted punctuation that differs between the layouts (shifted letters are handled by lower-casing first).
const QWERTY_SHIFTED = '~{}:"<>?';
const JCUKEN_SHIFTED = "ёхъжэбю,";

/** Pairs up characters at the same position: the same physical key in two layouts. */
function sameKeys(pairs: readonly (readonly [string, string])[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [from, to] of pairs) {
    const fromKeys = [...from];
    const toKeys = [...to];
    fromKeys.forEach((key, i) => {
      if (!map.has(key)) map.set(key, toKeys[i]!);
    });
  }
  return map;
}

const CYRILLIC_TO_QWERTY = sameKeys([
  [JCUKEN_KEYS, QWERTY_KEYS],
  [JCUKEN_SHIFTED, QWERTY_SHIFTED],
]);
const LATIN_TO_JCUKEN = sameKeys([
  [QWERTY_KEYS, JCUKEN_KEYS],
  [QWERTY_SHIFTED, JCUKEN_SHIFTED],
]);

/** The key map used for neighbour-key misspellings: letter rows of each layout. */
export const KEY_ROWS: Record<"latin" | "cyrillic", readonly string[]> = {
  latin: ["qwertyuiop", "asdfghjkl", "zxcvbnm"],
  cyrillic: ["йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"],
};

/**
 * The keystrokes of `term` read in the other layout: Cyrillic characters as QWERTY, Latin ones as ЙЦУКЕН.
 * Latin letters with diacritics are read as their base key (a Russian layout has no "ā" to press).
 */
export function retypeInOtherLayout(term: string): string {
  // "." and "," sit on different keys in each layout; the term's own alphabet says which one was pressed.
  const [first, second] = /\p{Script=Cyrillic}/u.test(term)
    ? [CYRILLIC_TO_QWERTY, LATIN_TO_JCUKEN]
    : [LATIN_TO_JCUKEN, CYRILLIC_TO_QWERTY];
  let out = "";
  for (const ch of term.toLowerCase()) {
    const direct = first.get(ch) ?? second.get(ch);
    if (direct !== undefined) {
      out += direct;
      continue;
    }
    const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
    out += LATIN_TO_JCUKEN.get(base) ?? ch;
  }
  return out;
}

/** The normalized layout slip of `term`, or null when it would be a useless or noisy pattern (see above). */
export function layoutSlip(term: string): string | null {
  const original = normalizeTerm(term);
  const slip = normalizeTerm(retypeInOtherLayout(term));
  if (!slip || slip === original) return null;
  const tokenCount = (text: string) => text.split(" ").length;
  const letters = slip.replaceAll(" ", "").length;
  if (tokenCount(slip) > tokenCount(original) || letters < 4) return null;
  return slip;
}
