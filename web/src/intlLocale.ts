import type { Locale } from "./i18n.ts";

/**
 * The BCP 47 tag dates and numbers are written with: the browser's own variant of the UI language when it has
 * one (en-GB, not en-US, for a British agent), otherwise the UI language itself. Never the browser's language
 * alone: an agent who chose Russian reads "02.03.2026, 14:05", not "3/2/26, 2:05 PM".
 */
export function intlLocale(locale: Locale, browserLanguages: readonly string[] = browserLocales()): string {
  return browserLanguages.find((tag) => tag.toLowerCase().split("-")[0] === locale) ?? locale;
}

function browserLocales(): readonly string[] {
  return typeof navigator === "undefined" ? [] : (navigator.languages ?? [navigator.language]);
}
