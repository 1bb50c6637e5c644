import type { Language, LanguageBook, Phrase, Sentiment, Subject } from "./phrase.ts";
import { enBook } from "./phrasebook.en.ts";
import { lvBook } from "./phrasebook.lv.ts";
import { plBook } from "./phrasebook.pl.ts";
import { ruBook } from "./phrasebook.ru.ts";

export type { Language, LanguageBook, NameBook, Phrase, Sentiment, Subject } from "./phrase.ts";
export { LANGUAGES, SUBJECTS } from "./phrase.ts";

export const BOOKS: Readonly<Record<Language, LanguageBook>> = {
  ru: ruBook,
  en: enBook,
  pl: plBook,
  lv: lvBook,
};

export const PHRASES: readonly Phrase[] = [ruBook, enBook, plBook, lvBook].flatMap((book) => book.phrases);

// Indexed once: the generator asks for a (language, subject) list on every message.
const index = new Map<string, Phrase[]>();
for (const phrase of PHRASES) {
  for (const key of [
    `${phrase.language}/${phrase.subject}`,
    `${phrase.language}/${phrase.subject}/${phrase.sentiment}`,
  ]) {
    const list = index.get(key) ?? [];
    list.push(phrase);
    index.set(key, list);
  }
}

/** Phrases of one language and subject, optionally only of one sentiment; empty when there are none. */
export function phrasesFor(language: Language, subject: Subject, sentiment?: Sentiment): readonly Phrase[] {
  const key = sentiment ? `${language}/${subject}/${sentiment}` : `${language}/${subject}`;
  return index.get(key) ?? [];
}
