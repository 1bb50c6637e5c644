import { useState } from "react";
import { api } from "../api.ts";
import { useChannelHealthT } from "../channels/channelHealthI18n.ts";
import { useApiData } from "../components/useApiData.ts";
import { relativeTime } from "../format.ts";
import { useLiveEvents } from "../hooks.ts";
import { useSurveysT } from "../surveys/surveysI18n.ts";
import { isTriageKey, useTriageT } from "./triageI18n.ts";

interface Notification {
  id: number;
  kind: string;
  conversationId: string | null;
  text: string;
  data: Record<string, unknown>;
  read: boolean;
  createdAt: string;
}

/** SLA warnings and breaches, automation notices and reviews to do, as they happen. */
export function NotificationBell({ onOpenConversation }: { onOpenConversation: (id: string) => void }) {
  const t = useTriageT();
  const surveysT = useSurveysT();
  const channelT = useChannelHealthT();
  const [open, setOpen] = useState(false);
  // A failed load keeps the last list on screen; the bell has nowhere to show an error.
  const { data, reload } = useApiData<{ items: Notification[]; unread: number }>("/api/notifications");
  const items = data?.items ?? [];
  const unread = data?.unread ?? 0;
  useLiveEvents((events) => {
    if (events.length === 0 || events.some((e) => e.type === "notification.created")) void reload();
  });
  const markAllRead = async () => {
    await api("POST", "/api/notifications/read", {});
    await reload();
  };
  return (
    <span className="bell">
      <button
        type="button"
        data-testid="notification-bell"
        aria-label={t("notifications")}
        onClick={() => setOpen(!open)}
      >
        {/* Drawn, not an emoji: a machine without an emoji font would show an empty box. */}
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
        </svg>
        {unread > 0 && <span className="count">{unread}</span>}
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
                  <span>{notificationText(n, t, surveysT, channelT)}</span>{" "}
                  <span className="muted small">{relativeTime(n.createdAt)}</span>
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

/** Known kinds are worded in the reader's language; anything else (a rule's own text) is shown as written. */
function notificationText(
  n: Notification,
  t: ReturnType<typeof useTriageT>,
  surveysT: ReturnType<typeof useSurveysT>,
  channelT: ReturnType<typeof useChannelHealthT>,
): string {
  const metric = typeof n.data.metric === "string" ? n.data.metric : null;
  const due = typeof n.data.dueAt === "string" ? new Date(n.data.dueAt).toLocaleString() : "";
  const metricName = metric && isTriageKey(`sla_${metric}`) ? t(`sla_${metric}` as "sla_first_response") : "";
  switch (n.kind) {
    case "sla_warning":
      return `${t("notif_sla_warning")}: ${metricName} · ${due}`;
    case "sla_breached":
      return `${t("notif_sla_breached")}: ${metricName} · ${due}`;
    case "assigned":
      return t("notif_assigned");
    case "moderation_review":
      return t("notif_moderation_review");
    case "webhook_failed":
      return `${t("notif_webhook_failed")}: ${String(n.data.source ?? "")}`;
    case "snooze_ended":
      return surveysT("notif_snooze_ended");
    case "survey_low_score":
      return surveysT("notif_survey_low_score", { score: String(n.data.score ?? "?") });
    case "channel_paused":
      return channelT("notif_channel_paused", {
        name: String(n.data.channelName ?? ""),
        status: String(n.data.status ?? ""),
      });
    case "channel_resumed":
      return channelT("notif_channel_resumed", { name: String(n.data.channelName ?? "") });
    default:
      return n.text;
  }
}
