/**
 * What the composer tells an agent whose public reply carries personal data: take it out and continue in
 * private messages. One sentence per language, naming what was found, in the agent's reply language.
 */

import type { PersonalDataFinding, PersonalDataKind } from "./personalData.ts";

export type AdviceLanguage = "ru" | "pl" | "lv" | "en";

const KIND_NAMES: Readonly<Record<AdviceLanguage, Readonly<Record<PersonalDataKind, string>>>> = {
  ru: {
    phone: "номер телефона",
    email: "e-mail",
    card: "номер карты",
    iban: "номер счёта",
    order: "номер заказа",
    address: "адрес",
    passport: "паспортные данные",
    personal_code: "персональный код",
  },
  pl: {
    phone: "numer telefonu",
    email: "e-mail",
    card: "numer karty",
    iban: "numer konta",
    order: "numer zamówienia",
    address: "adres",
    passport: "dane dokumentu tożsamości",
    personal_code: "numer PESEL",
  },
  lv: {
    phone: "tālruņa numuru",
    email: "e-pastu",
    card: "kartes numuru",
    iban: "konta numuru",
    order: "pasūtījuma numuru",
    address: "adresi",
    passport: "dokumenta datus",
    personal_code: "personas kodu",
  },
  en: {
    phone: "phone number",
    email: "e-mail address",
    card: "card number",
    iban: "bank account number",
    order: "order number",
    address: "address",
    passport: "ID document number",
    personal_code: "personal ID code",
  },
};

const TEMPLATES: Readonly<Record<AdviceLanguage, (what: string) => string>> = {
  ru: (what) =>
    `Это публичная ветка: уберите из ответа ${what} и продолжите в личных сообщениях — например: «Написали вам в личные сообщения, продолжим там».`,
  pl: (what) =>
    `To publiczny wątek: usuń z odpowiedzi ${what} i przejdź do wiadomości prywatnych — np. „Napisaliśmy do Ciebie w wiadomości prywatnej, kontynuujmy tam”.`,
  lv: (what) =>
    `Šis ir publisks pavediens: izņemiet no atbildes ${what} un turpiniet privātās ziņās — piem., „Uzrakstījām jums privāti, turpināsim tur”.`,
  en: (what) =>
    `This is a public thread: remove the ${what} from your reply and continue in private messages — e.g. "We've sent you a private message, let's continue there."`,
};

const AND: Readonly<Record<AdviceLanguage, string>> = { ru: "и", pl: "i", lv: "un", en: "and" };

/** The advice for a set of findings; null when there is nothing to move to private. */
export function privateReplyAdvice(
  findings: readonly PersonalDataFinding[],
  language: AdviceLanguage,
): string | null {
  const kinds = [...new Set(findings.map((f) => f.kind))];
  if (kinds.length === 0) return null;
  const names = kinds.map((k) => KIND_NAMES[language][k]);
  const what =
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} ${AND[language]} ${names.at(-1)!}`;
  return TEMPLATES[language](what);
}
