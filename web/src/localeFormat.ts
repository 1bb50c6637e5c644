import { useContext, useMemo } from "react";
import { LocaleContext } from "./hooks.ts";
import { intlLocale } from "./intlLocale.ts";

/** A date and time, short, in the viewer's locale and time zone. */
export function formatDateTime(iso: string, tag: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(tag, { dateStyle: "short", timeStyle: "short", timeZone }).format(
    new Date(iso),
  );
}

/** How long ago, in the largest whole unit: "5m" in English, "5 мин" in Russian, "5 min" in Polish. */
export function formatTimeAgo(iso: string, tag: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const [unit, size] =
    seconds < 60
      ? ["second", 1]
      : seconds < 3600
        ? ["minute", 60]
        : seconds < 86_400
          ? ["hour", 3600]
          : ["day", 86_400];
  return new Intl.NumberFormat(tag, { style: "unit", unit, unitDisplay: "narrow" }).format(
    Math.floor(seconds / (size as number)),
  );
}

export function formatNumber(value: number, tag: string): string {
  return new Intl.NumberFormat(tag).format(value);
}

export interface LocaleFormat {
  tag: string;
  dateTime(iso: string): string;
  timeAgo(iso: string, now?: number): string;
  number(value: number): string;
}

/** Formatters for the UI language chosen in the top bar. */
export function useLocaleFormat(): LocaleFormat {
  const locale = useContext(LocaleContext);
  return useMemo(() => {
    const tag = intlLocale(locale);
    return {
      tag,
      dateTime: (iso) => formatDateTime(iso, tag),
      timeAgo: (iso, now) => formatTimeAgo(iso, tag, now),
      number: (value) => formatNumber(value, tag),
    };
  }, [locale]);
}
