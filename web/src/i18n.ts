import type { NamespaceKey } from "./messages.ts";

export const LOCALES = ["en", "ru", "pl", "lv"] as const;
export type Locale = (typeof LOCALES)[number];

/** The app-wide strings useT reads: the "common" namespace of web/src/locales/<locale>.json. */
export type MessageKey = NamespaceKey<"common">;

export function pickLocale(stored: string | null, browser: string | undefined): Locale {
  const candidates = [stored, browser?.slice(0, 2)];
  return (
    (candidates.find((c) => c && (LOCALES as readonly string[]).includes(c)) as Locale | undefined) ?? "en"
  );
}
