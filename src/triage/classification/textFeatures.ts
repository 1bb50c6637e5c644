import type { ListeningLanguage } from "../../listening/listeningTypes.ts";
import type { Token } from "../../listening/normalize.ts";
import { isStopword } from "../../listening/variants/stemmers.ts";
import { foldedStem, writtenForm } from "../../listening/variants/writtenStem.ts";

/**
 * What the learned model sees of a text: the set of its word stems plus pairs of neighbouring stems, so
 * "бонус за доставку" is told apart from a text that merely has both words. A set, not counts: in short
 * messages a repeated word says little more than the word once.
 */

/** Cannot collide with a stem: tokens never hold control characters. */
export const LINK_FEATURE = "\u0001link";

const LINK = /https?:\/\/|www\./iu;

/** nlp.js has no Latvian stopword list (stemmers.ts); these few carry no topic. Folded like tokens. */
const LATVIAN_STOPWORDS = new Set(
  "un ir kur mana mans man es tu vai ar par uz no kas ka bet lai jau vel loti tas ta to so nav jus mes kad musu jusu vinu".split(
    " ",
  ),
);

/**
 * The features of `text` given its tokens. `language` null (undetected) keeps words unstemmed: a stemmer
 * of the wrong language mangles more than it groups.
 */
export function textFeatures(
  text: string,
  tokens: readonly Token[],
  language: ListeningLanguage | null,
): string[] {
  const features = new Set<string>();
  let previous: string | null = null;
  for (const token of tokens) {
    if (token.kind === "handle" || isNumber(token.text)) continue;
    if (isStopword(token.text) || LATVIAN_STOPWORDS.has(token.text)) continue;
    const stem = language ? stemOf(writtenForm(text, token), token.text, language) : token.text;
    if (stem.length < 2) continue;
    features.add(stem);
    if (previous !== null) features.add(`${previous} ${stem}`);
    previous = stem;
  }
  // tokenize drops links, yet a link is much of what marks spam.
  if (LINK.test(text)) features.add(LINK_FEATURE);
  return [...features];
}

function stemOf(written: string, folded: string, language: ListeningLanguage): string {
  const stem = foldedStem(written, language);
  // A stem that folds into several tokens or none (an underscore in a hashtag) is no better than the word.
  return stem.length === 0 || stem.includes(" ") ? folded : stem;
}

function isNumber(text: string): boolean {
  const first = text.charCodeAt(0);
  return first >= 48 && first <= 57 && /^\d+$/u.test(text);
}
