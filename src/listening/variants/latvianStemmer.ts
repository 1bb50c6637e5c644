/**
 * A light Latvian stemmer: Kārlis Kreslins' suffix-stripping algorithm ("A stemming algorithm for Latvian",
 * PhD thesis, Loughborough University, 1996) in the reduced form Apache Lucene ships as `LatvianStemmer`
 * (nominal endings only, no derivational suffixes). npm has no maintained Latvian stemmer, so it lives here.
 *
 * Each ending is removed only when the word keeps at least three letters and has more vowels than the
 * ending asks for (so short words such as "mājas" are not cut to nothing). Some endings (-i, -u, -iem,
 * -us, -os) come with a palatalized consonant before them ("brālis" → "brāļi", "lācis" → "lāču"); for those
 * the stem's consonant is turned back so all forms meet in one stem.
 *
 * Input is one lower-case word with its diacritics (ā, ē, ī, ū, č, ģ, ķ, ļ, ņ, š, ž).
 */

interface LatvianEnding {
  ending: string;
  /** The word must have more than this many vowels for the ending to be removed. */
  minVowels: number;
  palatalizes: boolean;
}

// Longest endings first: the first that fits wins.
const ENDINGS: readonly LatvianEnding[] = [
  ["ajiem", 3, false],
  ["ajai", 3, false],
  ["ajam", 2, false],
  ["ajām", 2, false],
  ["ajos", 2, false],
  ["ajās", 2, false],
  ["iem", 2, true],
  ["ajā", 2, false],
  ["ais", 2, false],
  ["ai", 2, false],
  ["ei", 2, false],
  ["ām", 1, false],
  ["am", 1, false],
  ["ēm", 1, false],
  ["īm", 1, false],
  ["im", 1, false],
  ["um", 1, false],
  ["us", 1, true],
  ["as", 1, false],
  ["ās", 1, false],
  ["es", 1, false],
  ["os", 1, true],
  ["ij", 1, false],
  ["īs", 1, false],
  ["ēs", 1, false],
  ["is", 1, false],
  ["ie", 1, false],
  ["u", 1, true],
  ["a", 1, true],
  ["i", 1, true],
  ["e", 1, false],
  ["ā", 1, false],
  ["ē", 1, false],
  ["ī", 1, false],
  ["ū", 1, false],
  ["o", 1, false],
  ["s", 0, false],
  ["š", 0, false],
].map(([ending, minVowels, palatalizes]) => ({
  ending: ending as string,
  minVowels: minVowels as number,
  palatalizes: palatalizes as boolean,
}));

const VOWELS = new Set(["a", "e", "i", "o", "u", "ā", "ē", "ī", "ū"]);

/** Palatalized consonant pairs at the end of a stem and the plain pair they come from. */
const PALATALIZED_PAIRS: readonly [string, string][] = [
  ["šņ", "sn"],
  ["žņ", "zn"],
  ["šļ", "sl"],
  ["žļ", "zl"],
  ["ļņ", "ln"],
  ["ļļ", "ll"],
];

const PALATALIZED_SINGLE: Record<string, string> = { č: "c", ļ: "l", ņ: "n" };

export function stemLatvian(word: string): string {
  const vowels = countVowels(word);
  for (const { ending, minVowels, palatalizes } of ENDINGS) {
    if (vowels > minVowels && word.length >= ending.length + 3 && word.endsWith(ending)) {
      const stem = word.slice(0, -ending.length);
      return palatalizes ? unpalatalize(stem, ending) : stem;
    }
  }
  return word;
}

function countVowels(word: string): number {
  let count = 0;
  for (const ch of word) if (VOWELS.has(ch)) count++;
  return count;
}

/** Undoes the consonant change some endings bring ("brāļ" → "brāl", "lāč" → "lāc", "zivj" → "ziv"). */
function unpalatalize(stem: string, removedEnding: string): string {
  // Genitive plural (-u) of 2nd, 5th and 6th declensions: "kšu" ← "kst", "ņņu" ← "nn".
  if (removedEnding === "u") {
    if (stem.endsWith("kš")) return `${stem.slice(0, -2)}kst`;
    if (stem.endsWith("ņņ")) return `${stem.slice(0, -2)}nn`;
  }
  // Labial consonants gain a j ("zivs" → "zivju"): drop it.
  if (/[pbmv]j$/u.test(stem)) return stem.slice(0, -1);
  for (const [palatal, plain] of PALATALIZED_PAIRS) {
    if (stem.endsWith(palatal)) return stem.slice(0, -2) + plain;
  }
  const last = stem.at(-1) ?? "";
  const plain = PALATALIZED_SINGLE[last];
  return plain ? stem.slice(0, -1) + plain : stem;
}
