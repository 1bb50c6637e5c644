import { useEffect, useRef, useState } from "react";
import { api } from "../api.ts";
import { useChannelHealthT } from "../channels/channelHealthI18n.ts";
import { useApiData } from "../components/useApiData.ts";
import { useLiveEvents } from "../hooks.ts";
import { type LocaleFormat, useLocaleFormat } from "../localeFormat.ts";
import { useSurveysT } from "../surveys/surveysI18n.ts";
import { usePreferences } from "../theme/usePreferences.ts";
import { useAlertsT } from "./alertsI18n.ts";
import { NotificationAlertSettings } from "./NotificationAlertSettings.tsx";
import {
  type AlertSettings,
  freshAlerts,
  highestId,
  playAlertSound,
  showDesktopAlert,
} from "./notificationAlerts.ts";
import { isTriageKey, useTriageT } from "./triageI18n.ts";

interface Notification {
  id: number;
  kind: string;
  conversationId: string | null;
  /** The conversation's customer, when the notification is about a conversation. */
  customerName: string | null;
  text: string;
  data: Record<string, unknown>;
  read: boolean;
  createdAt: string;
}

interface Props {
  onOpenConversation: (id: string) => void;
}

/** SLA warnings and breaches, automation notices and reviews to do, as they happen; sound and desktop alerts. */
export function NotificationBell({ onOpenConversation }: Props) {
  const t = useTriageT();
  const surveysT = useSurveysT();
  const channelT = useChannelHealthT();
  const alertsT = useAlertsT();
  const format = useLocaleFormat();
  const [open, setOpen] = useState(false);
  // The person's own switches, kept with their account so the office PC and the phone agree.
  const { preferences, save } = usePreferences();
  const settings = preferences.alerts;
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
  const words = (n: Notification) => notificationWords(n, t, surveysT, alertsT, format, channelT);

  // What the first answer holds was there before this page: only what arrives later is announced.
  const seenUpTo = useRef<number | null>(null);
  const latest = useRef({ settings, words, onOpenConversation });
  latest.current = { settings, words, onOpenConversation };
  useEffect(() => {
    if (!data) return;
    if (seenUpTo.current === null) {
      seenUpTo.current = highestId(data.items, 0);
      return;
    }
    const fresh = freshAlerts(data.items, seenUpTo.current);
    seenUpTo.current = highestId(data.items, seenUpTo.current);
    if (fresh.length === 0) return;
    const { settings: now, words: say, onOpenConversation: openConversation } = latest.current;
    if (now.sound) playAlertSound();
    if (now.desktop)
      for (const n of fresh) {
        const { title, body } = say(n);
        showDesktopAlert({ id: n.id, title, body }, () => {
          if (n.conversationId) openConversation(n.conversationId);
        });
      }
  }, [data]);

  // A refused save puts the switch back; the panel has no room for an error line.
  const changeSettings = (next: AlertSettings) => save({ alerts: next }).catch(() => undefined);

  return (
    <span className="bell">
      <button
        type="button"
        data-testid="notification-bell"
        aria-label={t("notifications")}
        aria-expanded={open}
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
          <NotificationAlertSettings settings={settings} onChange={changeSettings} />
          {items.length === 0 && <p className="muted">{t("noNotifications")}</p>}
          <ul>
            {items.map((n) => {
              const { title, body } = words(n);
              return (
                <li key={n.id} className={n.read ? "" : "unread"} data-testid="notification-item">
                  <button
                    type="button"
                    className="item"
                    onClick={() => {
                      if (n.conversationId) onOpenConversation(n.conversationId);
                      setOpen(false);
                    }}
                  >
                    <span className="notification-title">{title}</span>
                    {body && <span className="notification-body">{body}</span>}
                    <span className="muted small">{format.timeAgo(n.createdAt)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          {unread > 0 && (
            <button type="button" className="mark-read" onClick={markAllRead}>
              {t("markAllRead")}
            </button>
          )}
        </div>
      )}
    </span>
  );
}

/**
 * A notification as a headline and a line of detail: known kinds are worded in the reader's language, with the
 * customer's name, the SLA metric and its due time; anything else (a rule's own text) is shown as written.
 */
function notificationWords(
  n: Notification,
  t: ReturnType<typeof useTriageT>,
  surveysT: ReturnType<typeof useSurveysT>,
  alertsT: ReturnType<typeof useAlertsT>,
  format: LocaleFormat,
  channelT: ReturnType<typeof useChannelHealthT>,
): { title: string; body: string } {
  const metric = typeof n.data.metric === "string" ? n.data.metric : null;
  const due = typeof n.data.dueAt === "string" ? format.dateTime(n.data.dueAt) : "";
  const metricName = metric && isTriageKey(`sla_${metric}`) ? t(`sla_${metric}` as "sla_first_response") : "";
  const customer = n.conversationId ? (n.customerName ?? alertsT("unknownCustomer")) : "";
  const detail = (...parts: string[]) => parts.filter(Boolean).join(" · ");
  switch (n.kind) {
    case "sla_warning":
      return { title: t("notif_sla_warning"), body: detail(customer, metricName, due) };
    case "sla_breached":
      return { title: t("notif_sla_breached"), body: detail(customer, metricName, due) };
    case "assigned":
      return { title: t("notif_assigned"), body: customer };
    case "moderation_review":
      return { title: t("notif_moderation_review"), body: customer };
    case "webhook_failed":
      return { title: t("notif_webhook_failed"), body: String(n.data.source ?? "") };
    case "snooze_ended":
      return { title: surveysT("notif_snooze_ended"), body: customer };
    case "survey_low_score":
      return {
        title: surveysT("notif_survey_low_score", { score: String(n.data.score ?? "?") }),
        body: customer,
      };
    case "channel_paused":
      return {
        title: channelT("notif_channel_paused", {
          name: String(n.data.channelName ?? ""),
          status: String(n.data.status ?? ""),
        }),
        body: "",
      };
    case "channel_resumed":
      return {
        title: channelT("notif_channel_resumed", { name: String(n.data.channelName ?? "") }),
        body: "",
      };
    default:
      return { title: n.text, body: customer };
  }
}
