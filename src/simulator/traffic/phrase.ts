import type { SimulatedPerson } from "../customerDriver.ts";

export type Language = SimulatedPerson["languageCode"];
export const LANGUAGES: readonly Language[] = ["ru", "en", "pl", "lv"];

/** What a customer writes about; the shape of an inbox a support team of an electronics retailer sees. */
export type Subject =
  | "delivery"
  | "returns"
  | "bonus"
  | "payment"
  | "product"
  | "complaint"
  | "praise"
  | "competitor";

export const SUBJECTS: readonly Subject[] = [
  "delivery",
  "returns",
  "bonus",
  "payment",
  "product",
  "complaint",
  "praise",
  "competitor",
];

export type Sentiment = "negative" | "neutral" | "positive";

export interface Phrase {
  language: Language;
  subject: Subject;
  text: string;
  sentiment: Sentiment;
}

/** Names typical of one language; last names are split by gender because Russian, Polish and Latvian inflect them. */
export interface NameBook {
  male: { first: readonly string[]; last: readonly string[] };
  female: { first: readonly string[]; last: readonly string[] };
  /** Handles people choose that have nothing to do with their name (Latin letters, as platforms require). */
  handles: readonly string[];
}

export interface LanguageBook {
  language: Language;
  phrases: readonly Phrase[];
  /** Short nudges a customer posts under their own earlier public comment when nobody answered. */
  followUps: readonly string[];
  names: NameBook;
}

/** Texts of one subject grouped by sentiment, which keeps the per-language files readable. */
export type SubjectTexts = Partial<Record<Sentiment, readonly string[]>>;

export function languageBook(
  language: Language,
  texts: Record<Subject, SubjectTexts>,
  followUps: readonly string[],
  names: NameBook,
): LanguageBook {
  const phrases: Phrase[] = [];
  for (const subject of SUBJECTS) {
    for (const [sentiment, list] of Object.entries(texts[subject]) as [Sentiment, readonly string[]][]) {
      for (const text of list) phrases.push({ language, subject, text, sentiment });
    }
  }
  return { language, phrases, followUps, names };
}
