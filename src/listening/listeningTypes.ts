/** The languages Parley listens in; anything else is detected as "other" and matched without morphology. */
export const LISTENING_LANGUAGES = ["ru", "pl", "lv", "en"] as const;
export type ListeningLanguage = (typeof LISTENING_LANGUAGES)[number];

/** Why a variant of a query term exists; the UI shows it beside each variant so the team can edit the list. */
export type VariantKind =
  | "original"
  | "inflection"
  | "transliteration"
  | "misspelling"
  | "layout"
  | "nickname"
  | "split"
  | "spoken"
  | "diminutive";

/** One form a query term is searched in, already normalized (normalize.ts) and possibly several tokens long. */
export interface Variant {
  text: string;
  kind: VariantKind;
  /**
   * A stem: it matches a token that starts with `text` (the last token of a phrase) and goes on for at most
   * `maxSuffix` more characters ("доставк" → "доставка", "доставкой"; "dostaw" → "dostawa", "dostawy").
   * With `suffixes` (sorted), only those may follow: the language's inflectional endings, so "мир" finds
   * "миром" and not "мировой".
   */
  prefix?:
    | {
        maxSuffix: number;
        suffixes?: readonly string[] | undefined;
        /**
         * The suffixes of each language the stem was made for; `suffixes` is their union. A text in one of
         * these languages takes only its own endings: "ozone" in English is not Polish "Ozon" + "-e".
         */
        byLanguage?: Partial<Record<ListeningLanguage, readonly string[]>> | undefined;
      }
    | undefined;
}

/** A topic's query as the team wrote it, with the edits they made to its generated variants. */
export interface TopicQuery {
  /** Unique across the workspace; what matches report. */
  id: string;
  topicId: string;
  /** The query language: words, "phrases", OR / AND / NOT, NEAR/n, #hashtags, @handles, exact "=word". */
  query: string;
  /** Only texts detected in these languages; all when empty. */
  languages?: ListeningLanguage[] | undefined;
  /** Only texts from these sources (platform names: "telegram", "facebook", "x", "web"...); all when empty. */
  sources?: string[] | undefined;
  /** Extra variants the team added per term (nicknames, abbreviations): term → variants. */
  extraVariants?: Record<string, string[]> | undefined;
  /** Generated variants the team removed because they caused false hits. */
  excludedVariants?: string[] | undefined;
  /**
   * Other names of the topic (a parent company, a product): alternatives to the whole query, with the same
   * variant generation as its terms; the query's exclusions and filters apply to them too.
   */
  aliases?: string[] | undefined;
}

export interface TextToMatch {
  text: string;
  language?: ListeningLanguage | "other" | null | undefined;
  source?: string | undefined;
}

export interface MatchHit {
  /** The query term (leaf) that matched, as written in the query. */
  term: string;
  /** The variant that matched and why it exists. */
  variant: string;
  kind: VariantKind;
  /** Offsets in the original text, [start, end). */
  start: number;
  end: number;
}

export interface QueryMatch {
  queryId: string;
  topicId: string;
  hits: MatchHit[];
}

export type SentimentLabel = "negative" | "neutral" | "positive";

export interface SentimentResult {
  label: SentimentLabel;
  /** -1 (very negative) to 1 (very positive). */
  score: number;
}
