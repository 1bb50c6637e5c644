import { useDictionaryT } from "../hooks.ts";
import type { Locale } from "../i18n.ts";

const en = {
  views: "Views",
  allConversations: "All conversations",
  saveView: "Save view",
  viewName: "Name of the view",
  personalView: "Only me",
  sharedWith: "Shared with {team}",
  deleteView: "Delete view",
  selectAll: "Select all on this page",
  selected: "{n} selected",
  assignTo: "Assign to…",
  unassign: "Unassign",
  addLabel: "Add label",
  labelPlaceholder: "Label",
  resolve: "Resolve",
  clear: "Clear",
  bulkDone: "{ok} done, {failed} refused",
  select: "Select",
} as const;

type Key = keyof typeof en;

const ru: Record<Key, string> = {
  views: "Представления",
  allConversations: "Все обращения",
  saveView: "Сохранить представление",
  viewName: "Название представления",
  personalView: "Только для меня",
  sharedWith: "Для команды {team}",
  deleteView: "Удалить представление",
  selectAll: "Выбрать все на странице",
  selected: "Выбрано: {n}",
  assignTo: "Назначить…",
  unassign: "Снять назначение",
  addLabel: "Добавить метку",
  labelPlaceholder: "Метка",
  resolve: "Решено",
  clear: "Сбросить",
  bulkDone: "Готово: {ok}, отказано: {failed}",
  select: "Выбрать",
};

const pl: Record<Key, string> = {
  views: "Widoki",
  allConversations: "Wszystkie rozmowy",
  saveView: "Zapisz widok",
  viewName: "Nazwa widoku",
  personalView: "Tylko dla mnie",
  sharedWith: "Dla zespołu {team}",
  deleteView: "Usuń widok",
  selectAll: "Zaznacz wszystkie na stronie",
  selected: "Zaznaczono: {n}",
  assignTo: "Przypisz do…",
  unassign: "Usuń przypisanie",
  addLabel: "Dodaj etykietę",
  labelPlaceholder: "Etykieta",
  resolve: "Rozwiązane",
  clear: "Wyczyść",
  bulkDone: "Zrobione: {ok}, odmówiono: {failed}",
  select: "Zaznacz",
};

const lv: Record<Key, string> = {
  views: "Skati",
  allConversations: "Visas sarunas",
  saveView: "Saglabāt skatu",
  viewName: "Skata nosaukums",
  personalView: "Tikai man",
  sharedWith: "Komandai {team}",
  deleteView: "Dzēst skatu",
  selectAll: "Atlasīt visas šajā lapā",
  selected: "Atlasītas: {n}",
  assignTo: "Piešķirt…",
  unassign: "Noņemt piešķīrumu",
  addLabel: "Pievienot birku",
  labelPlaceholder: "Birka",
  resolve: "Atrisināts",
  clear: "Notīrīt",
  bulkDone: "Izdarīts: {ok}, atteikts: {failed}",
  select: "Atlasīt",
};

const DICTIONARIES: Record<Locale, Record<Key, string>> = { en, ru, pl, lv };

export function useInboxToolsT() {
  return useDictionaryT(DICTIONARIES);
}
