/** Snooze presets as instants from `now`, in the viewer's own time zone ("tomorrow 9:00" is their morning). */
export type SnoozePreset = "1h" | "3h" | "tomorrow" | "week";

export const SNOOZE_PRESETS: readonly SnoozePreset[] = ["1h", "3h", "tomorrow", "week"];

export function snoozeUntil(preset: SnoozePreset, now: Date): Date {
  if (preset === "1h") return new Date(now.getTime() + 3_600_000);
  if (preset === "3h") return new Date(now.getTime() + 3 * 3_600_000);
  const at = new Date(now);
  at.setHours(9, 0, 0, 0);
  if (preset === "tomorrow") {
    at.setDate(at.getDate() + 1);
    return at;
  }
  // The coming Monday; a week ahead when it is Monday already.
  const days = (8 - at.getDay()) % 7 || 7;
  at.setDate(at.getDate() + days);
  return at;
}
