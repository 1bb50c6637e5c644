/**
 * Finds obscenities and slurs in a public comment, in Russian, Polish, Latvian and English at once: people
 * swear in the language they reach for, not the one the post is in. Lists are data (profanityRu.ts …), in
 * the pattern language of wordPattern.ts; a workspace adds its own words and allows others. Disguises are
 * seen through (candidateWords.ts): case, diacritics, repeated letters, look-alike letters of the other
 * script, digits and symbols for letters, stars for letters, and letters spelled apart.
 */

import { detectLanguage } from "../../listening/language/detectLanguage.ts";
import { LISTENING_LANGUAGES, type ListeningLanguage } from "../../listening/listeningTypes.ts";
import type { Script } from "../../listening/variants/script.ts";
import { type CandidateWord, candidateWords, type Slot } from "./candidateWords.ts";
import { type CompiledForm, compileForm, formMatches } from "./formMatch.ts";
import { EN_NOT_PROFANITY, EN_PROFANITY } from "./profanityEn.ts";
import { LV_NOT_PROFANITY, LV_PROFANITY } from "./profanityLv.ts";
import { PL_NOT_PROFANITY, PL_PROFANITY } from "./profanityPl.ts";
import { RU_NOT_PROFANITY, RU_PROFANITY } from "./profanityRu.ts";
import { expandWordPattern } from "./wordPattern.ts";

export type Lang = ListeningLanguage;

export interface ProfanityMatch {
  /** The word as written in the comment, disguise and all ("f*ck", "х.у.й"). */
  word: string;
  /** Offsets in the text, [start, end), in UTF-16 code units like String.prototype.slice. */
  start: number;
  end: number;
  /** The list that caught it; when several did ("pizda"), the language the comment is written in. */
  language: Lang;
}

export interface ProfanityMatcher {
  find(text: string): ProfanityMatch[];
}

const BUILT_IN: Record<Lang, readonly string[]> = {
  ru: RU_PROFANITY,
  pl: PL_PROFANITY,
  lv: LV_PROFANITY,
  en: EN_PROFANITY,
};

const BUILT_IN_ALLOWED: readonly string[] = [
  ...RU_NOT_PROFANITY,
  ...PL_NOT_PROFANITY,
  ...LV_NOT_PROFANITY,
  ...EN_NOT_PROFANITY,
];

interface Entry {
  readonly form: CompiledForm;
  readonly language: Lang;
}

/** Forms of one script, by the letter a match can start with; anchored forms only start a word. */
interface ScriptIndex {
  readonly anchored: Map<string, Entry[]>;
  readonly floating: Map<string, Entry[]>;
  readonly allowed: CompiledForm[];
}

/**
 * Compiles the built-in lists with a workspace's additions (`extra`, per language) and exceptions
 * (`allowed`: a word that matches one of them is never reported). Throws RangeError on a malformed pattern;
 * check settings with `wordPatternProblem` first.
 */
export function compileProfanity(
  extra: Partial<Record<Lang, readonly string[]>>,
  allowed: readonly string[],
): ProfanityMatcher {
  const index: Record<Script, ScriptIndex> = { cyrillic: emptyIndex(), latin: emptyIndex() };
  for (const language of LISTENING_LANGUAGES) {
    for (const pattern of [...BUILT_IN[language], ...(extra[language] ?? [])]) {
      for (const form of expandWordPattern(pattern).map(compileForm)) {
        const byFirst = form.anchor === "word" || form.anchor === "prefix" ? "anchored" : "floating";
        push(index[scriptOfForm(form)][byFirst], form.first, { form, language });
      }
    }
  }
  for (const pattern of [...BUILT_IN_ALLOWED, ...allowed]) {
    for (const form of expandWordPattern(pattern).map(compileForm))
      index[scriptOfForm(form)].allowed.push(form);
  }
  return { find: (text) => find(text, index) };
}

function emptyIndex(): ScriptIndex {
  return { anchored: new Map(), floating: new Map(), allowed: [] };
}

function push(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function scriptOfForm(form: CompiledForm): Script {
  return form.runs.some((run) => run.char >= "\u0400" && run.char <= "\u052f") ? "cyrillic" : "latin";
}

const SCRIPTS: readonly Script[] = ["cyrillic", "latin"];

function find(text: string, index: Record<Script, ScriptIndex>): ProfanityMatch[] {
  const found: ProfanityMatch[] = [];
  let commentLanguage: Lang | "other" | undefined;
  // Words come whole first, then joined from parts: a part already reported is not reported again inside
  // the joined word, and a joined word is reported only when no part explains it.
  for (const word of candidateWords(text)) {
    if (found.some((f) => word.start < f.end && f.start < word.end)) continue;
    const languages = matchingLanguages(word, index);
    if (languages.size === 0) continue;
    let language = LISTENING_LANGUAGES.find((l) => languages.has(l))!;
    if (languages.size > 1) {
      commentLanguage ??= detectLanguage(text).language;
      if (commentLanguage !== "other" && languages.has(commentLanguage)) language = commentLanguage;
    }
    found.push({ word: text.slice(word.start, word.end), start: word.start, end: word.end, language });
  }
  return found.sort((a, b) => a.start - b.start);
}

function matchingLanguages(word: CandidateWord, index: Record<Script, ScriptIndex>): Set<Lang> {
  const languages = new Set<Lang>();
  const strict = { strict: true, letters: word.letters };
  for (const script of SCRIPTS) {
    const slots = word.readings[script];
    if (slots && index[script].allowed.some((form) => formMatches(slots, form, strict))) return new Set();
  }
  const loose = { strict: false, letters: word.letters };
  for (const script of SCRIPTS) {
    const slots = word.readings[script];
    if (!slots) continue;
    for (const entry of candidates(slots, index[script])) {
      if (!languages.has(entry.language) && formMatches(slots, entry.form, loose))
        languages.add(entry.language);
    }
  }
  return languages;
}

/** The forms worth trying on a reading: those whose first letter one of its slots could be. */
function* candidates(slots: readonly Slot[], index: ScriptIndex): Generator<Entry> {
  yield* entriesFor(slots[0], index.anchored);
  const firsts = new Set<string>();
  let wildcard = false;
  for (const slot of slots) {
    if (slot.kind === "wildcard") wildcard = true;
    else for (const ch of slot.chars) firsts.add(ch);
  }
  if (wildcard) {
    for (const list of index.floating.values()) yield* list;
    return;
  }
  for (const ch of firsts) yield* index.floating.get(ch) ?? [];
}

function* entriesFor(slot: Slot | undefined, map: Map<string, Entry[]>): Generator<Entry> {
  if (slot === undefined) return;
  if (slot.kind === "wildcard") {
    for (const list of map.values()) yield* list;
    return;
  }
  for (const ch of slot.chars) yield* map.get(ch) ?? [];
}
