/**
 * The inflected forms of one keyword word, from a closed list of noun endings per language.
 *
 * The listening stemmers are not used here on purpose. Snowball folds verbs onto nouns ("судить", "суди"
 * → "суд", and "не суди" is no threat); nlp.js's light Polish stemmer leaves "sądu" whole and cuts
 * "policja" to "pol" ("pola" are fields). A keyword is a noun a customer writes in a few cases, so a short,
 * explicit list of endings on the word's base is stricter and easier to reason about: "суд" takes "суда",
 * "судом", but not "судьба", "судя" or "посуда".
 *
 * Forms are lower case and keep their diacritics; callers fold them for text typed without diacritics.
 */
import type { ListeningLanguage } from "../../listening/listeningTypes.ts";

/** A shorter base ("су", "pr") would take endings that make unrelated words. */
export const MIN_BASE_LENGTH = 3;

/** Hard-stem nouns (суд, прокуратура); ы or и is added by the spelling rule below. */
const RU_HARD = ["а", "у", "ом", "е", "ов", "ам", "ами", "ах", "ой", "ою"];
/** Soft-stem nouns (потребитель, претензия, заявление). "я" is only here: "судя" is not a form of "суд". */
const RU_SOFT = ["ь", "я", "ю", "ем", "е", "и", "ей", "ям", "ями", "ях"];
/** Russian writes и, never ы, after these letters ("иски", not "искы"). */
const RU_VELARS_AND_SIBILANTS = /[кгхжшчщ]$/u;
/** Dictionary forms ending like this decline with soft endings. */
const RU_SOFT_ENDING = /[ьйяюеёи]$/u;

const PL_ENDINGS = [
  "a",
  "u",
  "owi",
  "em",
  "e",
  "ie",
  "y",
  "i",
  "ów",
  "om",
  "ami",
  "ach",
  "ę",
  "ą",
  "o",
  "iem",
];
const EN_ENDINGS = ["s", "es", "d", "ed", "ing"];

/**
 * Latvian endings by declension, told apart by the dictionary form's ending. One union would be too loose:
 * "tiesa" would take "-i" and "tiesi" is "tieši" ("exactly") typed without diacritics.
 */
const LV_DECLENSIONS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/a$/u, ["a", "as", "ai", "u", "ā", "ām", "ās"]],
  [/e$/u, ["e", "es", "ei", "i", "ē", "ēm", "ēs"]],
  [/is$/u, ["is", "a", "im", "i", "ī", "u", "iem", "us", "os"]],
  [/us$/u, ["us", "um", "ū", "u", "i", "iem", "os"]],
  [/[sš]$/u, ["s", "š", "a", "am", "u", "ā", "i", "iem", "us", "os"]],
];
/** Abbreviations and loan words ("PTAC") take the first declension's endings when they decline at all. */
const LV_OTHER = ["a", "am", "u", "ā", "i", "iem", "us", "os"];

/**
 * Polish softens a base's last consonant before some endings ("sąd" → "w sądzie", "prawnik" → "prawnicy").
 * Each softening comes with only the endings that cause it: "sądz" + "ę" would be "sądzę", "I think".
 */
const PL_ALTERNATIONS: readonly (readonly [RegExp, string, readonly string[]])[] = [
  [/t$/u, "c", ["ie"]],
  [/d$/u, "dz", ["ie"]],
  [/r$/u, "rz", ["e"]],
  [/k$/u, "c", ["y"]],
  [/ł$/u, "l", ["e"]],
];

/**
 * Every form of `word` (lower case, as written) the keyword matcher accepts in `language`: the word itself,
 * and its base (the word less its own ending) with each ending of the language.
 */
export function wordForms(word: string, language: ListeningLanguage): string[] {
  const forms = new Set([word]);
  if (word.length < MIN_BASE_LENGTH) return [...forms];
  const soft = language === "ru" && RU_SOFT_ENDING.test(word);
  const ownEndings = endingsOfWord(word, language, soft);
  const stripped = stripEnding(word, language === "ru" ? [...ownEndings, "ы", "и"] : ownEndings);
  const base = stripped ?? word;
  // Russian genitive plurals have no ending ("жалоб", "прокуратур"); elsewhere a bare base is a different
  // word more often than a form: Latvian "tiesa" less its "a" is English "ties".
  if (stripped !== null && language === "ru") forms.add(base);
  const endings =
    language === "ru" && !soft ? [...RU_HARD, RU_VELARS_AND_SIBILANTS.test(base) ? "и" : "ы"] : ownEndings;
  for (const ending of endings) forms.add(base + ending);
  if (language === "pl")
    for (const [consonant, softened, causes] of PL_ALTERNATIONS)
      if (consonant.test(base))
        for (const ending of causes) forms.add(base.replace(consonant, softened) + ending);
  return [...forms];
}

/** The endings a word declines with, judged from its dictionary form. */
function endingsOfWord(word: string, language: ListeningLanguage, soft: boolean): readonly string[] {
  switch (language) {
    case "ru":
      return soft ? RU_SOFT : RU_HARD;
    case "pl":
      return PL_ENDINGS;
    case "en":
      return EN_ENDINGS;
    case "lv":
      return LV_DECLENSIONS.find(([ending]) => ending.test(word))?.[1] ?? LV_OTHER;
  }
}

/** The word less its longest ending that leaves a base of at least MIN_BASE_LENGTH; null when none fits. */
function stripEnding(word: string, endings: readonly string[]): string | null {
  let best: string | null = null;
  for (const ending of endings)
    if (word.endsWith(ending) && word.length - ending.length >= MIN_BASE_LENGTH)
      if (best === null || ending.length > best.length) best = ending;
  return best === null ? null : word.slice(0, word.length - best.length);
}
