import { useDictionaryT } from "../hooks.ts";
import type { Locale } from "../i18n.ts";

/** Strings of the appearance settings and the phone layout's controls. */
const en = {
  appearance: "Appearance and alerts",
  theme: "Theme",
  theme_system: "Same as this device",
  theme_light: "Light",
  theme_dark: "Dark",
  themeHint: "Follows the light or dark setting of the device you are on, unless you choose one here.",
  alertsHeading: "Alerts about assignments and SLA warnings",
  savedWithAccount: "Saved with your account: every browser you sign in to uses them.",
  saved: "Saved",
  menu: "Menu",
  mainNavigation: "Pages",
  backToList: "Back to the list",
  triageDetails: "Category, priority, labels",
};

export type ThemeKey = keyof typeof en;

const ru: Record<ThemeKey, string> = {
  appearance: "Оформление и оповещения",
  theme: "Тема",
  theme_system: "Как на этом устройстве",
  theme_light: "Светлая",
  theme_dark: "Тёмная",
  themeHint: "Следует светлой или тёмной настройке устройства, если здесь не выбрана своя.",
  alertsHeading: "Оповещения о назначениях и сроках SLA",
  savedWithAccount: "Хранятся в вашей учётной записи: действуют в любом браузере, где вы вошли.",
  saved: "Сохранено",
  menu: "Меню",
  mainNavigation: "Разделы",
  backToList: "Назад к списку",
  triageDetails: "Категория, приоритет, метки",
};

const pl: Record<ThemeKey, string> = {
  appearance: "Wygląd i powiadomienia",
  theme: "Motyw",
  theme_system: "Jak na tym urządzeniu",
  theme_light: "Jasny",
  theme_dark: "Ciemny",
  themeHint: "Podąża za jasnym lub ciemnym ustawieniem urządzenia, chyba że wybierzesz motyw tutaj.",
  alertsHeading: "Powiadomienia o przypisaniach i terminach SLA",
  savedWithAccount: "Zapisane na Twoim koncie: obowiązują w każdej przeglądarce, w której się zalogujesz.",
  saved: "Zapisano",
  menu: "Menu",
  mainNavigation: "Strony",
  backToList: "Wróć do listy",
  triageDetails: "Kategoria, priorytet, etykiety",
};

const lv: Record<ThemeKey, string> = {
  appearance: "Izskats un paziņojumi",
  theme: "Motīvs",
  theme_system: "Kā šajā ierīcē",
  theme_light: "Gaišs",
  theme_dark: "Tumšs",
  themeHint: "Seko ierīces gaišajam vai tumšajam iestatījumam, ja vien šeit neizvēlaties savu.",
  alertsHeading: "Paziņojumi par piešķirtām sarunām un SLA termiņiem",
  savedWithAccount: "Saglabāti jūsu kontā: darbojas katrā pārlūkā, kurā piesakāties.",
  saved: "Saglabāts",
  menu: "Izvēlne",
  mainNavigation: "Lapas",
  backToList: "Atpakaļ uz sarakstu",
  triageDetails: "Kategorija, prioritāte, birkas",
};

const DICTIONARIES: Record<Locale, Record<ThemeKey, string>> = { en, ru, pl, lv };

export function useThemeT() {
  return useDictionaryT(DICTIONARIES);
}
