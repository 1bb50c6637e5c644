import { createContext, useCallback, useContext, useEffect, useRef } from "react";
import type { ChangeType } from "../../src/domain/changeNotice.ts";
import type { Locale, MessageKey } from "./i18n.ts";
import { formatMessage, type MessageId, type MessageVars, type NamespaceKey } from "./messages.ts";

export const LocaleContext = createContext<Locale>("en");

/** Values for a message's arguments (`{name}`, `{n, plural, …}`, `{when, date, short}`). */
export type TemplateVars = MessageVars;

/** The app-wide strings ("common" in web/src/locales/<locale>.json). */
export function useT(): (key: MessageKey, vars?: TemplateVars) => string {
  return useNamespaceT("common");
}

/**
 * The strings of one area ("account" reads "account.*" of web/src/locales/<locale>.json) in the viewer's
 * language, English where a translation is missing; `vars` fill the message's ICU arguments.
 */
export function useNamespaceT<Namespace extends string>(
  namespace: Namespace,
): (key: NamespaceKey<Namespace>, vars?: TemplateVars) => string {
  const locale = useContext(LocaleContext);
  return useCallback(
    (key: NamespaceKey<Namespace>, vars?: TemplateVars) =>
      formatMessage(locale, `${namespace}.${key}` as MessageId, vars),
    [locale, namespace],
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
