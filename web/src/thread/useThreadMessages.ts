import { useCallback, useEffect, useRef, useState } from "react";
import { api, type Message } from "../api.ts";
import type { ChangeEvent } from "../hooks.ts";
import {
  type MessagePage,
  type ThreadWindow,
  withMessage,
  withNewestPage,
  withOlderPage,
} from "./threadWindow.ts";

/** Messages in the first page: a few screens' worth, so a long thread opens as fast as a short one. */
export const NEWEST_PAGE = 100;
/** Messages per page asked for while scrolling back. */
export const OLDER_PAGE = 200;

export interface ThreadMessages {
  window: ThreadWindow<Message> | null;
  error: string | null;
  loadingOlder: boolean;
  olderFailed: boolean;
  loadOlder: () => void;
  /** A reply the agent just sent, shown before the live stream reports it. */
  addSent: (message: Message) => void;
  reload: () => void;
}

const messagesPath = (conversationId: string, query: string) =>
  `/api/conversations/${conversationId}/messages?${query}`;

/**
 * The open conversation's messages, a window from the newest back to as far as the agent scrolled. Not a
 * TanStack infinite query on purpose: the app shell invalidates every query on each live change, and an
 * infinite query refetches every page it holds, which for a 5,000-message thread read back to its start is
 * dozens of requests per change. Here a change refetches the newest page only (merged in by
 * threadWindow.ts), plus any older message the change names.
 */
export function useThreadMessages(conversationId: string, changes: ChangeEvent[]): ThreadMessages {
  const [window, setWindow] = useState<ThreadWindow<Message> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderFailed, setOlderFailed] = useState(false);
  const windowRef = useRef(window);
  windowRef.current = window;
  const olderInFlight = useRef(false);

  const loadNewest = useCallback(
    async (changedIds: string[] = []) => {
      try {
        const page = await api<MessagePage<Message>>(
          "GET",
          messagesPath(conversationId, `limit=${NEWEST_PAGE}`),
        );
        setWindow((current) => withNewestPage(current, page));
        setError(null);
        // A change to a message further back (a comment hidden an hour ago) is fetched on its own.
        const inPage = new Set(page.items.map((m) => m.id));
        const loaded = new Set(windowRef.current?.items.map((m) => m.id));
        for (const id of changedIds.filter((id) => loaded.has(id) && !inPage.has(id))) {
          const answer = await api<{ message: Message }>(
            "GET",
            `/api/conversations/${conversationId}/messages/${id}`,
          );
          setWindow((current) => (current ? withMessage(current, answer.message) : current));
        }
      } catch (err) {
        setError(String(err instanceof Error ? err.message : err));
      }
    },
    [conversationId],
  );

  useEffect(() => {
    void loadNewest();
  }, [loadNewest]);

  useEffect(() => {
    const mine = changes.filter((c) => c.conversationId === conversationId || c.type === "channel.updated");
    if (mine.length === 0) return;
    void loadNewest(mine.flatMap((c) => (c.messageId ? [c.messageId] : [])));
  }, [changes, conversationId, loadNewest]);

  const loadOlder = useCallback(() => {
    const cursor = windowRef.current?.olderCursor;
    if (!cursor || olderInFlight.current) return;
    olderInFlight.current = true;
    setLoadingOlder(true);
    setOlderFailed(false);
    api<MessagePage<Message>>("GET", messagesPath(conversationId, `limit=${OLDER_PAGE}&before=${cursor}`))
      .then(
        (page) => setWindow((current) => (current ? withOlderPage(current, cursor, page) : current)),
        () => setOlderFailed(true),
      )
      .finally(() => {
        olderInFlight.current = false;
        setLoadingOlder(false);
      });
  }, [conversationId]);

  const addSent = useCallback((message: Message) => {
    setWindow((current) => (current ? withMessage(current, message) : current));
  }, []);

  const reload = useCallback(() => void loadNewest(), [loadNewest]);

  return { window, error, loadingOlder, olderFailed, loadOlder, addSent, reload };
}
