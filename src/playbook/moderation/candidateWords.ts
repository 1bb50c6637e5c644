/**
 * The words of a comment as a profanity list has to see them: every way of reading a disguised word. A word
 * is cut at spaces and punctuation, but words spelled apart are put back together as well ("х.у.й",
 * "f-u-c-k", "п и з д а"), and each word is read once as Cyrillic and once as Latin, with look-alike
 * letters, digits and symbols standing for the letters they imitate (homoglyphs.ts) and "*", "#" or "%"
 * standing for any letter. Offsets point into the original text so a finding can be shown where it is.
 */

import type { Script } from "../../listening/variants/script.ts";
import {
  CYRILLIC_LOOKALIKES,
  CYRILLIC_SUBSTITUTES,
  LATIN_LOOKALIKES,
  LATIN_SUBSTITUTES,
} from "./homoglyphs.ts";
import { foldChar } from "./letterFold.ts";

export type SlotKind = "letter" | "substitute" | "wildcard";

/** One position of a reading: the letters it may be (empty for a wildcard, which may be any). */
export interface Slot {
  readonly chars: string;
  readonly kind: SlotKind;
}

export interface CandidateWord {
  /** Offsets in the original text, [start, end). */
  readonly start: number;
  readonly end: number;
  /** Real letters in the word, look-alikes included, digits, symbols and wildcards not. */
  readonly letters: number;
  readonly readings: Partial<Record<Script, readonly Slot[]>>;
}

type AtomKind = "letter" | "digit" | "symbol" | "wildcard";

interface Atom {
  readonly char: string;
  readonly kind: AtomKind;
  readonly start: number;
  end: number;
}

interface Piece {
  readonly atoms: Atom[];
  readonly start: number;
  readonly end: number;
}

/** Beyond this a comment is not a comment; the rest is not read. */
const MAX_SCAN = 20_000;

/** URLs and e-mail addresses are not words: a random slug must not be read as an insult. */
const URL_OR_EMAIL = /\b(?:https?:\/\/|www\.)\S+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]+\.[\w.-]+/giu;
/** What every URL or e-mail address above contains; far cheaper to test than to search for them. */
const URL_OR_EMAIL_HINT = /:\/\/|www\.|@/i;
const LETTER = /\p{L}/u;
/** Marks and invisible characters inside a word are ignored instead of splitting it ("fu\u200bck"). */
const TRANSPARENT = /[\p{M}\u00ad\u200b-\u200d\u2060\ufeff]/u;
const SYMBOLS = new Set(["@", "$", "!", "€"]);
const WILDCARDS = new Set(["*", "#", "%"]);
/** Between the parts of one word spelled apart without spaces: "х.у.й", "f-u-c-k", "ху_й". */
const TIGHT_GAP = /^[.\-_'’·•/\\|~+]{1,3}$/u;
/** Between single letters spelled apart with spaces: "f u c k", "х. у. й". */
const SPACED_GAP = /^[\s.,\-_'’·•/\\|~+]{1,4}$/u;

export function candidateWords(text: string): CandidateWord[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const source = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const blanked = URL_OR_EMAIL_HINT.test(source)
    ? source.replace(URL_OR_EMAIL, (m) => " ".repeat(m.length))
    : source;
  const pieces = splitPieces(blanked);
  const words: CandidateWord[] = [];
  const seen = new Set<string>();
  const add = (parts: readonly Piece[]) => {
    const first = parts[0];
    const last = parts[parts.length - 1];
    if (first === undefined || last === undefined) return;
    const key = `${first.start}:${last.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    const word = read(
      parts.flatMap((p) => p.atoms),
      first.start,
      last.end,
    );
    if (word !== undefined) words.push(word);
  };
  for (const piece of pieces) add([piece]);
  // Parts joined by a tight gap when one is a letter or two long, as in a word cut apart ("ху.й", "sh-it",
  // "kur.wa"); two whole words joined by a hyphen ("бляха-муха") are a compound, read as its words.
  forEachChain(
    pieces,
    (a, b) => TIGHT_GAP.test(blanked.slice(a.end, b.start)),
    2,
    (chain) => {
      if (chain.some((piece) => piece.atoms.length <= 2)) add(chain);
    },
  );
  // Single letters spelled apart, with spaces or without: "f u c k", "привет х.у.й" (inside a longer chain).
  forEachChain(
    pieces,
    (a, b) => isSingleLetter(a) && isSingleLetter(b) && SPACED_GAP.test(blanked.slice(a.end, b.start)),
    3,
    add,
  );
  return words;
}

function isSingleLetter(piece: Piece): boolean {
  return piece.atoms.length === 1 && piece.atoms[0]!.kind === "letter";
}

/** Calls `emit` for every maximal run of at least `min` pieces where each neighbour pair is `linked`. */
function forEachChain(
  pieces: readonly Piece[],
  linked: (a: Piece, b: Piece) => boolean,
  min: number,
  emit: (chain: readonly Piece[]) => void,
): void {
  let from = 0;
  for (let i = 1; i <= pieces.length; i++) {
    if (i < pieces.length && linked(pieces[i - 1]!, pieces[i]!)) continue;
    if (i - from >= min) emit(pieces.slice(from, i));
    from = i;
  }
}

/** Runs of letters, digits, symbols and wildcards, trimmed of what cannot be part of a word. */
function splitPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let atoms: Atom[] = [];
  const flush = () => {
    const trimmed = trim(atoms);
    if (trimmed.some((a) => a.kind === "letter")) {
      pieces.push({ atoms: trimmed, start: trimmed[0]!.start, end: trimmed[trimmed.length - 1]!.end });
    }
    atoms = [];
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const end = i + ch.length;
    const kind = atomKind(ch);
    const previous = atoms[atoms.length - 1];
    if (kind !== undefined) atoms.push({ char: ch, kind, start: i, end });
    else if (previous !== undefined && TRANSPARENT.test(ch)) previous.end = end;
    else flush();
    i = end;
  }
  flush();
  return pieces;
}

function atomKind(ch: string): AtomKind | undefined {
  if (ch >= "0" && ch <= "9") return "digit";
  if (SYMBOLS.has(ch)) return "symbol";
  if (WILDCARDS.has(ch)) return "wildcard";
  if (LETTER.test(ch)) return "letter";
  return undefined;
}

/**
 * A leading "#" or "@" marks a hashtag or a handle, a trailing "!" ends a sentence, "*bold*" is emphasis:
 * none of them stands for a letter. A leading "$" does ("$hit"); a trailing "*", "@" or "$" may ("f***", "kurw@").
 */
function trim(atoms: Atom[]): Atom[] {
  let from = 0;
  let to = atoms.length;
  while (from < to) {
    const atom = atoms[from]!;
    const next = atoms[from + 1];
    const keep =
      atom.kind === "letter" || atom.kind === "digit" || (atom.char === "$" && next?.kind === "letter");
    if (keep) break;
    from++;
  }
  while (to > from) {
    const atom = atoms[to - 1]!;
    if (atom.kind !== "wildcard" && atom.kind !== "symbol") break;
    if (atom.char === "*" || atom.char === "@" || atom.char === "$") break;
    to--;
  }
  return atoms.slice(from, to);
}

interface ScriptCounts {
  cyrillic: number;
  latin: number;
  other: number;
  latinToCyrillic: number;
  otherToLatin: number;
}

function read(atoms: readonly Atom[], start: number, end: number): CandidateWord | undefined {
  const counts: ScriptCounts = { cyrillic: 0, latin: 0, other: 0, latinToCyrillic: 0, otherToLatin: 0 };
  const cyrillic: Slot[] = [];
  const latin: Slot[] = [];
  let letters = 0;
  for (const atom of atoms) {
    if (atom.kind === "wildcard") {
      cyrillic.push(WILDCARD);
      latin.push(WILDCARD);
    } else if (atom.kind === "letter") {
      letters++;
      for (const ch of foldChar(atom.char)) {
        const script = scriptOf(ch);
        counts[script]++;
        if (script === "latin" && CYRILLIC_LOOKALIKES[ch]) counts.latinToCyrillic++;
        if (script === "other" && LATIN_LOOKALIKES[ch]) counts.otherToLatin++;
        cyrillic.push(letter(script === "cyrillic" ? ch : (CYRILLIC_LOOKALIKES[ch] ?? ch)));
        latin.push(letter(script === "latin" ? ch : (LATIN_LOOKALIKES[ch] ?? ch)));
      }
    } else {
      cyrillic.push(substitute(CYRILLIC_SUBSTITUTES[atom.char] ?? ""));
      latin.push(substitute(LATIN_SUBSTITUTES[atom.char] ?? ""));
    }
  }
  if (letters < 2) return undefined;
  const readings: Partial<Record<Script, readonly Slot[]>> = {};
  // A word is read in a script when it has letters of it, or when every letter it has could be one (the
  // all-Latin "cyka"). A Russian word is not read as Latin: nothing is disguised in it, and the readings of
  // whole Cyrillic words as Latin would only invent coincidences.
  const allLatinLookLikeCyrillic = counts.latin > 0 && counts.latinToCyrillic === counts.latin;
  if (counts.cyrillic > 0 || (allLatinLookLikeCyrillic && counts.other === 0)) {
    readings.cyrillic = bounded(cyrillic);
  }
  const allOtherLookLatin = counts.other > 0 && counts.otherToLatin === counts.other;
  if (counts.latin > 0 || (allOtherLookLatin && counts.cyrillic === 0)) readings.latin = bounded(latin);
  return { start, end, letters, readings };
}

/** No list has a letter three times running; past that, repeats are emphasis ("fuuuuuuck", "*******"). */
const MAX_REPEAT = 3;
/** No word is this long; what a longer run of letters hides past it is not read. */
const MAX_SLOTS = 100;

/** The reading with emphasis trimmed and its length capped, so matching time stays bounded. */
function bounded(slots: readonly Slot[]): Slot[] {
  const kept: Slot[] = [];
  let repeats = 0;
  for (const slot of slots) {
    const previous = kept[kept.length - 1];
    repeats =
      previous !== undefined && previous.kind === slot.kind && previous.chars === slot.chars
        ? repeats + 1
        : 0;
    if (repeats >= MAX_REPEAT) continue;
    kept.push(slot);
    if (kept.length === MAX_SLOTS) break;
  }
  return kept;
}

const WILDCARD: Slot = { chars: "", kind: "wildcard" };

function letter(chars: string): Slot {
  return { chars, kind: "letter" };
}

function substitute(chars: string): Slot {
  return { chars, kind: "substitute" };
}

function scriptOf(ch: string): "cyrillic" | "latin" | "other" {
  const code = ch.charCodeAt(0);
  if (code >= 0x61 && code <= 0x7a) return "latin";
  if (code >= 0x400 && code <= 0x52f) return "cyrillic";
  return "other";
}
