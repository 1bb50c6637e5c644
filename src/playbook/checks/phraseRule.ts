/**
 * What a plain-language rule is: a phrase that makes a public reply sound like a letter from a ministry, a
 * form or a quarrel, and what to say instead. Patterns are regex sources matched case-insensitively at word
 * boundaries; stems (STEM) take in the inflected forms ("осуществить", "осуществим", "осуществлён";
 * "dokonać", "dokonania"), so one rule covers a word's paradigm. Suggestions are written to be pasted in,
 * not explained: "мы не можем", not "avoid impersonal constructions".
 */

export type PlainLanguageKind =
  | "bureaucratic"
  | "cold"
  | "arguing"
  | "blame"
  | "jargon"
  | "long_sentence"
  | "passive";

export type ReplyLanguage = "ru" | "pl" | "lv" | "en";

export interface PhraseRule {
  kind: Exclude<PlainLanguageKind, "long_sentence">;
  /** A regex source; word boundaries are added around it. */
  pattern: string;
  suggestion: string;
}

/** Any ending: a stem followed by it takes in the inflected forms of a word. */
export const STEM = "\\p{L}*";
