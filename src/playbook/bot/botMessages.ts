/**
 * What the FAQ bot says in its own voice, in Parley's four languages. Short and plain, promising a person
 * rather than pretending to be one; a customer who gets an article must know how to reach a human. Polish
 * uses the informal "ty" most shops use on social media; Russian and Latvian the polite plural. Any other
 * language gets English.
 */

import type { ListeningLanguage } from "../../listening/listeningTypes.ts";

/** Appended to every article the bot sends. */
const ANSWER_CLOSING: Record<ListeningLanguage, string> = {
  ru: "Если это не помогло, ответьте на это сообщение — и к разговору подключится наш сотрудник.",
  pl: "Jeśli to nie pomoże, odpisz na tę wiadomość, a rozmowę przejmie ktoś z naszego zespołu.",
  lv: "Ja tas nepalīdz, atbildiet uz šo ziņu, un sarunu turpinās kāds no mūsu komandas.",
  en: "If this doesn't help, reply to this message and a colleague will take over.",
};

/** Sent in a private conversation when the bot hands over instead of answering. */
const HANDOVER: Record<ListeningLanguage, string> = {
  ru: "Спасибо за сообщение! Скоро к разговору подключится наш сотрудник и поможет.",
  pl: "Dziękujemy za wiadomość! Zaraz dołączy do rozmowy ktoś z naszego zespołu i pomoże.",
  lv: "Paldies par ziņu! Drīzumā sarunai pievienosies kāds no mūsu komandas un palīdzēs.",
  en: "Thanks for your message! A person from our team will join shortly to help.",
};

export function answerClosing(language: ListeningLanguage | null): string {
  return ANSWER_CLOSING[language ?? "en"];
}

export function handoverMessage(language: ListeningLanguage | null): string {
  return HANDOVER[language ?? "en"];
}
