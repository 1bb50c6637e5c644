/**
 * The note the FAQ bot leaves the team when it hands over: why it stepped aside and what it would have offered.
 * Written in the customer's language (English for any other), which is also the language the person taking
 * over will answer in; the UI cannot re-word a stored note for each reader, so the note picks the language the
 * conversation is in rather than Parley's own English.
 */

import type { ListeningLanguage } from "../../listening/listeningTypes.ts";

export type HandoverReason =
  | "low_confidence"
  | "complaint"
  | "negative_public"
  | "no_article_in_language"
  | "customer_followed_up";

interface NoteWords {
  handedOver: string;
  reasons: Record<HandoverReason, string>;
  language: string;
  sentiment: string;
  category: string;
  none: string;
  unknown: string;
  moods: Record<"negative" | "neutral" | "positive", string>;
  closest: string;
  quotes: [string, string];
}

const WORDS: Record<ListeningLanguage, NoteWords> = {
  en: {
    handedOver: "FAQ bot handed over",
    reasons: {
      low_confidence: "no article answers it with enough confidence",
      complaint: "it is a complaint",
      negative_public: "it is a negative public comment",
      no_article_in_language: "there is no article in the customer's language",
      customer_followed_up: "the customer wrote again after the bot's answer",
    },
    language: "Language",
    sentiment: "sentiment",
    category: "category",
    none: "none",
    unknown: "unknown",
    moods: { negative: "negative", neutral: "neutral", positive: "positive" },
    closest: "Closest articles",
    quotes: ["\u201c", "\u201d"],
  },
  ru: {
    handedOver: "FAQ-бот передал разговор сотруднику",
    reasons: {
      low_confidence: "ни одна статья не отвечает на вопрос достаточно уверенно",
      complaint: "это жалоба",
      negative_public: "это негативный публичный комментарий",
      no_article_in_language: "нет статьи на языке клиента",
      customer_followed_up: "клиент написал снова после ответа бота",
    },
    language: "Язык",
    sentiment: "тон",
    category: "категория",
    none: "нет",
    unknown: "не определён",
    moods: { negative: "негативный", neutral: "нейтральный", positive: "позитивный" },
    closest: "Ближайшие статьи",
    quotes: ["«", "»"],
  },
  pl: {
    handedOver: "Bot FAQ przekazał rozmowę zespołowi",
    reasons: {
      low_confidence: "żaden artykuł nie odpowiada na to wystarczająco pewnie",
      complaint: "to skarga",
      negative_public: "to negatywny publiczny komentarz",
      no_article_in_language: "nie ma artykułu w języku klienta",
      customer_followed_up: "klient napisał ponownie po odpowiedzi bota",
    },
    language: "Język",
    sentiment: "nastrój",
    category: "kategoria",
    none: "brak",
    unknown: "nieznany",
    moods: { negative: "negatywny", neutral: "neutralny", positive: "pozytywny" },
    closest: "Najbliższe artykuły",
    quotes: ["„", "\u201d"],
  },
  lv: {
    handedOver: "FAQ bots nodeva sarunu komandai",
    reasons: {
      low_confidence: "neviens raksts uz to neatbild pietiekami droši",
      complaint: "tā ir sūdzība",
      negative_public: "tas ir negatīvs publisks komentārs",
      no_article_in_language: "nav raksta klienta valodā",
      customer_followed_up: "klients rakstīja vēlreiz pēc bota atbildes",
    },
    language: "Valoda",
    sentiment: "noskaņojums",
    category: "kategorija",
    none: "nav",
    unknown: "nezināma",
    moods: { negative: "negatīvs", neutral: "neitrāls", positive: "pozitīvs" },
    closest: "Tuvākie raksti",
    quotes: ["\u201c", "\u201d"],
  },
};

export interface HandoverNoteInput {
  reason: HandoverReason | string;
  language: ListeningLanguage | null;
  sentiment: "negative" | "neutral" | "positive";
  /** The category's name in the note's language, or null when the conversation has none. */
  categoryName: string | null;
  candidates: { title: string; confidence: number }[];
}

export function handoverNote(input: HandoverNoteInput): string {
  const lang: ListeningLanguage = input.language ?? "en";
  const words = WORDS[lang];
  const reason = words.reasons[input.reason as HandoverReason] ?? input.reason;
  const languageName = input.language
    ? (new Intl.DisplayNames([lang], { type: "language" }).of(input.language) ?? input.language)
    : words.unknown;
  const category = input.categoryName ?? words.none;
  const percent = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
  const lines = [
    `${words.handedOver}: ${reason}.`,
    `${words.language}: ${languageName} · ${words.sentiment}: ${words.moods[input.sentiment]} · ${words.category}: ${category}.`,
  ];
  const candidates = input.candidates.slice(0, 3);
  if (candidates.length > 0) {
    const [open, close] = words.quotes;
    lines.push(
      `${words.closest}: ${candidates.map((c) => `${open}${c.title}${close} (${percent.format(c.confidence)})`).join(", ")}.`,
    );
  }
  return lines.join("\n");
}
