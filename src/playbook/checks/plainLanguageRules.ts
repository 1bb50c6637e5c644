/** The phrase rules of the four reply languages, and the advice for a sentence that runs on. */

import type { PhraseRule, ReplyLanguage } from "./phraseRule.ts";
import { EN_PHRASES } from "./phrasesEn.ts";
import { LV_PHRASES } from "./phrasesLv.ts";
import { PL_PHRASES } from "./phrasesPl.ts";
import { RU_PHRASES } from "./phrasesRu.ts";

export const PHRASE_RULES: Readonly<Record<ReplyLanguage, readonly PhraseRule[]>> = {
  ru: RU_PHRASES,
  pl: PL_PHRASES,
  lv: LV_PHRASES,
  en: EN_PHRASES,
};

/** What to say about a sentence that runs on, per language. */
export const LONG_SENTENCE_SUGGESTION: Readonly<Record<ReplyLanguage, string>> = {
  ru: "Разбейте на 2–3 коротких предложения: одно — одна мысль",
  pl: "Podziel na 2–3 krótkie zdania: jedno zdanie — jedna myśl",
  lv: "Sadaliet 2–3 īsos teikumos: viens teikums — viena doma",
  en: "Split it into 2–3 short sentences: one idea each",
};
