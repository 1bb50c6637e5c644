import type { SlaClock } from "../api.ts";

export type SlaTone = "ok" | "warning" | "breached" | "paused" | "met";

export interface SlaDisplay {
  clock: SlaClock;
  tone: SlaTone;
  /** Seconds left (negative when overdue); null when the clock is not counting. */
  secondsLeft: number | null;
}

const METRIC_ORDER = ["first_response", "next_response", "resolution"] as const;

/**
 * The clock an agent should see first: a running response clock before the resolution clock, since the
 * customer is waiting for an answer now. The countdown is computed in the browser from dueAt, so it ticks
 * every second without asking the server; dueAt already accounts for business hours.
 */
export function mostUrgentClock(clocks: readonly SlaClock[], now: number): SlaDisplay | null {
  const ordered = [...clocks].sort((a, b) => METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric));
  const running = ordered.find((clock) => clock.phase === "running");
  const clock = running ?? ordered.find((clock) => clock.phase === "paused") ?? ordered[0];
  if (!clock) return null;
  if (clock.phase === "stopped")
    return { clock, tone: clock.state === "breached" ? "breached" : "met", secondsLeft: null };
  if (clock.phase === "paused") return { clock, tone: "paused", secondsLeft: null };
  const due = clock.dueAt ? Date.parse(clock.dueAt) : null;
  const secondsLeft = due === null ? null : Math.floor((due - now) / 1000);
  const warning = clock.warningAt ? Date.parse(clock.warningAt) : null;
  const tone: SlaTone =
    secondsLeft !== null && secondsLeft < 0
      ? "breached"
      : warning !== null && now >= warning
        ? "warning"
        : "ok";
  return { clock, tone, secondsLeft };
}

/** 59:07, 1:02:03, or 2d 3h for long resolution targets (in the words of `tag`'s language when given: "2 д. 3 ч"). */
export function formatDuration(totalSeconds: number, tag = "en"): string {
  const s = Math.abs(Math.trunc(totalSeconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (days > 0) {
    const unit = (value: number, name: string) =>
      new Intl.NumberFormat(tag, { style: "unit", unit: name, unitDisplay: "narrow" }).format(value);
    return `${unit(days, "day")} ${unit(hours, "hour")}`;
  }
  const mm = String(minutes).padStart(hours > 0 ? 2 : 1, "0");
  const ss = String(seconds).padStart(2, "0");
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}
