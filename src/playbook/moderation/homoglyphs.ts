/**
 * What a character can stand for when someone disguises a word: letters of one script that look like
 * letters of the other ("xуй" with a Latin x, "fuсk" with a Cyrillic с) and digits or symbols typed for
 * letters ("sh1t", "п1зда", "$hit", "e6ать"). Keys are folded (lower case, no diacritics); a value lists
 * every letter the key may stand for.
 */

/** Latin (and Greek) letters read as Cyrillic. Latin b reads as в only: read as б, "ebay" would spell "ебау". */
export const CYRILLIC_LOOKALIKES: Readonly<Record<string, string>> = {
  a: "а",
  b: "в",
  c: "с",
  d: "д",
  e: "е",
  h: "н",
  i: "и",
  k: "к",
  m: "м",
  n: "п",
  o: "о",
  p: "р",
  r: "г",
  t: "т",
  u: "и",
  x: "х",
  y: "у",
  α: "а",
  ε: "е",
  κ: "к",
  ο: "о",
  ρ: "р",
  τ: "т",
  χ: "х",
};

/** Cyrillic and Greek letters read as Latin. */
export const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  а: "a",
  в: "b",
  г: "r",
  е: "e",
  и: "u",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  п: "n",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ш: "w",
  ь: "b",
  і: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  μ: "u",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
};

/** Digits and symbols typed for Latin letters. */
export const LATIN_SUBSTITUTES: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "il",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "9": "g",
  "@": "a",
  $: "s",
  "!": "i",
  "€": "e",
};

/** Digits and symbols typed for Cyrillic letters. */
export const CYRILLIC_SUBSTITUTES: Readonly<Record<string, string>> = {
  "0": "о",
  "1": "и",
  "3": "з",
  "4": "ч",
  "6": "б",
  "8": "в",
  "@": "а",
  $: "с",
  "!": "и",
  "€": "е",
};
