/**
 * Russian speakers make pet names of brands: "Сбер" → "Сберушка", "Озон" → "Озончик". The stem takes a
 * diminutive suffix and then declines ("через Сберушку", "на Озончике"), so each is a stem with the
 * Russian endings.
 *
 * Only for one Cyrillic word (or a Latin brand's first Cyrillic spelling) of 4+ letters ending in a
 * consonant, that is not itself an everyday word: "Кран" → "краник" is a word of its own, and "Мир" is
 * too short to tell "мирок" from the brand.
 */
import type { Variant } from "../listeningTypes.ts";
import { isCommonWord } from "./commonWords.ts";
import { allowedSuffixes } from "./inflectionEndings.ts";
import { stemVariant } from "./inflections.ts";

const SUFFIXES = ["чик", "ушк", "ик"] as const;
const MIN_LENGTH = 4;
const ENDS_IN_CONSONANT = /[бвгджзклмнпрстфхцчшщ]$/u;

/** Diminutive stems of a normalized one-word Cyrillic spelling, or none. */
export function diminutives(spelling: string): Variant[] {
  if (!/^\p{Script=Cyrillic}+$/u.test(spelling) || spelling.length < MIN_LENGTH) return [];
  if (!ENDS_IN_CONSONANT.test(spelling) || isCommonWord(spelling)) return [];
  const out: Variant[] = [];
  for (const suffix of SUFFIXES) {
    const stem = spelling + suffix;
    // "-ушк" is a stem: the word is "-ушка"; "-чик"/"-ик" are words and stems at once.
    const word = suffix === "ушк" ? `${stem}а` : stem;
    if (isCommonWord(word)) continue;
    out.push(stemVariant(stem, { ru: allowedSuffixes("ru", "", stem.length) }, "diminutive"));
  }
  return out;
}
