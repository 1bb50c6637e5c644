/**
 * Words that mix Latin and Cyrillic letters which look alike ("Сбeр" with a Latin e, "Nordmаrt" with a
 * Cyrillic а). Keyboards switched mid-word, autocorrect and spammers dodging filters all produce them; a
 * reader sees one word, so the matcher must too. Such a token is written over in the alphabet its letters
 * say it belongs to, before folding, so "Сбeр" and "Сбер" are the same token.
 *
 * Case matters: a capital B looks like В, a small b does not look like в. The decision per token:
 * the alphabet that has letters with no look-alike in the other (б, д, ж... or d, f, g...) wins; when
 * both or neither have such letters, the alphabet of most letters wins; a tie, or letters of both kinds
 * that cannot be swapped, leaves the token as it was ("mvideoМвидео" is two words run together).
 */

/** Latin letters a Cyrillic word may carry by mistake, case by case, and what they stand for. */
const LATIN_TO_CYRILLIC: Record<string, string> = {
  A: "А",
  a: "а",
  B: "В",
  C: "С",
  c: "с",
  E: "Е",
  e: "е",
  H: "Н",
  K: "К",
  k: "к",
  M: "М",
  O: "О",
  o: "о",
  P: "Р",
  p: "р",
  T: "Т",
  X: "Х",
  x: "х",
  Y: "У",
  y: "у",
};

/** Cyrillic letters a Latin word may carry by mistake; small м, т, н, в, к read as small capitals. */
const CYRILLIC_TO_LATIN: Record<string, string> = {
  А: "A",
  а: "a",
  В: "B",
  в: "b",
  С: "C",
  с: "c",
  Е: "E",
  е: "e",
  Н: "H",
  н: "h",
  К: "K",
  к: "k",
  М: "M",
  м: "m",
  О: "O",
  о: "o",
  Р: "P",
  р: "p",
  Т: "T",
  т: "t",
  Х: "X",
  х: "x",
  У: "Y",
  у: "y",
  І: "I",
  і: "i",
  Ј: "J",
  ј: "j",
  Ѕ: "S",
  ѕ: "s",
};

export const SCRIPT_LATIN = 1;
export const SCRIPT_CYRILLIC = 2;

/** Which alphabet a letter's code point belongs to (0 for digits and other alphabets). */
export function scriptBit(cp: number): number {
  if (cp < 0x80) return cp >= 65 ? SCRIPT_LATIN : 0;
  if (cp >= 0x400 && cp < 0x530) return SCRIPT_CYRILLIC;
  return cp >= 0xc0 && cp < 0x250 ? SCRIPT_LATIN : 0;
}

/**
 * The word rewritten in the one alphabet its look-alike letters belong to, or null when it should stay
 * as written. `word` is a token's original characters, capitals included.
 */
export function unmixLookalikes(word: string): string | null {
  let latinOwn = 0;
  let latinShared = 0;
  let cyrillicOwn = 0;
  let cyrillicShared = 0;
  for (const ch of word) {
    const bit = scriptBit(ch.codePointAt(0)!);
    if (bit === SCRIPT_LATIN) {
      if (LATIN_TO_CYRILLIC[ch] !== undefined) latinShared++;
      else latinOwn++;
    } else if (bit === SCRIPT_CYRILLIC) {
      if (CYRILLIC_TO_LATIN[ch] !== undefined) cyrillicShared++;
      else cyrillicOwn++;
    }
  }
  let toCyrillic: boolean;
  if (cyrillicOwn > 0 && latinOwn === 0) toCyrillic = true;
  else if (latinOwn > 0 && cyrillicOwn === 0) toCyrillic = false;
  else if (latinOwn > 0 && cyrillicOwn > 0) return null;
  else if (cyrillicShared !== latinShared) toCyrillic = cyrillicShared > latinShared;
  else return null;
  const table = toCyrillic ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
  let out = "";
  for (const ch of word) out += table[ch] ?? ch;
  return out;
}
