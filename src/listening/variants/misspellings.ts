/**
 * Plausible misspellings of one normalized word, most likely first: sound-alike confusions (о/а, е/и, i/y,
 * w/v...), a dropped letter, two neighbouring letters swapped, a neighbouring key pressed. Doubled letters are
 * not generated: normalization collapses repeats, so "нордмаррт" already is "нордмарт".
 *
 * Bounds, and why: words under 6 letters get none (a single edit of a 4- or 5-letter brand lands on other
 * words too often: "Żabka" → "żaba", "Orlen" → "olen"); 6–8 letters get edit distance 1; 9 letters or more also get a few distance-2 forms, combining
 * two of the likeliest single edits, because long words collect more slips but the pairs grow as n².
 * Two-letter confusions (ie/y, ph/f, ц/тс) are two edits, so only long words get them. At most
 * MAX_MISSPELLINGS per word: an 8-letter word already has ~35 distance-1 candidates, a 12-letter one ~70,
 * and every variant is one more pattern in the matcher per topic. None shorter than 4 letters, none that
 * is a stop word (it would match everywhere), and none that is a common word of the four languages
 * (commonWords.ts): "maxim" is not a slip for "Maxima" but a word of its own.
 */
import { normalizeTerm } from "../normalize.ts";
import { isCommonWord } from "./commonWords.ts";
import { editDistance } from "./editDistance.ts";
import { KEY_ROWS } from "./keyboardLayout.ts";
import type { Script } from "./script.ts";
import { isStopword } from "./stemmers.ts";

export const MAX_MISSPELLINGS = 40;
export const MIN_MISSPELLED_LENGTH = 6;
const LONG_WORD = 9;
const MAX_DISTANCE_TWO = 8;
const MIN_VARIANT_LENGTH = 4;

/** One edit: replace `length` characters at `at` with `insert`. */
interface Edit {
  at: number;
  length: number;
  insert: string;
}

// Confusions customers actually make, both ways, in normalized letters (й is и, ё is е here).
const CONFUSIONS: Record<Script, readonly [string, string][]> = {
  cyrillic: [
    ["о", "а"],
    ["е", "и"],
    ["и", "ы"],
    ["ш", "щ"],
    ["е", "э"],
    ["ц", "тс"],
    ["з", "с"],
    ["т", "д"],
    ["б", "п"],
    ["ь", ""],
  ],
  latin: [
    ["i", "y"],
    ["w", "v"],
    ["ck", "k"],
    ["c", "k"],
    ["sz", "sh"],
    ["ie", "y"],
    ["ph", "f"],
    ["s", "z"],
    ["ou", "u"],
    ["e", "a"],
  ],
};

function confusionEdits(word: string, script: Script): Edit[] {
  const edits: Edit[] = [];
  for (const [a, b] of CONFUSIONS[script]) {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      if (!from) continue;
      for (let at = word.indexOf(from); at >= 0; at = word.indexOf(from, at + 1)) {
        edits.push({ at, length: from.length, insert: to });
      }
    }
  }
  return edits;
}

/**
 * Dropped letters; the first letter is rarely dropped, so it is kept. So is the last: without it the word is
 * its stem, often a word of its own ("Maxima" → "maxim"), which the stems only match with an ending.
 */
function dropEdits(word: string): Edit[] {
  const edits: Edit[] = [];
  for (let at = 1; at < word.length - 1; at++) edits.push({ at, length: 1, insert: "" });
  return edits;
}

function swapEdits(word: string): Edit[] {
  const edits: Edit[] = [];
  for (let at = 0; at + 1 < word.length; at++) {
    if (word[at] !== word[at + 1]) edits.push({ at, length: 2, insert: word[at + 1]! + word[at]! });
  }
  return edits;
}

const NEIGHBOURS = new Map<string, string[]>();
for (const rows of Object.values(KEY_ROWS)) {
  for (const row of rows) {
    const keys = [...row];
    keys.forEach((key, i) => {
      // Only the keys beside it in the row: above/below would triple the list for rarer slips.
      NEIGHBOURS.set(
        key,
        [keys[i - 1], keys[i + 1]].filter((k): k is string => k !== undefined),
      );
    });
  }
}

function neighbourKeyEdits(word: string): Edit[] {
  const edits: Edit[] = [];
  [...word].forEach((ch, at) => {
    for (const key of NEIGHBOURS.get(ch) ?? []) edits.push({ at, length: 1, insert: key });
  });
  return edits;
}

function applyEdits(word: string, edits: readonly Edit[]): string {
  let out = word;
  // Right to left, so earlier offsets stay valid.
  for (const edit of [...edits].sort((x, y) => y.at - x.at)) {
    out = out.slice(0, edit.at) + edit.insert + out.slice(edit.at + edit.length);
  }
  return out;
}

function overlaps(x: Edit, y: Edit): boolean {
  return x.at <= y.at + y.length && y.at <= x.at + x.length;
}

/**
 * Misspellings of `word` (one normalized token, Cyrillic or Latin), likeliest first, at most `limit`.
 * Returns none for short words, digits, or mixed-script tokens.
 */
export function misspellings(word: string, limit = MAX_MISSPELLINGS): string[] {
  const script: Script | null = /^\p{Script=Cyrillic}+$/u.test(word)
    ? "cyrillic"
    : /^\p{Script=Latin}+$/u.test(word)
      ? "latin"
      : null;
  if (!script || word.length < MIN_MISSPELLED_LENGTH) return [];
  const singles = [
    ...confusionEdits(word, script),
    ...dropEdits(word),
    ...swapEdits(word),
    ...neighbourKeyEdits(word),
  ];
  const maxDistance = word.length >= LONG_WORD ? 2 : 1;
  const found = new Set<string>();
  const accept = (edits: readonly Edit[], cap: number) => {
    if (found.size >= cap) return;
    // Normalizing again collapses letters an edit made adjacent ("ана" without н → "а").
    const candidate = normalizeTerm(applyEdits(word, edits));
    if (candidate === word || candidate.includes(" ") || candidate.length < MIN_VARIANT_LENGTH) return;
    // Two-letter confusions (ie/y, ph/f, ц/тс) cost two edits: for short words they break the bound.
    if (editDistance(candidate, word, maxDistance) > maxDistance) return;
    if (isStopword(candidate) || isCommonWord(candidate)) return;
    found.add(candidate);
  };
  const pairsWanted = word.length >= LONG_WORD ? Math.min(MAX_DISTANCE_TWO, Math.floor(limit / 5)) : 0;
  for (const edit of singles) accept([edit], limit - pairsWanted);
  if (pairsWanted > 0) {
    // Pairs of the likeliest edits (confusions and drops come first in `singles`), far enough apart not to
    // touch the same letters.
    const likely = singles.slice(0, 12);
    for (let i = 0; i < likely.length && found.size < limit; i++) {
      for (let j = i + 1; j < likely.length && found.size < limit; j++) {
        if (!overlaps(likely[i]!, likely[j]!)) accept([likely[i]!, likely[j]!], limit);
      }
    }
  }
  return [...found];
}
