export const PLAYBOOK_LANGUAGES = ["ru", "pl", "lv", "en"] as const;
export type PlaybookLanguage = (typeof PLAYBOOK_LANGUAGES)[number];
export type Usage = "public" | "private" | "any";

/** New replies and articles start in the reader's own language when the playbook has it. */
export function defaultPlaybookLanguage(locale: string): PlaybookLanguage {
  return (PLAYBOOK_LANGUAGES as readonly string[]).includes(locale) ? (locale as PlaybookLanguage) : "en";
}

export interface CannedReply {
  id: string;
  title: string;
  shortcut: string | null;
  language: PlaybookLanguage;
  body: string;
  usage: Usage;
  guidance: string;
  categoryKey: string | null;
  updatedAt: string;
}

export interface Article {
  id: string;
  title: string;
  body: string;
  language: PlaybookLanguage;
  categoryKey: string | null;
  tags: string[];
  published: boolean;
  updatedAt: string;
}

export interface Category {
  key: string;
  name: string;
  names: Record<string, string>;
}

export interface Suggestion {
  id: string;
  kind: "canned" | "article";
  title: string;
  reason: string;
  usageMismatch: boolean;
  language: string;
  excerpt: string;
  /** A published article's public page; null otherwise. */
  faqUrl: string | null;
}

export interface PersonalDataFinding {
  kind: string;
  start: number;
  end: number;
  excerpt: string;
}

export interface PlainLanguageIssue {
  kind: string;
  start: number;
  end: number;
  phrase: string;
  suggestion: string;
}

export interface DraftCheck {
  personalData: { findings: PersonalDataFinding[]; advice: string | null; publicThread: boolean };
  plainLanguage: PlainLanguageIssue[];
  suggestions: Suggestion[];
}

export interface RenderedReply {
  text: string;
  missing: string[];
}

export function categoryName(category: Category, locale: string): string {
  return category.names[locale] || category.name || category.key;
}
