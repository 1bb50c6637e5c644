/**
 * The slice of nlp.js's language packages the variant generator uses; the packages ship no type declarations.
 * Their stemmers are Snowball algorithms compiled to JavaScript (Russian, English) and a light suffix-stripping
 * stemmer for Polish; their stop-word lists keep misspellings from landing on function words.
 */

interface NlpjsStemmer {
  /** Stems one lower-case word. Caches every word it has seen in `cache`. */
  stemWord(word: string): string;
  cache: Record<string, string>;
}

interface NlpjsStopwords {
  /** Stop word → true. */
  dictionary: Record<string, boolean>;
}

declare module "@nlpjs/lang-ru" {
  export class StemmerRu implements NlpjsStemmer {
    stemWord(word: string): string;
    cache: Record<string, string>;
  }
  export class StopwordsRu implements NlpjsStopwords {
    dictionary: Record<string, boolean>;
  }
}

declare module "@nlpjs/lang-pl" {
  export class StemmerPl implements NlpjsStemmer {
    stemWord(word: string): string;
    cache: Record<string, string>;
  }
  export class StopwordsPl implements NlpjsStopwords {
    dictionary: Record<string, boolean>;
  }
}

declare module "@nlpjs/lang-en-min" {
  export class StemmerEn implements NlpjsStemmer {
    stemWord(word: string): string;
    cache: Record<string, string>;
  }
  export class StopwordsEn implements NlpjsStopwords {
    dictionary: Record<string, boolean>;
  }
}
