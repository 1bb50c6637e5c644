import { useCallback, useEffect, useRef, useState } from "react";
import { type Locale, pickLocale } from "./i18n.ts";
import { hasMessages, loadMessages } from "./messages.ts";

const STORAGE_KEY = "parley.locale";

export interface UiLocale {
  locale: Locale;
  /** False until the chosen language's messages are in: the app waits rather than flash English. */
  ready: boolean;
  changeLocale: (next: Locale) => void;
}

/**
 * The interface language: the stored choice, else the browser's, else English. A language's messages are
 * fetched before it is shown, so switching keeps the page (and what was typed in it) instead of remounting it.
 * A file that fails to arrive leaves English in its place.
 */
export function useUiLocale(): UiLocale {
  const [locale, setLocale] = useState<Locale>(() =>
    pickLocale(localStorage.getItem(STORAGE_KEY), navigator.language),
  );
  const [ready, setReady] = useState(() => hasMessages(locale));
  const latest = useRef(locale);
  useEffect(() => {
    if (ready) return;
    void loadMessages(latest.current)
      .catch((err: unknown) => console.error("Could not load the interface language", err))
      .finally(() => setReady(true));
  }, [ready]);
  const changeLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    latest.current = next;
    void loadMessages(next)
      .catch((err: unknown) => console.error("Could not load the interface language", err))
      // Two quick choices: the last one wins, whichever file arrives first.
      .finally(() => {
        if (latest.current === next) setLocale(next);
      });
  }, []);
  return { locale, ready, changeLocale };
}
