/**
 * Plain language and tone of a reply before it goes out: bureaucratic set phrases, cold formulas, arguing and
 * blaming, jargon the customer does not speak, sentences too long to read on a phone, and (where a cheap
 * pattern finds it) the passive voice that hides who does what. Each finding carries a plainer wording to
 * paste in. Pure and synchronous, like the personal-data check beside it.
 */

import { detectLanguage } from "../../listening/language/detectLanguage.ts";
import type { PhraseRule, PlainLanguageKind, ReplyLanguage } from "./phraseRule.ts";
import { LONG_SENTENCE_SUGGESTION, PHRASE_RULES } from "./plainLanguageRules.ts";

export type { PlainLanguageKind, ReplyLanguage };

export interface PlainLanguageIssue {
  kind: PlainLanguageKind;
  /** Offsets in the reply, [start, end), in UTF-16 code units like String.prototype.slice. */
  start: number;
  end: number;
  /** The reply's own text at [start, end) (for a long sentence, its opening words). */
  phrase: string;
  suggestion: string;
}

/** Sentences longer than this many words are hard to follow on a phone screen. */
export const LONG_SENTENCE_WORDS = 35;
const MAX_SCAN = 200_000;
const LANGUAGES: readonly ReplyLanguage[] = ["ru", "pl", "lv", "en"];

interface CompiledRule extends PhraseRule {
  regex: RegExp;
}

/** Word boundaries around each pattern; \b knows only ASCII letters, so Unicode lookarounds stand in. */
function compile(rule: PhraseRule): CompiledRule {
  return { ...rule, regex: new RegExp(`(?<![\\p{L}\\p{N}])(?:${rule.pattern})(?![\\p{L}\\p{N}])`, "giu") };
}

const COMPILED: Readonly<Record<ReplyLanguage, readonly CompiledRule[]>> = {
  ru: PHRASE_RULES.ru.map(compile),
  pl: PHRASE_RULES.pl.map(compile),
  lv: PHRASE_RULES.lv.map(compile),
  en: PHRASE_RULES.en.map(compile),
};

/**
 * Checks a reply. With `language` only that language's phrases are looked for; without it, all four are
 * (each rule is specific to its language, and agents mix languages: "Спасибо! Please be advised…"), and
 * the reply's detected language picks the wording of the long-sentence advice.
 */
export function checkPlainLanguage(text: string, language?: ReplyLanguage): PlainLanguageIssue[] {
  if (typeof text !== "string" || text.trim().length === 0) return [];
  const source = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const languages = language ? [language] : LANGUAGES;
  const phrases: PlainLanguageIssue[] = [];
  for (const lang of languages) {
    for (const rule of COMPILED[lang]) {
      for (const m of source.matchAll(rule.regex)) {
        if (m[0].length === 0) continue;
        phrases.push({
          kind: rule.kind,
          start: m.index,
          end: m.index + m[0].length,
          phrase: m[0],
          suggestion: rule.suggestion,
        });
      }
    }
  }
  const adviceLanguage = language ?? replyLanguageOf(source);
  const long = findLongSentences(source).map(
    (s): PlainLanguageIssue => ({
      kind: "long_sentence",
      start: s.start,
      end: s.end,
      phrase: openingWords(source.slice(s.start, s.end)),
      suggestion: LONG_SENTENCE_SUGGESTION[adviceLanguage],
    }),
  );
  return [...keepLongestPhrases(phrases), ...long].sort((a, b) => a.start - b.start || b.end - a.end);
}

function replyLanguageOf(text: string): ReplyLanguage {
  const detected = detectLanguage(text).language;
  return detected === "other" ? "en" : detected;
}

/**
 * Where rules overlap ("в соответствии с" inside "в соответствии с регламентом"; a passive inside a cold
 * formula) the longer, more specific finding stands; passive, the weakest signal, yields to any other kind.
 */
function keepLongestPhrases(issues: PlainLanguageIssue[]): PlainLanguageIssue[] {
  const ranked = [...issues].sort(
    (a, b) =>
      Number(a.kind === "passive") - Number(b.kind === "passive") ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const kept: PlainLanguageIssue[] = [];
  for (const issue of ranked) {
    if (kept.some((k) => issue.start < k.end && k.start < issue.end)) continue;
    kept.push(issue);
  }
  return kept;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export interface SentenceSpan {
  start: number;
  end: number;
  words: number;
}

/**
 * Sentences end at . ! ? … followed by a space or the end, or at a blank line. Abbreviations ("ул.", "e.g.")
 * split a sentence early, which only makes the long-sentence check more lenient.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const boundary = /[.!?…]+(?=\s|$)|\n\s*\n/gu;
  let from = 0;
  const push = (end: number) => {
    const slice = text.slice(from, end);
    const lead = slice.length - slice.trimStart().length;
    const words = slice.match(WORD)?.length ?? 0;
    if (words > 0) spans.push({ start: from + lead, end: from + slice.trimEnd().length, words });
  };
  for (const m of text.matchAll(boundary)) {
    const end = m.index + m[0].length;
    push(m[0].startsWith("\n") ? m.index : end);
    from = end;
  }
  push(text.length);
  return spans;
}

function findLongSentences(text: string): SentenceSpan[] {
  return splitSentences(text).filter((s) => s.words > LONG_SENTENCE_WORDS);
}

function openingWords(sentence: string): string {
  const words = sentence.split(/\s+/).slice(0, 8).join(" ");
  return words.length < sentence.length ? `${words}…` : words;
}

/** How far the easy/medium/hard bands move up for languages whose words carry their endings. */
const INFLECTED_LIX_SHIFT: Readonly<Record<ReplyLanguage, number>> = { ru: 12, pl: 12, lv: 12, en: 0 };

export interface Readability {
  /** LIX: words per sentence + percentage of words longer than six letters. Under 30 easy, over 50 hard. */
  lix: number;
  level: "easy" | "medium" | "hard";
  words: number;
  sentences: number;
  averageSentenceWords: number;
}

/**
 * A readability score that works the same for all four languages: LIX (Björnsson) needs no syllable
 * counting, which English-only formulas such as Flesch do. Inflected Russian, Polish and Latvian words are
 * longer (endings, no articles), so the same ease scores about ten points higher; their bands move up by that.
 */
export function readability(text: string, language?: ReplyLanguage): Readability {
  const source = typeof text === "string" ? text.slice(0, MAX_SCAN) : "";
  const words = source.match(WORD) ?? [];
  const sentences = Math.max(1, splitSentences(source).length);
  if (words.length === 0) return { lix: 0, level: "easy", words: 0, sentences: 0, averageSentenceWords: 0 };
  const longWords = words.filter((w) => w.length > 6).length;
  const average = words.length / sentences;
  const lix = Math.round(average + (100 * longWords) / words.length);
  const shift = INFLECTED_LIX_SHIFT[language ?? replyLanguageOf(source)];
  return {
    lix,
    level: lix < 40 + shift ? "easy" : lix <= 55 + shift ? "medium" : "hard",
    words: words.length,
    sentences,
    averageSentenceWords: Math.round(average * 10) / 10,
  };
}
