/**
 * The brand's own name says nothing about what a customer asks: "Nordmart, can I return this?" and "can I
 * return this?" are one question. The FAQ bot's confidence is the share of the question's words an article
 * covers, and an article rarely repeats the shop's name in every spelling people use, so the name would cost
 * every question that mentions it (a third of them) its answer. The bot looks past it, in the spellings
 * listening knows for it: inflected, transliterated, typed in the wrong layout, misspelt, as a #hashtag or an
 * @handle.
 */

import { tokenize } from "../../listening/normalize.ts";
import { generateVariants } from "../../listening/variants/index.ts";

interface BrandForms {
  /** Single-word spellings, matched whole. */
  words: Set<string>;
  /** Stems, matched with the endings listening allows them. */
  stems: { text: string; maxSuffix: number }[];
}

/** A brand name this short is too likely to be an ordinary word (or part of one) to be taken out. */
const MIN_BRAND_LENGTH = 4;
const cache = new Map<string, BrandForms | null>();

function formsOf(brandName: string): BrandForms | null {
  const cached = cache.get(brandName);
  if (cached !== undefined) return cached;
  const name = brandName.trim();
  let forms: BrandForms | null = null;
  if (name.length >= MIN_BRAND_LENGTH) {
    forms = { words: new Set(), stems: [] };
    for (const variant of generateVariants(name)) {
      if (variant.text.includes(" ")) continue;
      if (variant.prefix) forms.stems.push({ text: variant.text, maxSuffix: variant.prefix.maxSuffix });
      else forms.words.add(variant.text);
    }
  }
  cache.set(brandName, forms);
  return forms;
}

function isBrandWord(word: string, forms: BrandForms): boolean {
  if (forms.words.has(word)) return true;
  return forms.stems.some(
    (stem) => word.startsWith(stem.text) && word.length - stem.text.length <= stem.maxSuffix,
  );
}

/** `text` with every mention of the brand blanked out (offsets of the rest unchanged); as it is without a name. */
export function withoutBrandName(text: string, brandName: string): string {
  const forms = brandName ? formsOf(brandName) : null;
  if (!forms) return text;
  let result = text;
  for (const token of tokenize(text)) {
    const brand = isBrandWord(token.text, forms) || token.parts?.every((p) => isBrandWord(p, forms)) === true;
    if (brand)
      result = `${result.slice(0, token.start)}${" ".repeat(token.end - token.start)}${result.slice(token.end)}`;
  }
  return result;
}
