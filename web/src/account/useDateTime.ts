import { useContext, useMemo } from "react";
import { LocaleContext } from "../hooks.ts";
import { intlLocale } from "../intlLocale.ts";

/** Dates as the viewer reads them: their interface language, their time zone. */
export function useDateTime(): (iso: string) => string {
  const locale = useContext(LocaleContext);
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short" });
    return (iso: string) => format.format(new Date(iso));
  }, [locale]);
}
