import { createContext, useContext, useEffect, useRef } from "react";
import type { ChangeType } from "../../src/domain/changeNotice.ts";
import { type Locale, type MessageKey, translate } from "./i18n.ts";

export const LocaleContext = createContext<Locale>("en");

export function useT(): (key: MessageKey) => string {
  const locale = useContext(LocaleContext);
  return (key) => translate(locale, key);
}

export interface ChangeEvent {
  type: ChangeType;
  conversationId?: string;
  messageId?: string;
  channelId?: string;
}

/** One EventSource per page; changes arrive in bursts, so handlers are debounced. EventSource reconnects itself. */
export function useLiveEvents(onChange: (events: ChangeEvent[]) => void, debounceMs = 150): void {
  const handler = useRef(onChange);
  handler.current = onChange;
  useEffect(() => {
    const source = new EventSource("/api/events");
    // Changes made while the stream was (re)connecting were never heard: an empty batch tells pages to reload.
    source.addEventListener("open", () => handler.current([]));
    let pending: ChangeEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    source.addEventListener("change", (event) => {
      try {
        pending.push(JSON.parse((event as MessageEvent<string>).data) as ChangeEvent);
      } catch {
        return;
      }
      if (timer) return;
      timer = setTimeout(() => {
        const batch = pending;
        pending = [];
        timer = null;
        handler.current(batch);
      }, debounceMs);
    });
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [debounceMs]);
}
