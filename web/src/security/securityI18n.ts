import { type TemplateVars, useDictionaryT } from "../hooks.ts";
import type { Locale } from "../i18n.ts";

/** Sign-in security keeps its strings here, apart from the app's dictionary. */
const en = {
  tab: "Sign-in security",
  hint: "Failed sign-ins of the last day. After a few failures each further one doubles the wait before the next attempt from the same account and address (or address). The owner signing in from elsewhere, or from a browser that signed in before, is never slowed down by them.",
  empty: "No failed sign-ins in the last day.",
  what: "Counted for",
  kind_account_source: "Account from an address",
  kind_account_device: "Account on a known browser",
  kind_source: "Address (every account)",
  email: "E-mail",
  address: "Address",
  failures: "Failures",
  refused: "Turned away",
  lastFailure: "Last failure",
  waits: "Next attempt",
  waitsNow: "now",
  waitsSeconds: "in {seconds} s",
  ago: "{time} ago",
  clear: "Clear",
  confirmClear: "Let this account or address try again at once?",
  throttled: "Too many failed sign-ins. Try again in {seconds} s.",
};

export type SecurityKey = keyof typeof en;
type Dictionary = Record<SecurityKey, string>;

const ru: Dictionary = {
  tab: "Безопасность входа",
  hint: "Неудачные попытки входа за последние сутки. После нескольких ошибок каждая следующая вдвое увеличивает ожидание перед новой попыткой с той же учётной записи и адреса (или адреса). Владельца, который входит с другого адреса или из браузера, где уже входил, это не замедляет.",
  empty: "За последние сутки неудачных входов не было.",
  what: "Учитывается для",
  kind_account_source: "Учётная запись с адреса",
  kind_account_device: "Учётная запись в знакомом браузере",
  kind_source: "Адрес (все учётные записи)",
  email: "Эл. почта",
  address: "Адрес",
  failures: "Ошибок",
  refused: "Отклонено",
  lastFailure: "Последняя ошибка",
  waits: "Следующая попытка",
  waitsNow: "сейчас",
  waitsSeconds: "через {seconds} с",
  ago: "{time} назад",
  clear: "Сбросить",
  confirmClear: "Разрешить этой учётной записи или адресу снова пробовать сразу?",
  throttled: "Слишком много неудачных попыток входа. Повторите через {seconds} с.",
};

const pl: Dictionary = {
  tab: "Bezpieczeństwo logowania",
  hint: "Nieudane logowania z ostatniej doby. Po kilku błędach każdy kolejny podwaja czas oczekiwania na następną próbę z tego samego konta i adresu (lub adresu). Właściciel logujący się skądinąd albo z przeglądarki, w której już się logował, nie jest przez to spowalniany.",
  empty: "Brak nieudanych logowań w ostatniej dobie.",
  what: "Liczone dla",
  kind_account_source: "Konto z adresu",
  kind_account_device: "Konto w znanej przeglądarce",
  kind_source: "Adres (wszystkie konta)",
  email: "E-mail",
  address: "Adres",
  failures: "Błędy",
  refused: "Odrzucone",
  lastFailure: "Ostatni błąd",
  waits: "Następna próba",
  waitsNow: "teraz",
  waitsSeconds: "za {seconds} s",
  ago: "{time} temu",
  clear: "Wyczyść",
  confirmClear: "Pozwolić temu kontu lub adresowi spróbować od razu?",
  throttled: "Zbyt wiele nieudanych logowań. Spróbuj ponownie za {seconds} s.",
};

const lv: Dictionary = {
  tab: "Pieteikšanās drošība",
  hint: "Neveiksmīgās pieteikšanās pēdējās diennakts laikā. Pēc dažām kļūdām katra nākamā divkāršo gaidīšanu pirms nākamā mēģinājuma no tā paša konta un adreses (vai adreses). Īpašnieku, kurš piesakās no citurienes vai no pārlūka, kurā jau pieteicies, tas nepalēnina.",
  empty: "Pēdējā diennaktī neveiksmīgu pieteikšanos nav bijis.",
  what: "Skaitīts",
  kind_account_source: "Konts no adreses",
  kind_account_device: "Konts zināmā pārlūkā",
  kind_source: "Adrese (visi konti)",
  email: "E-pasts",
  address: "Adrese",
  failures: "Kļūdas",
  refused: "Atraidīti",
  lastFailure: "Pēdējā kļūda",
  waits: "Nākamais mēģinājums",
  waitsNow: "tagad",
  waitsSeconds: "pēc {seconds} s",
  ago: "pirms {time}",
  clear: "Notīrīt",
  confirmClear: "Ļaut šim kontam vai adresei mēģināt uzreiz?",
  throttled: "Pārāk daudz neveiksmīgu pieteikšanos. Mēģiniet vēlreiz pēc {seconds} s.",
};

const DICTIONARIES: Record<Locale, Dictionary> = { en, ru, pl, lv };

export function useSecurityT(): (key: SecurityKey, vars?: TemplateVars) => string {
  return useDictionaryT(DICTIONARIES);
}
