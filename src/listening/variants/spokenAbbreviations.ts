/**
 * Abbreviations written as they are said: "МТС" as "эм-тэ-эс" or "эмтээс", "BMW" as "бэ-эм-вэ" or
 * "би-эм-ви", "PKO" as "pe-ka-o" or "pekao". A term counts as an abbreviation when it is written in capitals
 * of one alphabet, 2–5 letters ("NORDMART" is a word in capitals, not an abbreviation).
 *
 * Letter names per reading, most usual first; a letter with two names gives both spellings, within a budget.
 */
import { normalizeTerm } from "../normalize.ts";

const ABBREVIATION = /^(?:\p{Script=Cyrillic}|\p{Script=Latin})+$/u;
const MIN_LETTERS = 2;
const MAX_LETTERS = 5;
export const MAX_SPOKEN = 16;

type LetterNames = Record<string, readonly string[]>;

/** Russian names of Cyrillic letters. */
const RUSSIAN: LetterNames = {
  а: ["а"],
  б: ["бэ", "бе"],
  в: ["вэ", "ве"],
  г: ["гэ", "ге"],
  д: ["дэ", "де"],
  е: ["е"],
  ж: ["жэ", "же"],
  з: ["зэ", "зе"],
  и: ["и"],
  к: ["ка"],
  л: ["эл", "эль"],
  м: ["эм"],
  н: ["эн"],
  о: ["о"],
  п: ["пэ", "пе"],
  р: ["эр"],
  с: ["эс"],
  т: ["тэ", "те"],
  у: ["у"],
  ф: ["эф"],
  х: ["ха"],
  ц: ["цэ", "це"],
  ч: ["че"],
  ш: ["ша"],
  щ: ["ща"],
  э: ["э"],
  ю: ["ю"],
  я: ["я"],
};

/** Latin letters as Russian speakers say them in a Latin abbreviation, the school (German) reading. */
const RUSSIAN_OF_LATIN: LetterNames = {
  a: ["а"],
  b: ["бэ", "бе"],
  c: ["цэ", "си"],
  d: ["дэ", "де"],
  e: ["е"],
  f: ["эф"],
  g: ["гэ", "джи"],
  h: ["аш", "ха"],
  i: ["и"],
  j: ["жи", "йот"],
  k: ["ка"],
  l: ["эль", "эл"],
  m: ["эм"],
  n: ["эн"],
  o: ["о"],
  p: ["пэ", "пе"],
  q: ["ку"],
  r: ["эр"],
  s: ["эс"],
  t: ["тэ", "те"],
  u: ["у"],
  v: ["вэ", "ви"],
  w: ["вэ", "ве"],
  x: ["икс"],
  y: ["игрек"],
  z: ["зэт", "зет"],
};

/** The English letter names in Cyrillic ("би-эм-ви", "эйч-пи"); w is often said "ви" too. */
const ENGLISH_IN_CYRILLIC: LetterNames = {
  a: ["эи"],
  b: ["би"],
  c: ["си"],
  d: ["ди"],
  e: ["и"],
  f: ["эф"],
  g: ["джи"],
  h: ["эич"],
  i: ["аи"],
  j: ["джеи"],
  k: ["кеи"],
  l: ["эл"],
  m: ["эм"],
  n: ["эн"],
  o: ["оу"],
  p: ["пи"],
  q: ["кью"],
  r: ["ар"],
  s: ["эс"],
  t: ["ти"],
  u: ["ю"],
  v: ["ви"],
  w: ["ви", "дабл ю"],
  x: ["экс"],
  y: ["уаи"],
  z: ["зи"],
};

/** Polish letter names ("pe-ka-o", "pe-zet-u"); Latvian ones are the same once folded, but for a few. */
const POLISH: LetterNames = {
  a: ["a"],
  b: ["be"],
  c: ["ce"],
  d: ["de"],
  e: ["e"],
  f: ["ef"],
  g: ["gie", "ge"],
  h: ["ha"],
  i: ["i"],
  j: ["jot", "je"],
  k: ["ka"],
  l: ["el"],
  m: ["em"],
  n: ["en"],
  o: ["o"],
  p: ["pe"],
  q: ["ku"],
  r: ["er"],
  s: ["es"],
  t: ["te"],
  u: ["u"],
  v: ["fau", "ve"],
  w: ["wu", "ve"],
  x: ["iks"],
  y: ["igrek"],
  z: ["zet", "ze"],
};

/** Whether a term as written is an abbreviation: 2–5 capitals of one alphabet. */
export function isAbbreviation(term: string): boolean {
  const word = term.trim();
  const letters = [...word];
  return (
    letters.length >= MIN_LETTERS &&
    letters.length <= MAX_LETTERS &&
    ABBREVIATION.test(word) &&
    word === word.toUpperCase() &&
    word !== word.toLowerCase() &&
    (/^\p{Script=Cyrillic}+$/u.test(word) || /^\p{Script=Latin}+$/u.test(word))
  );
}

/** Each letter's name, the first names throughout first, then one letter at a time on its second name. */
function readings(letters: string[], names: LetterNames): string[][] {
  const first = letters.map((l) => names[l]?.[0]);
  if (first.some((n) => n === undefined)) return [];
  const out: string[][] = [first as string[]];
  letters.forEach((letter, i) => {
    for (const other of names[letter]!.slice(1)) {
      const reading = [...(first as string[])];
      reading[i] = other;
      out.push(reading);
    }
  });
  return out;
}

/**
 * The spoken spellings of an abbreviation, normalized: each reading with its letter names apart ("эм тэ эс",
 * what "эм-тэ-эс" tokenizes to) and run together ("эмтэс"). Empty for anything but an abbreviation.
 */
export function spokenSpellings(term: string): string[] {
  if (!isAbbreviation(term)) return [];
  const letters = [...term.trim().toLowerCase()];
  const tables = /^\p{Script=Cyrillic}+$/u.test(term.trim())
    ? [RUSSIAN]
    : [RUSSIAN_OF_LATIN, ENGLISH_IN_CYRILLIC, POLISH];
  const found = new Set<string>();
  const original = normalizeTerm(term);
  for (const table of tables)
    for (const reading of readings(letters, table)) {
      for (const spelling of [reading.join(" "), reading.join("").replaceAll(" ", "")]) {
        const text = normalizeTerm(spelling);
        if (text && text !== original) found.add(text);
      }
    }
  return [...found].slice(0, MAX_SPOKEN);
}
