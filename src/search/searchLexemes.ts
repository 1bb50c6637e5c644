/**
 * What the inbox search indexes and asks for. PostgreSQL ships Snowball configurations for Russian and
 * English but none for Polish or Latvian, and PGlite ships the same set; so Parley stems all four languages
 * itself, with the stemmers listening, triage and the knowledge base already use (Snowball for ru/en, as
 * PostgreSQL's own `russian`/`english` configurations would), and stores the result as a `simple` tsvector.
 * One path, the same lexemes on both databases.
 *
 * A message is not assumed to be in one language: short customer messages are where language detection is
 * weakest, and people mix languages. Each word is indexed as written (folded: lower case, no diacritics,
 * ё → е) plus its stem in every language written in its script (Cyrillic: Russian; Latin: Polish, Latvian,
 * English). A query word asks for its own form or any of its stems, so "доставки" meets "доставка" through
 * the Russian stem "доставк", and "dostawy" meets "dostawa" through the Polish "dostaw".
 */
import { LISTENING_LANGUAGES, type ListeningLanguage } from "../listening/listeningTypes.ts";
import { type Token, tokenize } from "../listening/normalize.ts";
import { scriptsOf } from "../listening/variants/script.ts";
import { LANGUAGE_SCRIPT } from "../listening/variants/stemmers.ts";
import { foldedStem, writtenForm } from "../listening/variants/writtenStem.ts";
import { isSearchStopword } from "../playbook/knowledge/searchStopwords.ts";
import { withoutNasalEnding } from "../playbook/knowledge/searchTerms.ts";

/** Longer messages are indexed by their first part; nobody searches for the 20,000th character. */
const MAX_INDEXED_CHARS = 20_000;
/** A lexeme longer than this is noise (a base64 blob, a run of digits) and bloats the index. */
const MAX_LEXEME = 60;

/** The stems of one written word in each language of its script (never the word itself). */
export function stemsOf(written: string, folded: string): string[] {
  if (/^\d+$/u.test(folded) || folded.length < 3) return [];
  const scripts = scriptsOf(written);
  const stems = new Set<string>();
  for (const language of LISTENING_LANGUAGES) {
    if (!scripts.has(LANGUAGE_SCRIPT[language])) continue;
    const stem = stemIn(written, language);
    if (stem && stem !== folded) stems.add(stem);
  }
  return [...stems];
}

function stemIn(written: string, language: ListeningLanguage): string | null {
  const stem = foldedStem(language === "pl" ? withoutNasalEnding(written) : written, language);
  return stem.length >= 2 && !stem.includes(" ") ? stem : null;
}

function usable(lexeme: string): boolean {
  return lexeme.length > 0 && lexeme.length <= MAX_LEXEME;
}

/** The distinct lexemes a message is found by: every word as written (folded) and its stems. */
export function messageLexemes(text: string): string[] {
  const source = text.length > MAX_INDEXED_CHARS ? text.slice(0, MAX_INDEXED_CHARS) : text;
  const lexemes = new Set<string>();
  for (const token of tokenize(source)) {
    if (!usable(token.text)) continue;
    lexemes.add(token.text);
    if (token.kind === "word")
      for (const stem of stemsOf(writtenForm(source, token), token.text)) lexemes.add(stem);
  }
  return [...lexemes];
}

/** One term of a query: any of these lexemes, the first being the word itself. */
export interface QueryTerm {
  word: string;
  alternatives: string[];
  prefix: boolean;
}

export interface SearchQuery {
  /** Terms that must all be present (AND), each an OR of its forms; empty when the query has no words. */
  terms: QueryTerm[];
  /** A pasted conversation or contact id, looked up exactly. */
  exactId: string | null;
  /** Words for the contact-name match (lower case, as PostgreSQL's `simple` configuration sees them). */
  nameWords: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
/** The last word of a query is probably still being typed: a prefix match helps from 4 letters on. */
const PREFIX_FROM = 4;

/**
 * Parses what an agent typed into the search box. Function words ("где", "moja", "the") are dropped while
 * other words remain, so "где же доставка" finds a message that says "доставка задерживается". Numbers
 * and order numbers ("NM-123456") are kept whole, digits never stemmed or prefixed: 1234 is not 12345.
 */
export function parseSearchQuery(input: string): SearchQuery {
  const trimmed = input.trim();
  if (UUID.test(trimmed)) return { terms: [], exactId: trimmed.toLowerCase(), nameWords: [] };
  const tokens = tokenize(trimmed).filter((token) => usable(token.text));
  // A single letter is kept even where it is a function word: in a query it is usually a name ("plan B").
  const content = tokens.filter((token) => token.text.length === 1 || !isSearchStopword(token.text));
  const kept = content.length > 0 ? content : tokens;
  const terms = dedupe(kept.map((token, index) => termOf(trimmed, token, index === kept.length - 1)));
  const nameWords = [
    ...new Set(
      trimmed
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((word) => word.length > 0 && word.length <= MAX_LEXEME),
    ),
  ].slice(0, 8);
  return { terms, exactId: null, nameWords };
}

function termOf(source: string, token: Token, last: boolean): QueryTerm {
  const stems = token.kind === "word" ? stemsOf(writtenForm(source, token), token.text) : [];
  const isNumber = /\d/u.test(token.text);
  return {
    word: token.text,
    alternatives: [token.text, ...stems],
    prefix: last && !isNumber && token.text.length >= PREFIX_FROM,
  };
}

function dedupe(terms: QueryTerm[]): QueryTerm[] {
  const seen = new Set<string>();
  return terms.filter((term) => !seen.has(term.word) && seen.add(term.word)).slice(0, 12);
}

/** A lexeme quoted for tsquery input: quotes doubled, backslashes escaped. */
function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/gu, "\\\\").replace(/'/gu, "''")}'`;
}

/**
 * The tsquery text for the message search (cast with ::tsquery, not to_tsquery, so PostgreSQL's parser never
 * re-splits Parley's lexemes), or null when nothing is left to search for.
 */
export function toTsquery(terms: QueryTerm[]): string | null {
  if (terms.length === 0) return null;
  return terms
    .map((term) => {
      const forms = term.alternatives.map(quoteLexeme);
      if (term.prefix) forms.push(`${quoteLexeme(term.word)}:*`);
      return forms.length === 1 ? forms[0]! : `(${forms.join(" | ")})`;
    })
    .join(" & ");
}

/** The tsquery text for contact names: every word, each also as a prefix ("kowal" finds "Kowalska"). */
export function nameTsquery(words: string[]): string | null {
  if (words.length === 0) return null;
  return words.map((word) => `${quoteLexeme(word)}:*`).join(" & ");
}
