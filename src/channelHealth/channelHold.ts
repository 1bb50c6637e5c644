import { sql } from "drizzle-orm";
import type { ChannelRow } from "../store/channelStore.ts";

/** Until when a channel may not be called: an instant, or null while it waits for an admin. */
export interface ChannelHold {
  until: Date | null;
}

/**
 * Whether a channel may be called now. Paused (until its probe answers) and needing attention hold every
 * request; otherwise the platform's last wait (or our back-off) does until it is over.
 */
export function channelHold(
  row: Pick<ChannelRow, "status" | "backoffUntil" | "pausedUntil">,
  now = new Date(),
): ChannelHold | undefined {
  if (row.status === "needs_reauth") return { until: null };
  if (row.status === "paused") return { until: row.pausedUntil };
  if (row.backoffUntil && row.backoffUntil > now) return { until: row.backoffUntil };
  return undefined;
}

/**
 * The same rule as SQL, for claims that must skip held channels: true when the channel named by `channelId`
 * (a column of the outer query) may not be called now.
 */
export function channelHeldSql(channelId: ReturnType<typeof sql.raw>) {
  return sql`EXISTS (SELECT 1 FROM channels held WHERE held.id = ${channelId}
    AND (held.status IN ('paused', 'needs_reauth') OR held.backoff_until > now()))`;
}
