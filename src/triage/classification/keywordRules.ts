import type { ListeningLanguage } from "../../listening/listeningTypes.ts";
import { normalizeTerm, type Token, tokenize } from "../../listening/normalize.ts";
import { StemIndex } from "../../listening/stemIndex.ts";
import { polishAlternations } from "../../listening/variants/inflections.ts";
import { MAX_SUFFIX, stemWord } from "../../listening/variants/stemmers.ts";

/**
 * Keyword rules of one language: which categories' keywords a text contains, counted as distinct keywords.
 * A keyword word becomes a stem that a token must start with and may outrun by a few letters (the matcher's
 * prefix variants, listeningTypes.ts), so base forms find their inflections.
 */

/** Shorter stems ("до", "pa") would find far too many words; phrase words are held in place by their neighbours. */
const MIN_STEM = 3;
const MIN_PHRASE_STEM = 2;

interface StemPattern {
  stem: string;
  maxSuffix: number;
}

interface CompiledKeyword {
  id: number;
  category: number;
  /** Word symbols in the StemIndex, in phrase order. */
  words: readonly number[];
}

export class KeywordRules {
  private readonly index = new StemIndex();
  private readonly wordSymbols = new Map<string, number>();
  private readonly byFirstWord = new Map<number, CompiledKeyword[]>();
  private readonly categoryCount: number;
  private keywordCount = 0;

  /** `keywordLists[i]` holds category i's keywords in `language`. */
  constructor(language: ListeningLanguage, keywordLists: readonly (readonly string[] | undefined)[]) {
    this.categoryCount = keywordLists.length;
    const seen = new Set<string>();
    keywordLists.forEach((keywords, category) => {
      for (const keyword of keywords ?? []) {
        const words = compileKeyword(keyword, language).map((patterns) => this.symbolOf(patterns));
        if (words.length === 0) continue;
        // The same keyword written twice, or two that stem alike ("скидка", "скидки"), is one piece of evidence.
        const identity = `${category}:${words.join(",")}`;
        if (seen.has(identity)) continue;
        seen.add(identity);
        const compiled: CompiledKeyword = { id: this.keywordCount++, category, words };
        const first = words[0]!;
        const list = this.byFirstWord.get(first);
        if (list) list.push(compiled);
        else this.byFirstWord.set(first, [compiled]);
      }
    });
  }

  get size(): number {
    return this.keywordCount;
  }

  /**
   * Distinct keywords found per category. A token that starts several keywords of one category ("paka" and
   * "pakomāts" in "pakomātā") counts once, so one word cannot pose as several.
   */
  hits(tokens: readonly Token[]): Int32Array {
    const counts = new Int32Array(this.categoryCount);
    if (this.keywordCount === 0) return counts;
    const matches = tokens.map((t) => (t.kind === "handle" ? null : this.index.lookup(t.text)));
    const counted = new Set<number>();
    const creditedStarts = new Set<number>();
    for (let i = 0; i < matches.length; i++) {
      const symbols = matches[i];
      if (!symbols) continue;
      for (const symbol of symbols) {
        for (const keyword of this.byFirstWord.get(symbol) ?? []) {
          if (counted.has(keyword.id) || !phraseContinues(keyword.words, matches, i)) continue;
          const start = keyword.category * matches.length + i;
          if (creditedStarts.has(start)) continue;
          counted.add(keyword.id);
          creditedStarts.add(start);
          counts[keyword.category]!++;
        }
      }
    }
    return counts;
  }

  private symbolOf(patterns: readonly StemPattern[]): number {
    const key = patterns.map((p) => `${p.stem}/${p.maxSuffix}`).join("|");
    let symbol = this.wordSymbols.get(key);
    if (symbol === undefined) {
      symbol = this.wordSymbols.size;
      this.wordSymbols.set(key, symbol);
      for (const pattern of patterns) this.index.add(pattern.stem, pattern.maxSuffix, symbol);
    }
    return symbol;
  }
}

function phraseContinues(
  words: readonly number[],
  matches: readonly (Int32Array | null)[],
  at: number,
): boolean {
  for (let k = 1; k < words.length; k++) {
    const symbols = matches[at + k];
    if (!symbols?.includes(words[k]!)) return false;
  }
  return true;
}

/**
 * A keyword's words, each as the stems that find it. "word*" is a prefix as written, "=word" that form only;
 * any other word is stemmed in its language.
 */
export function compileKeyword(keyword: string, language: ListeningLanguage): StemPattern[][] {
  const tokens = tokenize(keyword).filter((t) => t.kind === "word");
  return tokens.map((token) => {
    const folded = token.text;
    if (keyword[token.start - 1] === "=") return [{ stem: folded, maxSuffix: 0 }];
    if (keyword[token.end] === "*") return [{ stem: folded, maxSuffix: MAX_SUFFIX[language] }];
    return stemPatterns(keyword.slice(token.start, token.end), folded, language, tokens.length > 1);
  });
}

function stemPatterns(
  written: string,
  folded: string,
  language: ListeningLanguage,
  inPhrase: boolean,
): StemPattern[] {
  // The stemmer reads the word with its diacritics (stemmers.ts); the stem is then folded like text tokens.
  const stemmed = normalizeTerm(stemWord(written.replace(/['’]/gu, ""), language));
  // Snowball rewrites as well as cuts ("delivery" → "deliveri", which "delivered" does not start with): only
  // the part the stem shares with the word is a safe prefix.
  const stem = commonPrefix(stemmed, folded);
  if (stem.length < (inPhrase ? MIN_PHRASE_STEM : MIN_STEM)) return [{ stem: folded, maxSuffix: 0 }];
  const maxSuffix = Math.max(MAX_SUFFIX[language], folded.length - stem.length);
  const patterns = [{ stem, maxSuffix }];
  // Polish softens a stem's last consonant before -e/-i ("paczka" → "w paczce"), as listening's variants do.
  if (language === "pl")
    for (const softened of polishAlternations(stem)) patterns.push({ stem: softened, maxSuffix: 4 });
  return patterns;
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}
