import { useDictionaryT } from "../hooks.ts";
import type { Locale } from "../i18n.ts";

const en = {
  team: "Team",
  allTeams: "All teams",
  category: "Category",
  allCategories: "All categories",
  language: "Language",
  allLanguages: "All languages",
  labels: "Labels",
  addLabelFilter: "Label…",
  labelsHint: "Conversations with every label chosen",
  removeLabelFilter: "Remove the label filter {label}",
  clearFilters: "Clear filters",
  shareWith: "Who sees the view",
} as const;

type Key = keyof typeof en;

const ru: Record<Key, string> = {
  team: "Команда",
  allTeams: "Все команды",
  category: "Категория",
  allCategories: "Все категории",
  language: "Язык",
  allLanguages: "Все языки",
  labels: "Метки",
  addLabelFilter: "Метка…",
  labelsHint: "Обращения со всеми выбранными метками",
  removeLabelFilter: "Убрать фильтр по метке {label}",
  clearFilters: "Сбросить фильтры",
  shareWith: "Кому видно представление",
};

const pl: Record<Key, string> = {
  team: "Zespół",
  allTeams: "Wszystkie zespoły",
  category: "Kategoria",
  allCategories: "Wszystkie kategorie",
  language: "Język",
  allLanguages: "Wszystkie języki",
  labels: "Etykiety",
  addLabelFilter: "Etykieta…",
  labelsHint: "Rozmowy ze wszystkimi wybranymi etykietami",
  removeLabelFilter: "Usuń filtr etykiety {label}",
  clearFilters: "Wyczyść filtry",
  shareWith: "Kto widzi widok",
};

const lv: Record<Key, string> = {
  team: "Komanda",
  allTeams: "Visas komandas",
  category: "Kategorija",
  allCategories: "Visas kategorijas",
  language: "Valoda",
  allLanguages: "Visas valodas",
  labels: "Birkas",
  addLabelFilter: "Birka…",
  labelsHint: "Sarunas ar visām izvēlētajām birkām",
  removeLabelFilter: "Noņemt birkas filtru {label}",
  clearFilters: "Notīrīt filtrus",
  shareWith: "Kas redz skatu",
};

const DICTIONARIES: Record<Locale, Record<Key, string>> = { en, ru, pl, lv };

/** The inbox's team, category, label and language filters, and who a saved view is for. */
export function useInboxFiltersT() {
  return useDictionaryT(DICTIONARIES);
}
