import { useCallback, useEffect, useState } from "react";
import { api } from "../api.ts";
import { useLiveEvents, useT } from "../hooks.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import type { Alert, Topic } from "./listeningApi.ts";
import { MentionsFeed } from "./MentionsFeed.tsx";

/** Bursts the detector found, each opening onto the mentions (and so the tickets) that made it. */
export function AlertsList({
  topics,
  onOpenConversation,
}: {
  topics: Topic[];
  onOpenConversation: (id: string) => void;
}) {
  const t = useT();
  const format = useLocaleFormat();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  const load = useCallback(
    () =>
      api<{ items: Alert[] }>("GET", "/api/listening/alerts").then(
        (r) => setAlerts(r.items),
        () => undefined,
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useLiveEvents((events) => {
    if (events.length === 0 || events.some((e) => e.type === "alert.created")) void load();
  });
  if (alerts.length === 0) return <p className="muted">{t("noAlerts")}</p>;
  return (
    <ul className="alerts" data-testid="alerts">
      {alerts.map((alert) => (
        <li key={alert.id} className={`alert ${alert.kind}`} data-testid="alert">
          <button type="button" className="item" onClick={() => setOpen(open === alert.id ? null : alert.id)}>
            <strong>{alert.message}</strong>
            <span className="muted">
              {" "}
              · {format.dateTime(alert.windowEnd)} · {t("webhook")}: {alert.webhook.status}
              {alert.webhook.error ? ` (${alert.webhook.error})` : ""}
            </span>
          </button>
          {open === alert.id && (
            <MentionsFeed
              topics={topics}
              onOpenConversation={onOpenConversation}
              fixedFilter={{ alertId: String(alert.id) }}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
