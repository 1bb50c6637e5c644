/**
 * Handle time: the agent's active time on a case, counted in whole minutes from what they did in Parley.
 *
 * - A minute counts when the agent replied, wrote a note or typed in the conversation ("work"), or had it open
 *   (the viewing heartbeat every 10 s) within IDLE_CAP_MINUTES of opening it or of their last work in it.
 * - So a tab left open over lunch adds at most IDLE_CAP_MINUTES; reading a long thread before answering counts.
 */
export const IDLE_CAP_MINUTES = 5;

export interface ActivityMinute {
  /** Whole minutes since the epoch. */
  minute: number;
  kind: "view" | "work";
}

export function handleSeconds(activity: readonly ActivityMinute[]): number {
  const byMinute = new Map<number, "view" | "work">();
  for (const { minute, kind } of activity) {
    if (kind === "work" || !byMinute.has(minute)) byMinute.set(minute, kind);
  }
  const minutes = [...byMinute.keys()].sort((a, b) => a - b);
  let counted = 0;
  let anchor = Number.NEGATIVE_INFINITY;
  let previous = Number.NEGATIVE_INFINITY;
  for (const minute of minutes) {
    const kind = byMinute.get(minute);
    // A gap in the heartbeats means the case was closed and opened again: opening it is activity.
    if (kind === "work" || minute - previous > 1) anchor = minute;
    if (minute - anchor < IDLE_CAP_MINUTES) counted += 1;
    previous = minute;
  }
  return counted * 60;
}
