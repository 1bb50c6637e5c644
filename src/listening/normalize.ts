/**
 * Normalization shared by the matcher (over customer text) and the variant generator (over query terms), so
 * both sides meet in one space: lower case, diacritics folded (ą→a, ł→l, ā→a, ё→е, й→и), letters repeated
 * for emphasis collapsed to one ("сууупер", "classss"; the same happens to patterns, so "класс" still
 * matches), URLs, e-mail addresses, emoji and punctuation dropped, and a word that mixes look-alike Latin and
 * Cyrillic letters written in one alphabet (lookalikeLetters.ts). Tokens keep their offsets in the original
 * text so a match can be shown where it was found.
 */

import { SCRIPT_CYRILLIC, SCRIPT_LATIN, scriptBit, unmixLookalikes } from "./lookalikeLetters.ts";

export type TokenKind = "word" | "hashtag" | "handle";

export interface Token {
  /** The normalized token, without its leading # or @. */
  text: string;
  kind: TokenKind;
  /** Offsets in the original text, [start, end). */
  start: number;
  end: number;
  /**
   * A CamelCase hashtag's words, normalized ("#NordmartBonus" → "nordmart", "bonus"): hashtags cannot hold
   * spaces, so a brand is often the first or last word of one. Absent for everything else.
   */
  parts?: string[];
}

/** Letters whose base form NFD does not expose (ł, ø, đ...) or that we fold on purpose (ё, й, ß). */
const EXTRA_FOLDS: Record<string, string> = {
  ł: "l",
  ø: "o",
  đ: "d",
  ħ: "h",
  ı: "i",
  ß: "s",
  æ: "ae",
  œ: "oe",
  ё: "е",
  й: "и",
  ї: "і",
  є: "е",
};

const foldCache = new Map<number, string>();
/** Folds of the Basic Multilingual Plane, filled as met: an array index is far cheaper than a Map lookup. */
const bmpFolds: (string | undefined)[] = new Array(0x10000).fill(undefined);

/** The folded, lower-case form of one code point: "" for anything that is not a letter or digit. */
function foldCodePoint(cp: number): string {
  if (cp < 0x10000) {
    const known = bmpFolds[cp];
    if (known !== undefined) return known;
    const folded = computeFold(cp);
    bmpFolds[cp] = folded;
    return folded;
  }
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  const folded = computeFold(cp);
  if (foldCache.size < 20_000) foldCache.set(cp, folded);
  return folded;
}

function computeFold(cp: number): string {
  const ch = String.fromCodePoint(cp).toLowerCase();
  let folded = EXTRA_FOLDS[ch] ?? "";
  if (!folded && /[\p{L}\p{N}]/u.test(ch)) {
    const stripped = ch.normalize("NFD").replace(/\p{M}/gu, "");
    folded = EXTRA_FOLDS[stripped] ?? stripped;
  }
  return folded;
}

const URL_OR_EMAIL = /\b(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+/giu;
/** What every URL or e-mail address above contains; most texts have none, and this test is far cheaper. */
const URL_OR_EMAIL_HINT = /:\/\/|www\.|@/i;

/** Folds a single term or phrase the way `tokenize` folds text, for building patterns. */
export function normalizeTerm(term: string): string {
  return tokenize(term)
    .map((t) => t.text)
    .join(" ");
}

/**
 * Splits text into normalized tokens. Never throws: empty, huge, binary-ish or mixed-script input yields
 * whatever letters and digits it has. `maxLength` bounds the work on pathological input.
 */
export function tokenize(text: string, maxLength = 200_000): Token[] {
  const source = text.length > maxLength ? text.slice(0, maxLength) : text;
  // URLs and e-mail addresses are blanked in place so offsets stay true.
  const blanked = URL_OR_EMAIL_HINT.test(source)
    ? source.replace(URL_OR_EMAIL, (m) => " ".repeat(m.length))
    : source;
  const tokens: Token[] = [];
  // The folded token is usually the source slice itself (lower-case letters, no repeats): it is then sliced
  // once at the end instead of built a character at a time. `current` holds it only once it differs.
  let copied = true;
  let current = "";
  let from = -1;
  let count = 0;
  let start = -1;
  let kind: TokenKind = "word";
  let last = "";
  // Which alphabets the token's letters came from; both is rare and means look-alike letters to undo.
  let scripts = 0;
  const push = (end: number) => {
    let folded = copied ? blanked.slice(from, end) : current;
    if (scripts === MIXED) {
      const unmixed = unmixLookalikes(blanked.slice(from, end));
      if (unmixed !== null) folded = foldWord(unmixed, kind !== "word");
    }
    const token: Token = { text: folded, kind, start, end };
    if (kind === "hashtag") {
      const parts = camelCaseParts(blanked.slice(from, end));
      if (parts) token.parts = parts;
    }
    tokens.push(token);
  };
  for (let i = 0; i < blanked.length; ) {
    const cp = blanked.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const folded = cp < 128 ? ASCII_FOLDS[cp]! : foldCodePoint(cp);
    if (folded.length > 0) {
      scripts |= scriptBit(cp);
      if (start < 0) start = i;
      if (from < 0) from = i;
      if (folded.length === 1 && width === 1) {
        // Letters repeated for emphasis collapse to one; digits keep their repeats (order numbers, prices).
        if (folded !== last || isDigit(folded)) {
          if (!copied) current += folded;
          else if (folded.charCodeAt(0) !== cp) {
            current = blanked.slice(from, i) + folded;
            copied = false;
          }
          count++;
          last = folded;
        } else if (copied) {
          current = blanked.slice(from, i);
          copied = false;
        }
      } else {
        if (copied) {
          current = blanked.slice(from, i);
          copied = false;
        }
        for (const ch of folded) {
          if (ch === last && !isDigit(ch)) continue;
          current += ch;
          count++;
          last = ch;
        }
      }
    } else if ((cp === 35 || cp === 64) && count === 0) {
      // '#' or '@' opening a token marks a hashtag or a handle.
      kind = cp === 35 ? "hashtag" : "handle";
      start = i;
    } else if ((cp === 39 || cp === 0x2019) && count > 0 && isLetterAt(blanked, i + width)) {
      // An apostrophe inside a word (don't, O'Reilly) joins it.
      if (copied) {
        current = blanked.slice(from, i);
        copied = false;
      }
    } else if (cp === 95 && count > 0 && kind !== "word") {
      // Underscores belong to handles and hashtags (@nordmart_help).
      if (!copied) current += "_";
      count++;
      last = "_";
    } else {
      if (count > 0) push(i);
      copied = true;
      scripts = 0;
      current = "";
      from = -1;
      count = 0;
      start = -1;
      kind = "word";
      last = "";
    }
    i += width;
  }
  const end = blanked.length;
  if (count > 0) push(end);
  return tokens;
}

const MIXED = SCRIPT_LATIN | SCRIPT_CYRILLIC;

const CAMEL_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})/u;

/** The words of a CamelCase hashtag, folded, or undefined when it has no such boundary. */
function camelCaseParts(raw: string): string[] | undefined {
  if (!CAMEL_BOUNDARY.test(raw)) return undefined;
  const parts = raw
    .split(CAMEL_BOUNDARY)
    .map((part) => foldWord(unmixLookalikes(part) ?? part, false))
    .filter((part) => part !== "");
  return parts.length > 1 ? parts : undefined;
}

/** Folds one token's characters as tokenize does (the rare path for rewritten look-alike words). */
function foldWord(raw: string, keepUnderscore: boolean): string {
  let out = "";
  let last = "";
  for (const ch of raw) {
    const cp = ch.codePointAt(0)!;
    const folded = cp < 128 ? ASCII_FOLDS[cp]! : foldCodePoint(cp);
    if (folded.length === 0) {
      if (cp === 95 && keepUnderscore) {
        out += "_";
        last = "_";
      }
      continue;
    }
    for (const f of folded) {
      if (f === last && !isDigit(f)) continue;
      out += f;
      last = f;
    }
  }
  return out;
}

const ASCII_FOLDS: readonly string[] = Array.from({ length: 128 }, (_, cp) => asciiFold(cp));

function asciiFold(cp: number): string {
  if (cp >= 65 && cp <= 90) return String.fromCharCode(cp + 32);
  if ((cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57)) return String.fromCharCode(cp);
  return "";
}

function isDigit(ch: string): boolean {
  return ch >= "0" && ch <= "9";
}

function isLetterAt(text: string, index: number): boolean {
  const cp = text.codePointAt(index);
  return cp !== undefined && foldCodePoint(cp).length > 0;
}
