import { createContext, useCallback, useContext, useEffect, useRef } from "react";
import type { ChangeType } from "../../src/domain/changeNotice.ts";
import { type Locale, type MessageKey, translate } from "./i18n.ts";

export const LocaleContext = createContext<Locale>("en");

export function useT(): (key: MessageKey) => string {
  const locale = useContext(LocaleContext);
  return (key) => translate(locale, key);
}

/** Values for `{name}` placeholders in a feature's strings. */
export type TemplateVars = Record<string, string | number>;

/**
 * useT for a feature that keeps its strings apart from i18n.ts (playbook, settings, triage): a missing entry
 * falls back to English, and `{name}` placeholders are filled from `vars` (unknown names stay as written).
 */
export function useDictionaryT<K extends string>(
  dictionaries: Record<Locale, Record<K, string>>,
): (key: K, vars?: TemplateVars) => string {
  const locale = useContext(LocaleContext);
  return useCallback(
    (key: K, vars?: TemplateVars) => {
      const text = dictionaries[locale][key] ?? dictionaries.en[key];
      if (!vars) return text;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
    },
    [dictionaries, locale],
  );
}

export interface ChangeEvent {
  type: ChangeType;
  conversationId?: string;
  messageId?: string;
  channelId?: string;
}

interface LiveListener {
  open: () => void;
  change: (event: ChangeEvent) => void;
}

const liveListeners = new Set<LiveListener>();
let liveSource: EventSource | null = null;

/**
 * Every useLiveEvents shares one EventSource: the top bar's bell is mounted on every page, so a stream per
 * hook would hold two or more connections open at once (browsers allow six per origin over HTTP/1.1).
 * The stream opens with the first listener and closes with the last.
 */
function listenLive(listener: LiveListener): () => void {
  liveListeners.add(listener);
  // A stream refused for good (an expired session answers 401, and EventSource gives up on errors other than
  // network ones) is replaced by the next listener instead of leaving every page deaf.
  if (!liveSource || liveSource.readyState === EventSource.CLOSED) {
    liveSource?.close();
    const source = new EventSource("/api/events");
    source.addEventListener("open", () => {
      for (const l of liveListeners) l.open();
    });
    source.addEventListener("change", (event) => {
      let change: ChangeEvent;
      try {
        change = JSON.parse((event as MessageEvent<string>).data) as ChangeEvent;
      } catch {
        return;
      }
      for (const l of liveListeners) l.change(change);
    });
    liveSource = source;
  }
  return () => {
    liveListeners.delete(listener);
    if (liveListeners.size === 0) {
      liveSource?.close();
      liveSource = null;
    }
  };
}

/** Live changes from the shared stream; changes arrive in bursts, so handlers are debounced. EventSource reconnects itself. */
export function useLiveEvents(onChange: (events: ChangeEvent[]) => void, debounceMs = 150): void {
  const handler = useRef(onChange);
  handler.current = onChange;
  useEffect(() => {
    let pending: ChangeEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = listenLive({
      // Changes made while the stream was (re)connecting were never heard: an empty batch tells pages to reload.
      open: () => handler.current([]),
      change: (change) => {
        pending.push(change);
        if (timer) return;
        timer = setTimeout(() => {
          const batch = pending;
          pending = [];
          timer = null;
          handler.current(batch);
        }, debounceMs);
      },
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [debounceMs]);
}
