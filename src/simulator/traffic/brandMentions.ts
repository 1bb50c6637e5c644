import type { Language } from "./phrase.ts";
import type { Random } from "./random.ts";

/**
 * How people actually write the brand's name: inflected, transliterated, misspelt, typed in the wrong keyboard
 * layout, as a hashtag or a handle. Listening has to find all of them, so the simulator writes all of them.
 */
export const BRAND_FORMS: Record<Language, readonly string[]> = {
  ru: [
    "Nordmart",
    "Нордмарт",
    "нордмарт",
    "Нордмарта",
    "в Нордмарте",
    "нормарт",
    "nordmrat",
    "тщквьфке",
    "#nordmart",
    "@nordmart",
  ],
  pl: [
    "Nordmart",
    "Nordmartu",
    "w Nordmarcie",
    "Nordmartem",
    "nordmrat",
    "Nordmat",
    "#nordmart",
    "@nordmart",
  ],
  lv: ["Nordmart", "Nordmartā", "Nordmarta", "nordmrat", "Nordmārt", "#nordmart", "@nordmart"],
  en: ["Nordmart", "nordmart", "Nordmart's", "NordMart", "nordmrat", "Nord mart", "#nordmart", "@nordmart"],
};

/** Puts one form of the brand's name into a customer's text, where people tend to put it. */
export function mentionBrand(text: string, language: Language, random: Random): string {
  const form = random.pick(BRAND_FORMS[language]);
  if (form.startsWith("#")) return `${text} ${form}`;
  if (form.startsWith("@")) return `${form} ${text}`;
  return random.chance(0.5) ? `${form}, ${text}` : `${text} (${form})`;
}
