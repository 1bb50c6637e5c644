import { useDictionaryT } from "../hooks.ts";
import type { Locale } from "../i18n.ts";
import type { ShortcutAction } from "./shortcutKeys.ts";

type Key = `action_${ShortcutAction}` | "title" | "close" | "hint";

const en: Record<Key, string> = {
  title: "Keyboard shortcuts",
  close: "Close",
  hint: "Keys work anywhere in the inbox except while typing in a field; Esc leaves a field.",
  action_next: "Next conversation",
  action_previous: "Previous conversation",
  action_reply: "Reply",
  action_note: "Internal note",
  action_assignToMe: "Assign to me",
  action_resolve: "Resolve",
  action_canned: "Canned replies",
  action_search: "Search",
  action_help: "This list",
};

const ru: Record<Key, string> = {
  title: "Горячие клавиши",
  close: "Закрыть",
  hint: "Клавиши работают во всём окне входящих, кроме полей ввода; Esc выводит из поля.",
  action_next: "Следующее обращение",
  action_previous: "Предыдущее обращение",
  action_reply: "Ответить",
  action_note: "Внутренняя заметка",
  action_assignToMe: "Назначить на себя",
  action_resolve: "Решить",
  action_canned: "Шаблоны ответов",
  action_search: "Поиск",
  action_help: "Этот список",
};

const pl: Record<Key, string> = {
  title: "Skróty klawiszowe",
  close: "Zamknij",
  hint: "Klawisze działają w całej skrzynce, poza pisaniem w polu; Esc opuszcza pole.",
  action_next: "Następna rozmowa",
  action_previous: "Poprzednia rozmowa",
  action_reply: "Odpowiedz",
  action_note: "Notatka wewnętrzna",
  action_assignToMe: "Przypisz do mnie",
  action_resolve: "Rozwiąż",
  action_canned: "Gotowe odpowiedzi",
  action_search: "Szukaj",
  action_help: "Ta lista",
};

const lv: Record<Key, string> = {
  title: "Īsinājumtaustiņi",
  close: "Aizvērt",
  hint: "Taustiņi darbojas visā iesūtnē, izņemot rakstot laukā; Esc iziet no lauka.",
  action_next: "Nākamā saruna",
  action_previous: "Iepriekšējā saruna",
  action_reply: "Atbildēt",
  action_note: "Iekšēja piezīme",
  action_assignToMe: "Piešķirt man",
  action_resolve: "Atrisināt",
  action_canned: "Sagatavotās atbildes",
  action_search: "Meklēt",
  action_help: "Šis saraksts",
};

const DICTIONARIES: Record<Locale, Record<Key, string>> = { en, ru, pl, lv };

export function useShortcutsT() {
  return useDictionaryT(DICTIONARIES);
}
