import { useCallback, useEffect, useState } from "react";
import { api } from "../api.ts";
import { relativeTime } from "../format.ts";
import { useLiveEvents } from "../hooks.ts";
import { useTriageT } from "./triageI18n.ts";

interface Notification {
  id: number;
  kind: string;
  conversationId: string | null;
  text: string;
  read: boolean;
  createdAt: string;
}

/** SLA warnings and breaches, automation notices and reviews to do, as they happen. */
export function NotificationBell({ onOpenConversation }: { onOpenConversation: (id: string) => void }) {
  const t = useTriageT();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const load = useCallback(
    () =>
      api<{ items: Notification[]; unread: number }>("GET", "/api/notifications").then(
        (answer) => {
          setItems(answer.items);
          setUnread(answer.unread);
        },
        () => undefined,
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useLiveEvents((events) => {
    if (events.length === 0 || events.some((e) => e.type === "notification.created")) void load();
  });
  const markAllRead = async () => {
    await api("POST", "/api/notifications/read", {});
    await load();
  };
  return (
    <span className="bell">
      <button
        type="button"
        data-testid="notification-bell"
        aria-label={t("notifications")}
        onClick={() => setOpen(!open)}
      >
        🔔{unread > 0 && <span className="count">{unread}</span>}
      </button>
      {open && (
        <div className="bell-panel" data-testid="notification-panel">
          {items.length === 0 && <p className="muted">{t("noNotifications")}</p>}
          <ul>
            {items.map((n) => (
              <li key={n.id} className={n.read ? "" : "unread"}>
                <button
                  type="button"
                  className="item"
                  onClick={() => {
                    if (n.conversationId) onOpenConversation(n.conversationId);
                    setOpen(false);
                  }}
                >
                  <span>{n.text}</span> <span className="muted small">{relativeTime(n.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
          {unread > 0 && (
            <button type="button" onClick={markAllRead}>
              {t("markAllRead")}
            </button>
          )}
        </div>
      )}
    </span>
  );
}
