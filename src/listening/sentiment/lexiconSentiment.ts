import type { ListeningLanguage, SentimentLabel, SentimentResult } from "../listeningTypes.ts";
import { type Token, tokenize } from "../normalize.ts";
import { emojiWeight } from "./emoji.ts";
import {
  type CompiledLexicon,
  compileLexicon,
  type LexiconEntry,
  type LexiconSource,
  lookupToken,
  lookupWritten,
  phraseTokenMatches,
} from "./lexicon.ts";
import { enLexicon } from "./lexicons/en.ts";
import { lvLexicon } from "./lexicons/lv.ts";
import { plLexicon } from "./lexicons/pl.ts";
import { ruLexicon } from "./lexicons/ru.ts";

/**
 * Lexicon-based sentiment in the manner of VADER (Hutto & Gilbert, 2014), per language: words and stems
 * from hand-written lexicons, negation ("не доволен", "nie polecam", "nav slikti", "not bad"), intensifiers
 * and diminishers, "but", CAPS, "!!!", impatient "???", emoji and emoticons. The summed weight S becomes a
 * score S / √(S² + 15) in [-1, 1]; |score| < NEUTRAL_BAND is neutral (|S| below about 1: one mild word such
 * as "долго" or "still" alone, or a plain question, stays neutral).
 */
export const NEUTRAL_BAND = 0.25;

const SCORE_ALPHA = 15;
/** Posts longer than this are judged by their start; keeps the cost of a pathological text bounded. */
const MAX_CHARS = 10_000;
/** How many words after "не"/"not" are negated. */
const NEGATION_SCOPE = 3;
/** How many words after "очень"/"very" are boosted. */
const BOOST_SCOPE = 2;
/** VADER's damped flip: "not bad" is mildly good, not as good as "good". */
const NEGATION_FACTOR = -0.74;
const INTENSIFIER = 1.5;
const DIMINISHER = 0.6;
/** "not very good": an intensifier right after a negator softens instead. */
const NEGATED_INTENSIFIER = 0.6;
const CAPS_FACTOR = 1.4;
const EXCLAMATION = 0.3;
const IMPATIENT_QUESTION = -1.1;
/** Sentiment words in a plain question ("can I return it if I don't like it?") count less. */
const QUESTION_FACTOR = 0.6;
const CONTRAST_BEFORE = 0.5;
const CONTRAST_AFTER = 1.5;

const SOURCES: Record<ListeningLanguage, LexiconSource> = {
  ru: ruLexicon,
  pl: plLexicon,
  lv: lvLexicon,
  en: enLexicon,
};
const compiled = new Map<ListeningLanguage, CompiledLexicon>();

function lexiconFor(language: ListeningLanguage): CompiledLexicon {
  let lexicon = compiled.get(language);
  if (!lexicon) {
    lexicon = compileLexicon(SOURCES[language] ?? enLexicon);
    compiled.set(language, lexicon);
  }
  return lexicon;
}

interface Scored {
  weight: number;
  index: number;
}

/**
 * The lexicon's judgement of a text alone. Parley's sentiment comes from the trained model
 * (analyzeSentiment.ts), which takes this judgement as one of its features; kept apart for that and for
 * explaining a judgement. Never throws.
 */
export function lexiconSentiment(text: string, language: ListeningLanguage): SentimentResult {
  return resultOf(lexiconSum(text, language));
}

/** The lexicon's summed weight of a text: negative below 0, positive above, 0 when nothing is known. */
export function lexiconSum(text: string, language: ListeningLanguage): number {
  if (typeof text !== "string" || text.length === 0) return 0;
  const sample = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  try {
    return sumWeights(sample, lexiconFor(language));
  } catch {
    return 0;
  }
}

export function labelOf(score: number): SentimentLabel {
  if (score >= NEUTRAL_BAND) return "positive";
  if (score <= -NEUTRAL_BAND) return "negative";
  return "neutral";
}

function resultOf(sum: number): SentimentResult {
  const score = Math.round((sum / Math.sqrt(sum * sum + SCORE_ALPHA)) * 1000) / 1000;
  return { label: labelOf(score), score: score === 0 ? 0 : score };
}

function sumWeights(text: string, lexicon: CompiledLexicon): number {
  const tokens = tokenize(text, MAX_CHARS);
  const shouting = isShouting(text);
  const scored: Scored[] = [];
  let negationLeft = 0;
  let boostLeft = 0;
  let boost = 1;
  let contrastAt = -1;
  let questionFactor = sentenceFactor(text, 0);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === "handle") continue;
    if (i > 0) {
      const gap = punctuationBetween(text, tokens[i - 1]!.end, token.start);
      if (gap !== NO_BREAK) negationLeft = 0;
      if (gap === SENTENCE_BREAK) {
        boostLeft = 0;
        questionFactor = sentenceFactor(text, token.start);
      }
    }
    const word = token.text;
    const phrase = matchPhrase(lexicon, tokens, i);
    if (!phrase) {
      if (lexicon.negators.has(word)) {
        negationLeft = NEGATION_SCOPE;
        const own = lexicon.exact.get(word);
        if (own && own.weight !== 0) scored.push({ weight: own.weight * questionFactor, index: i });
        continue;
      }
      if (lexicon.contrast.has(word)) {
        contrastAt = i;
        negationLeft = 0;
        continue;
      }
      const isIntensifier = lexicon.intensifiers.has(word);
      if (isIntensifier || lexicon.diminishers.has(word)) {
        const next = tokens[i + 1];
        const nextHasWeight =
          next !== undefined && hasSentiment(lexicon, next.text, text.slice(next.start, next.end));
        // "супер" alone is praise; "супер быстро" boosts the next word.
        if (nextHasWeight || !isIntensifier || negationLeft > 0 || !lookupToken(lexicon, word)) {
          boost = !isIntensifier ? DIMINISHER : negationLeft > 0 ? NEGATED_INTENSIFIER : INTENSIFIER;
          boostLeft = BOOST_SCOPE + 1;
          if (negationLeft > 0) negationLeft++;
          continue;
        }
      }
    }
    let entry: LexiconEntry | undefined = phrase?.entry;
    let prefixNegated = false;
    if (!entry) entry = lookupWritten(lexicon, word, text.slice(token.start, token.end));
    if (!entry && lexicon.negationPrefix && word.startsWith(lexicon.negationPrefix)) {
      const rest = word.slice(lexicon.negationPrefix.length);
      if (rest.length >= 4) {
        entry = lookupToken(lexicon, rest);
        prefixNegated = entry !== undefined;
      }
    }
    if (entry) {
      let weight = entry.weight;
      // Slavic and Baltic double negation is emphasis ("никто не ответил"), so negated twice is still negated.
      if (negationLeft > 0 || prefixNegated) {
        weight = entry.negated ?? weight * NEGATION_FACTOR;
        // A negation is spent on the first word it reaches: "не успевает, перенёс" negates only the first.
        if (negationLeft > 0) negationLeft = 1;
      }
      if (weight !== 0) {
        if (boostLeft > 0) weight *= boost;
        if (!shouting && isCaps(text, token)) weight *= CAPS_FACTOR;
        scored.push({ weight: weight * questionFactor, index: i });
      }
    }
    const consumed = phrase ? phrase.length : 1;
    i += consumed - 1;
    negationLeft = Math.max(0, negationLeft - consumed);
    boostLeft = Math.max(0, boostLeft - consumed);
  }
  let sum = 0;
  for (const { weight, index } of scored) {
    if (contrastAt < 0) sum += weight;
    else sum += weight * (index < contrastAt ? CONTRAST_BEFORE : CONTRAST_AFTER);
  }
  sum += emojiWeight(text);
  sum += punctuationWeight(text, sum);
  if (shouting) sum *= CAPS_FACTOR;
  return sum;
}

function hasSentiment(lexicon: CompiledLexicon, word: string, written: string): boolean {
  const entry = lookupWritten(lexicon, word, written);
  return entry !== undefined && (entry.weight !== 0 || entry.expected);
}

function matchPhrase(
  lexicon: CompiledLexicon,
  tokens: Token[],
  at: number,
): { entry: LexiconEntry; length: number } | undefined {
  const candidates = lexicon.phrases.get(tokens[at]!.text);
  if (!candidates) return undefined;
  for (const { tokens: pattern, stem, entry } of candidates) {
    if (at + pattern.length > tokens.length) continue;
    let matches = true;
    for (let k = 1; k < pattern.length && matches; k++) {
      matches = phraseTokenMatches(pattern[k]!, tokens[at + k]!.text, stem && k === pattern.length - 1);
    }
    if (matches) return { entry, length: pattern.length };
  }
  return undefined;
}

/** "!!!" adds weight in whatever direction the text already leans; "???" is impatience in a shop's mentions. */
function punctuationWeight(text: string, sum: number): number {
  let extra = 0;
  const exclamations = Math.min(3, countChar(text, "!"));
  if (sum !== 0) extra += Math.sign(sum) * exclamations * EXCLAMATION;
  if (/\?\s*\?|\?!|!\?/.test(text)) extra += IMPATIENT_QUESTION;
  return extra;
}

export function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

const NO_BREAK = 0;
const CLAUSE_BREAK = 1;
const SENTENCE_BREAK = 2;

/** What separates two tokens: . ! ? ; and a line break end a sentence, a comma ends a clause (and a negation). */
function punctuationBetween(text: string, from: number, to: number): number {
  let found = NO_BREAK;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 46 || ch === 33 || ch === 63 || ch === 59 || ch === 10) return SENTENCE_BREAK;
    if (ch === 44 || ch === 58 || ch === 0x2014) found = CLAUSE_BREAK;
  }
  return found;
}

/** A sentence that ends with one "?" is a question: its sentiment words count less. */
function sentenceFactor(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 46 || ch === 33 || ch === 59 || ch === 10) return 1;
    if (ch === 63)
      return text.charCodeAt(i + 1) === 63 || text.charCodeAt(i - 1) === 63 ? 1 : QUESTION_FACTOR;
  }
  return 1;
}

function isCaps(text: string, token: Token): boolean {
  if (token.end - token.start < 3) return false;
  const original = text.slice(token.start, token.end);
  return original === original.toUpperCase() && original !== original.toLowerCase();
}

/** A whole post in capitals is shouting; one word in capitals is emphasis (handled per word). */
function isShouting(text: string): boolean {
  let upper = 0;
  let lower = 0;
  for (const ch of text.length > 500 ? text.slice(0, 500) : text) {
    if (ch !== ch.toLowerCase()) upper++;
    else if (ch !== ch.toUpperCase()) lower++;
  }
  return upper >= 8 && upper > 3 * lower;
}
