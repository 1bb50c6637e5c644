import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { ConversationSummary, Me, Message } from "../api.ts";
import { safeHttpUrl } from "../format.ts";
import { useT } from "../hooks.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import { MessageItem } from "../MessageItem.tsx";
import { ModerationBar } from "../ModerationBar.tsx";
import { thumbnailBox } from "./attachmentFormat.ts";
import { ImageViewerProvider } from "./ImageViewer.tsx";
import { useThreadT } from "./threadI18n.ts";
import { type ThreadRow, threadRows } from "./threadWindow.ts";
import type { ThreadMessages } from "./useThreadMessages.ts";
import "./thread.css";

/** Within this many pixels of the top, the next older page is asked for. */
const LOAD_OLDER_PX = 600;
/** Within this many pixels of the bottom the thread counts as "at the latest message" and follows new ones. */
const AT_END_PX = 80;
const INDENT_PX = 24;

/** A first guess at a row's height, before it is measured: text lines and the attachments' reserved boxes. */
function estimateRow(row: ThreadRow<Message> | undefined): number {
  if (!row) return 80;
  if (row.kind === "post") return 110;
  const { text, attachments } = row.message;
  let height = 66 + Math.ceil(text.length / 90) * 20;
  for (const a of attachments) {
    if (a.type === "image") height += (thumbnailBox(a.width, a.height, 240)?.height ?? 180) + 8;
    else if (a.type === "sticker") height += 136;
    else if (a.type === "video") height += 200;
    else if (a.type === "audio") height += 60;
    else height += 28;
  }
  return height;
}

function PostCard({ conversation }: { conversation: ConversationSummary }) {
  const t = useT();
  const permalink = safeHttpUrl(conversation.post?.permalink);
  return (
    <div className="post-card" data-testid="post-card">
      <div className="muted">{t("post")}</div>
      <p>{conversation.post?.text || conversation.placeName}</p>
      {permalink && (
        <a href={permalink} target="_blank" rel="noopener noreferrer">
          {t("openOnPlatform")}
        </a>
      )}
    </div>
  );
}

interface Props {
  conversation: ConversationSummary;
  role: Me["user"]["role"];
  thread: ThreadMessages;
}

/**
 * The conversation's messages as a virtualised list (@tanstack/react-virtual): only the rows on screen and a
 * few around them are in the page, each measured as drawn (pictures included, as they load). Anchored to the
 * end, like a chat: it opens at the latest message, follows new ones while the agent is there, and keeps the
 * message being read in place when older ones are put in above it. For assistive technology it is a `feed`
 * of articles (WAI-ARIA feed pattern): each message is focusable, Page Down / Page Up move between them,
 * Home / End go to the first loaded and the latest, and new customer messages are announced politely.
 */
export function MessageThread({ conversation, role, thread }: Props) {
  const t = useThreadT();
  const tMain = useT();
  const format = useLocaleFormat();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { window, loadingOlder, olderFailed, loadOlder } = thread;
  const messages = useMemo(() => window?.items ?? [], [window]);
  const isPublic = conversation.visibility === "public";
  const isGroup = isPublic && !conversation.post && conversation.placeName !== null;
  const hasOlder = Boolean(window?.olderCursor);
  const showPost = isPublic && Boolean(conversation.post) && window !== null && !hasOlder;
  const rows = useMemo(
    () => threadRows(messages, { tree: isPublic && !isGroup, post: showPost }),
    [messages, isPublic, isGroup, showPost],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimateRow(rows[index]),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 6,
    anchorTo: "end",
    followOnAppend: true,
    scrollEndThreshold: AT_END_PX,
  });

  // Opens at the latest message, once, when the first page is there.
  const opened = useRef(false);
  const scrolledAway = useRef(false);
  useLayoutEffect(() => {
    if (opened.current || rows.length === 0) return;
    opened.current = true;
    virtualizer.scrollToEnd();
  }, [rows.length, virtualizer]);

  const [atEnd, setAtEnd] = useState(true);
  const onScroll = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    // Older pages are asked for only once the reader has been down the thread (the opening scroll counts),
    // never while it is still being laid out at the top.
    if (element.scrollTop > LOAD_OLDER_PX) scrolledAway.current = true;
    if (scrolledAway.current && element.scrollTop < LOAD_OLDER_PX && !olderFailed) loadOlder();
    setAtEnd(virtualizer.isAtEnd(AT_END_PX));
  }, [loadOlder, olderFailed, virtualizer]);
  // After an older page is in, the reader may still be near the top (short messages): ask for the next.
  const rowCount = rows.length;
  useEffect(() => {
    const element = scrollRef.current;
    if (rowCount > 0 && element && scrolledAway.current && element.scrollTop < LOAD_OLDER_PX && !olderFailed)
      loadOlder();
  }, [rowCount, loadOlder, olderFailed]);

  // New customer messages are announced, not the thread as it first loads or older pages coming in.
  const [announcement, setAnnouncement] = useState("");
  const lastKey = useRef<string | null>(null);
  const last = rows.at(-1);
  useEffect(() => {
    if (last?.kind !== "message") return;
    if (lastKey.current !== null && lastKey.current !== last.key && last.message.direction === "in")
      setAnnouncement(t("newMessageFrom", { name: last.message.author.name }));
    lastKey.current = last.key;
  }, [last, t]);

  // Keyboard: focus follows Page Down / Page Up; the row is scrolled into view first, then focused once drawn.
  const pendingFocus = useRef<string | null>(null);
  const focusPending = useCallback(() => {
    const key = pendingFocus.current;
    if (!key) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    if (element) {
      element.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  }, []);
  useLayoutEffect(focusPending);
  const onFeedKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.tagName !== "ARTICLE" || event.altKey || event.ctrlKey || event.metaKey) return;
    const index = Number(target.dataset.index);
    const next =
      event.key === "PageDown"
        ? index + 1
        : event.key === "PageUp"
          ? index - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? rows.length - 1
              : null;
    if (next === null || !Number.isFinite(index)) return;
    event.preventDefault();
    const clamped = Math.max(0, Math.min(rows.length - 1, next));
    if (clamped === 0 && hasOlder) loadOlder();
    const row = rows[clamped];
    if (!row) return;
    pendingFocus.current = row.key;
    virtualizer.scrollToIndex(clamped, { align: "auto" });
    requestAnimationFrame(focusPending);
  };

  const loaded = messages.length;
  const unloaded = Math.max(0, (window?.total ?? loaded) - loaded);
  const setSize = (window?.total ?? loaded) + (showPost ? 1 : 0);
  const name = isGroup && conversation.placeName ? conversation.placeName : conversation.contact.displayName;

  return (
    <ImageViewerProvider>
      <div className="thread">
        <p role="status" className="thread-status" data-testid="thread-status">
          {loadingOlder ? t("loadingOlder") : ""}
        </p>
        {olderFailed && (
          <p className="thread-status error">
            {t("olderFailed")}{" "}
            <button type="button" onClick={loadOlder}>
              {t("retry")}
            </button>
          </p>
        )}
        <div
          className="messages thread-scroller"
          ref={scrollRef}
          onScroll={onScroll}
          data-testid="message-list"
        >
          <div
            role="feed"
            aria-label={t("threadLabel", { name })}
            aria-busy={loadingOlder}
            className="thread-feed"
            style={{ height: virtualizer.getTotalSize() }}
            onKeyDown={onFeedKeyDown}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const label =
                row.kind === "post"
                  ? tMain("post")
                  : `${row.message.direction === "note" ? `${tMain("note_label")} · ` : ""}${row.message.author.name}, ${format.dateTime(row.message.sentAt)}`;
              return (
                <article
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  data-key={row.key}
                  className={`thread-row${row.depth > 0 ? " reply" : ""}`}
                  style={{
                    transform: `translateY(${item.start}px)`,
                    paddingLeft: row.depth * INDENT_PX,
                  }}
                  // biome-ignore lint/a11y/noNoninteractiveTabindex: the feed pattern makes each article focusable
                  tabIndex={0}
                  aria-label={label}
                  aria-posinset={unloaded + item.index + 1}
                  aria-setsize={setSize}
                >
                  {row.kind === "post" ? (
                    <PostCard conversation={conversation} />
                  ) : (
                    <MessageItem
                      message={row.message}
                      conversationId={conversation.id}
                      actions={
                        isPublic && !isGroup ? (
                          <ModerationBar
                            conversationId={conversation.id}
                            message={row.message}
                            allowed={conversation.moderation}
                            role={role}
                          />
                        ) : undefined
                      }
                    />
                  )}
                </article>
              );
            })}
          </div>
        </div>
        {!atEnd && rows.length > 0 && (
          <button type="button" className="thread-latest" onClick={() => virtualizer.scrollToEnd()}>
            {t("jumpToLatest")} ↓
          </button>
        )}
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      </div>
    </ImageViewerProvider>
  );
}
