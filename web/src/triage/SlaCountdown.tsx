import { useEffect, useState } from "react";
import type { SlaClock } from "../api.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import { formatDuration, mostUrgentClock } from "./slaDisplay.ts";
import { useTriageT } from "./triageI18n.ts";

/** The conversation's most urgent SLA clock, ticking every second from the server's due time. */
export function SlaCountdown({ clocks, compact = false }: { clocks: SlaClock[]; compact?: boolean }) {
  const t = useTriageT();
  const format = useLocaleFormat();
  const [now, setNow] = useState(() => Date.now());
  const shown = mostUrgentClock(clocks, now);
  const ticking = shown?.secondsLeft !== null && shown?.secondsLeft !== undefined;
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  if (!shown) return null;
  const metric = t(`sla_${shown.clock.metric}`);
  let text: string;
  if (shown.tone === "met") text = t("slaMet");
  else if (shown.tone === "paused") text = t("slaPaused");
  else if (shown.secondsLeft === null) text = shown.tone === "breached" ? t("slaBreached") : "";
  else if (shown.secondsLeft < 0)
    text = t("slaOverdue", { time: formatDuration(shown.secondsLeft, format.tag) });
  else text = t("slaLeft", { time: formatDuration(shown.secondsLeft, format.tag) });
  return (
    <span
      className={`sla sla-${shown.tone}`}
      data-testid="sla-countdown"
      data-tone={shown.tone}
      title={`${shown.clock.policyName}${shown.clock.dueAt ? ` · ${format.dateTime(shown.clock.dueAt)}` : ""}`}
    >
      {compact ? text : `${metric}: ${text}`}
    </span>
  );
}
