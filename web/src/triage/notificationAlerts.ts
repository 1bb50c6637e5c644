/**
 * Sound and desktop alerts for what needs a person now: a conversation assigned to them, an SLA about to be or
 * just breached. Each person turns them on or off for themselves; the choice is kept with their account
 * (GET/PUT /api/account/preferences), while whether a desktop alert may show stays the browser's permission.
 */
import type { AlertPreferences } from "../../../src/domain/userPreferences.ts";

export type AlertSettings = AlertPreferences;

export interface AlertableNotification {
  id: number;
  kind: string;
  read: boolean;
}

export const ALERT_KINDS: ReadonlySet<string> = new Set(["assigned", "sla_warning", "sla_breached"]);

const legacyStorageKey = (userId: string) => `parley.alerts.${userId}`;

/**
 * The switches an earlier version kept in this browser (per user), removed as they are read so that they move
 * to the account once; null when there were none or they cannot be read.
 */
export function takeLegacyAlertSettings(
  storage: Pick<Storage, "getItem" | "removeItem">,
  userId: string,
): Partial<AlertSettings> | null {
  const raw = storage.getItem(legacyStorageKey(userId));
  if (raw === null) return null;
  storage.removeItem(legacyStorageKey(userId));
  try {
    const stored = JSON.parse(raw) as Record<string, unknown> | null;
    const settings: Partial<AlertSettings> = {};
    if (typeof stored?.sound === "boolean") settings.sound = stored.sound;
    if (typeof stored?.desktop === "boolean") settings.desktop = stored.desktop;
    return Object.keys(settings).length > 0 ? settings : null;
  } catch {
    return null;
  }
}

/**
 * The notifications to alert about in a fresh list: unread ones of the alerting kinds that arrived after
 * `seenUpTo` (the highest id already looked at). What was there when the page opened is not announced again.
 */
export function freshAlerts<T extends AlertableNotification>(items: readonly T[], seenUpTo: number): T[] {
  return items
    .filter((n) => n.id > seenUpTo && !n.read && ALERT_KINDS.has(n.kind))
    .sort((a, b) => a.id - b.id);
}

export function highestId(items: readonly AlertableNotification[], floor: number): number {
  return items.reduce((max, n) => Math.max(max, n.id), floor);
}

/** Two short tones, drawn with Web Audio: no sound file to ship or fetch. Silently nothing where audio is off. */
export function playAlertSound(): void {
  const AudioContextClass =
    window.AudioContext ??
    (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!AudioContextClass) return;
  try {
    const context = new AudioContextClass();
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 660],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.15);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.16);
    }
    setTimeout(() => void context.close().catch(() => undefined), 600);
  } catch {
    // A browser that refuses audio before any click on the page: the bell still counts the notification.
  }
}

export type DesktopPermission = NotificationPermission | "unsupported";

export function desktopPermission(): DesktopPermission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

export async function requestDesktopPermission(): Promise<DesktopPermission> {
  if (typeof Notification === "undefined") return "unsupported";
  if (Notification.permission !== "default") return Notification.permission;
  return Notification.requestPermission();
}

/** One desktop alert per notification: the tag makes a second tab's copy replace the first, not pile up. */
export function showDesktopAlert(
  alert: { id: number; title: string; body: string },
  onClick: () => void,
): void {
  if (desktopPermission() !== "granted") return;
  const shown = new Notification(alert.title, { body: alert.body, tag: `parley-${alert.id}` });
  shown.onclick = () => {
    window.focus();
    onClick();
    shown.close();
  };
}
