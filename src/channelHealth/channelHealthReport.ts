import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { type channels, webFeeds } from "../store/schema.ts";

type ChannelRow = typeof channels.$inferSelect;

/** One thing an admin should look at, with the fix for it; the UI words it from `key`, the figures from `data`. */
export interface HealthFinding {
  key:
    | "needs_reauth"
    | "paused_rate_limited"
    | "paused_platform_unavailable"
    | "paused_blocked"
    | "paused_usage_capped"
    | "stream_connected"
    | "stream_down"
    | "paused_other"
    | "waiting"
    | "no_events"
    | "never_heard"
    | "unreadable_events"
    | "rejected_bodies"
    | "ingest_backlog"
    | "send_failures"
    | "uncertain_sends"
    | "outbox_backlog"
    | "disabled"
    | "feed_failing"
    | "feed_items_skipped";
  severity: "error" | "warning" | "info";
  data?: Record<string, string | number | null> | undefined;
}

export interface ChannelHealthReport {
  lastEventAt: string | null;
  lastReplyAt: string | null;
  pendingEvents: number;
  unreadableEvents: { id: number; at: string; error: string | null }[];
  rejectedBodies: { id: number; at: string; reason: string }[];
  waitingReplies: number;
  oldestWaitingReplyAt: string | null;
  failedReplies: { id: number; at: string; status: string; error: string | null }[];
  /** Events set aside on purpose in the last days (e-mail auto-replies, bounces, loops), counted by kind. */
  ignoredEvents: { kind: string; count: number }[];
  /** An RSS/Atom feed channel's polling state; null for every other channel. */
  feed?: FeedHealth | null | undefined;
  /** The channel's platform stream (X's filtered stream), where it has one: its state as its holder recorded it. */
  stream?: StreamState | null | undefined;
  findings: HealthFinding[];
}

export interface StreamState {
  state: string;
  detail: string | null;
  reconnects: number;
  connectedAt: string | null;
  lastDataAt: string | null;
  /** A worker process holds the stream's lease now. */
  held: boolean;
}

export interface FeedHealth {
  url: string;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string | null;
  lastStatus: number | null;
  failingSince: string | null;
  failureCode: string | null;
  failureReason: string | null;
  consecutiveFailures: number;
  itemsStored: number;
  itemsSkipped: number;
  lastSkipReason: string | null;
}

/** Quiet for this long while active, a channel that used to hear things may have lost its webhook. */
const QUIET_HOURS = 24;
const BACKLOG_EVENTS = 500;
const RECENT_DAYS = 7;

/**
 * The state of one channel as its admin needs it when traffic goes missing or replies do not arrive: when it
 * last heard something and last delivered a reply, what waits, what failed, and what to do about each. Every
 * query walks an index by the channel (raw_events_channel_idx, outbox_channel_idx) or a small partial index,
 * so the page stays quick on a channel with millions of events.
 */
export async function channelHealthReport(db: DbOrTx, channel: ChannelRow): Promise<ChannelHealthReport> {
  const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;
  const id = channel.id;
  const [last] = rows<{ last_event_at: Date | string | null; last_reply_at: Date | string | null }>(
    await db.execute(sql`
      SELECT (SELECT received_at FROM raw_events WHERE channel_id = ${id} ORDER BY id DESC LIMIT 1) AS last_event_at,
             (SELECT delivered_at FROM outbox WHERE channel_id = ${id} AND status = 'delivered'
                ORDER BY id DESC LIMIT 1) AS last_reply_at`),
  );
  const [counts] = rows<{ pending: number; waiting: number; oldest: Date | string | null }>(
    await db.execute(sql`
      SELECT (SELECT count(*)::int FROM raw_events WHERE status = 'pending' AND channel_id = ${id}) AS pending,
             (SELECT count(*)::int FROM outbox WHERE status IN ('pending', 'sending') AND channel_id = ${id}) AS waiting,
             (SELECT min(created_at) FROM outbox WHERE status IN ('pending', 'sending') AND channel_id = ${id}) AS oldest`),
  );
  const unreadable = rows<{ id: number | string; received_at: Date | string; error: string | null }>(
    await db.execute(sql`
      SELECT id, received_at, error FROM raw_events
      WHERE channel_id = ${id} AND status IN ('unparseable', 'failed')
        AND received_at > now() - make_interval(days => ${RECENT_DAYS})
      ORDER BY id DESC LIMIT 10`),
  );
  const rejected = rows<{ id: number | string; received_at: Date | string; reason: string }>(
    await db.execute(sql`
      SELECT id, received_at, reason FROM rejected_webhooks
      WHERE channel_id = ${id} AND received_at > now() - make_interval(days => ${RECENT_DAYS})
      ORDER BY id DESC LIMIT 10`),
  );
  const failed = rows<{
    id: number | string;
    created_at: Date | string;
    status: string;
    last_error: string | null;
  }>(
    await db.execute(sql`
      SELECT id, created_at, status, last_error FROM outbox
      WHERE channel_id = ${id} AND status IN ('failed', 'uncertain')
        AND created_at > now() - make_interval(days => ${RECENT_DAYS})
      ORDER BY id DESC LIMIT 10`),
  );
  // "ignored: auto-reply — Auto-Submitted: auto-replied" counts as "auto-reply".
  const ignored = rows<{ kind: string; count: number | string }>(
    await db.execute(sql`
      SELECT split_part(substr(error, 10), ' — ', 1) AS kind, count(*)::int AS count FROM raw_events
      WHERE channel_id = ${id} AND status = 'processed' AND error LIKE 'ignored: %'
        AND received_at > now() - make_interval(days => ${RECENT_DAYS})
      GROUP BY 1 ORDER BY 2 DESC LIMIT 20`),
  );
  const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);
  const [stream] = rows<{
    state: string;
    detail: string | null;
    reconnects: number;
    connected_at: Date | string | null;
    last_data_at: Date | string | null;
    held: boolean;
  }>(
    await db.execute(sql`
      SELECT state, detail, reconnects, connected_at, last_data_at,
        (owner IS NOT NULL AND lease_until > now()) AS held
      FROM stream_leases WHERE channel_id = ${id} ORDER BY updated_at DESC LIMIT 1`),
  );
  const feed =
    channel.platform === "web" && channel.settings.kind === "feed" ? await feedHealth(db, channel) : null;
  const report: Omit<ChannelHealthReport, "findings"> = {
    lastEventAt: iso(last?.last_event_at),
    lastReplyAt: iso(last?.last_reply_at),
    pendingEvents: Number(counts?.pending ?? 0),
    unreadableEvents: unreadable.map((r) => ({ id: Number(r.id), at: iso(r.received_at)!, error: r.error })),
    rejectedBodies: rejected.map((r) => ({ id: Number(r.id), at: iso(r.received_at)!, reason: r.reason })),
    waitingReplies: Number(counts?.waiting ?? 0),
    oldestWaitingReplyAt: iso(counts?.oldest),
    ignoredEvents: ignored.map((r) => ({ kind: r.kind, count: Number(r.count) })),
    failedReplies: failed.map((r) => ({
      id: Number(r.id),
      at: iso(r.created_at)!,
      status: r.status,
      error: r.last_error,
    })),
    stream: stream
      ? {
          state: stream.state,
          detail: stream.detail,
          reconnects: Number(stream.reconnects),
          connectedAt: iso(stream.connected_at),
          lastDataAt: iso(stream.last_data_at),
          held: stream.held === true,
        }
      : null,
    feed,
  };
  return { ...report, findings: findingsOf(channel, report, new Date()) };
}

/** What is wrong, most urgent first. Pure, so each rule is tested on its own. */
export function findingsOf(
  channel: Pick<
    ChannelRow,
    "status" | "pausedReason" | "pausedUntil" | "backoffUntil" | "lastErrorStatus" | "createdAt" | "platform"
  >,
  report: Omit<ChannelHealthReport, "findings">,
  now: Date,
): HealthFinding[] {
  const findings: HealthFinding[] = [];
  const at = (d: Date | null) => d?.toISOString() ?? null;
  if (channel.status === "disabled") findings.push({ key: "disabled", severity: "info" });
  if (channel.status === "needs_reauth")
    findings.push({ key: "needs_reauth", severity: "error", data: { lastError: channel.lastErrorStatus } });
  if (channel.status === "paused") {
    const reason = channel.pausedReason ?? "";
    const key =
      reason === "rate_limited"
        ? "paused_rate_limited"
        : reason === "platform_unavailable"
          ? "paused_platform_unavailable"
          : reason === "blocked"
            ? "paused_blocked"
            : reason === "usage_capped"
              ? "paused_usage_capped"
              : "paused_other";
    findings.push({
      key,
      severity: key === "paused_blocked" || key === "paused_usage_capped" ? "error" : "warning",
      data: { until: at(channel.pausedUntil), reason, lastError: channel.lastErrorStatus },
    });
  } else if (channel.backoffUntil && channel.backoffUntil > now)
    findings.push({ key: "waiting", severity: "info", data: { until: at(channel.backoffUntil) } });
  if (report.stream) {
    const up = report.stream.state === "connected" && report.stream.held;
    findings.push({
      key: up ? "stream_connected" : "stream_down",
      severity: up ? "info" : channel.status === "active" ? "warning" : "info",
      data: {
        state: report.stream.held ? report.stream.state : "stopped",
        detail: report.stream.detail,
        reconnects: report.stream.reconnects,
        since: report.stream.connectedAt,
      },
    });
  }
  const quietSince = report.lastEventAt ? Date.parse(report.lastEventAt) : null;
  const ageHours = (from: number) => Math.floor((now.getTime() - from) / 3_600_000);
  // A feed is read, not pushed to: a quiet feed is not a lost webhook, and its failures have their own finding.
  if ((channel.status === "active" || channel.status === "paused") && !report.feed) {
    if (quietSince === null) {
      if (ageHours(channel.createdAt.getTime()) >= 1)
        findings.push({ key: "never_heard", severity: "warning", data: { platform: channel.platform } });
    } else if (ageHours(quietSince) >= QUIET_HOURS)
      findings.push({ key: "no_events", severity: "warning", data: { hours: ageHours(quietSince) } });
  }
  if (report.unreadableEvents.length > 0)
    findings.push({
      key: "unreadable_events",
      severity: "warning",
      data: { count: report.unreadableEvents.length, example: report.unreadableEvents[0]!.error },
    });
  if (report.rejectedBodies.length > 0)
    findings.push({
      key: "rejected_bodies",
      severity: "warning",
      data: { count: report.rejectedBodies.length, example: report.rejectedBodies[0]!.reason },
    });
  if (report.pendingEvents >= BACKLOG_EVENTS)
    findings.push({ key: "ingest_backlog", severity: "warning", data: { count: report.pendingEvents } });
  const failedCount = report.failedReplies.filter((r) => r.status === "failed").length;
  const uncertainCount = report.failedReplies.length - failedCount;
  if (failedCount > 0)
    findings.push({
      key: "send_failures",
      severity: "warning",
      data: { count: failedCount, example: report.failedReplies.find((r) => r.status === "failed")!.error },
    });
  if (uncertainCount > 0)
    findings.push({ key: "uncertain_sends", severity: "warning", data: { count: uncertainCount } });
  const oldestWaiting = report.oldestWaitingReplyAt ? Date.parse(report.oldestWaitingReplyAt) : null;
  if (oldestWaiting !== null && now.getTime() - oldestWaiting > 15 * 60_000 && channel.status === "active")
    findings.push({
      key: "outbox_backlog",
      severity: "warning",
      data: { count: report.waitingReplies, minutes: Math.floor((now.getTime() - oldestWaiting) / 60_000) },
    });
  if (report.feed?.failingSince)
    findings.push({
      key: "feed_failing",
      severity: "error",
      data: {
        code: report.feed.failureCode ?? "other",
        reason: report.feed.failureReason,
        since: report.feed.failingSince,
        failures: report.feed.consecutiveFailures,
        until: report.feed.nextPollAt,
      },
    });
  if (report.feed && report.feed.itemsSkipped > 0)
    findings.push({
      key: "feed_items_skipped",
      severity: "warning",
      data: { count: report.feed.itemsSkipped, example: report.feed.lastSkipReason },
    });
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return findings.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

async function feedHealth(db: DbOrTx, channel: ChannelRow): Promise<FeedHealth> {
  const [row] = await db.select().from(webFeeds).where(eq(webFeeds.channelId, channel.id));
  const iso = (value: Date | null | undefined) => value?.toISOString() ?? null;
  return {
    url: String(channel.settings.url ?? ""),
    lastPolledAt: iso(row?.lastPolledAt),
    lastSuccessAt: iso(row?.lastSuccessAt),
    nextPollAt: iso(row?.nextPollAt),
    lastStatus: row?.lastStatus ?? null,
    failingSince: iso(row?.failingSince),
    failureCode: row?.failureCode ?? null,
    failureReason: row?.failureReason ?? null,
    consecutiveFailures: row?.consecutiveFailures ?? 0,
    itemsStored: row?.itemsStored ?? 0,
    itemsSkipped: row?.itemsSkipped ?? 0,
    lastSkipReason: row?.lastSkipReason ?? null,
  };
}
