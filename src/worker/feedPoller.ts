import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { type FeedFetch, fetchFeed } from "../channels/web/feedFetcher.ts";
import { FeedFormatError, parseFeedDocument } from "../channels/web/feedItems.ts";
import { DEFAULT_POLL_SECONDS } from "../channels/web/webSettings.ts";
import { storeRawEvents } from "../ingest/webhookReceiver.ts";
import type { Db } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { channels, webFeeds } from "../store/schema.ts";
import { storableText } from "../store/storableJson.ts";

/** Longer than a fetch may take (30 s) plus storing; a worker that dies mid-poll frees the feed after this. */
const LEASE_SECONDS = 120;
/** The longest a failing feed waits between tries. */
const MAX_BACKOFF_SECONDS = 6 * 3600;
const CLAIM_BATCH = 8;

export interface FeedPollLog {
  warn(details: object, message: string): void;
}

export interface FeedPollOptions {
  /** Identifies this process's leases; one per worker process. */
  owner?: string | undefined;
  maxBytes?: number | undefined;
  timeoutMs?: number | undefined;
  log?: FeedPollLog | undefined;
}

/** The wait after the n-th failure in a row: the feed's interval doubled each time, capped at six hours. */
export function backoffSeconds(intervalSeconds: number, failures: number, retryAfter?: number): number {
  const doubled = intervalSeconds * 2 ** Math.min(Math.max(failures - 1, 0), 10);
  return Math.min(Math.max(doubled, retryAfter ?? 0), Math.max(MAX_BACKOFF_SECONDS, intervalSeconds));
}

/**
 * Every active feed channel has a state row; a feed added (or re-enabled) since the last look gets one, due now.
 */
async function ensureFeedRows(db: Db): Promise<void> {
  await db.execute(sql`
    INSERT INTO web_feeds (channel_id, workspace_id)
    SELECT id, workspace_id FROM channels
    WHERE platform = 'web' AND status = 'active' AND settings->>'kind' = 'feed'
    ON CONFLICT (channel_id) DO NOTHING`);
}

/**
 * Takes the lease on feeds that are due. The inner SELECT skips rows another worker holds locked right now, and
 * the lease condition is checked again on the row itself, so of several worker processes exactly one polls a
 * feed; a lease left by a worker that died expires after LEASE_SECONDS.
 */
async function claimDueFeeds(db: Db, owner: string, limit: number): Promise<string[]> {
  const result = (await db.execute(sql`
    UPDATE web_feeds SET lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE channel_id IN (
      SELECT f.channel_id FROM web_feeds f JOIN channels c ON c.id = f.channel_id
      WHERE c.status = 'active' AND c.platform = 'web' AND c.settings->>'kind' = 'feed'
        AND f.next_poll_at <= now() AND (f.lease_until IS NULL OR f.lease_until < now())
      ORDER BY f.next_poll_at LIMIT ${limit}
      FOR UPDATE OF f SKIP LOCKED)
      AND (lease_until IS NULL OR lease_until < now())
    RETURNING channel_id`)) as unknown as { rows: { channel_id: string }[] };
  return result.rows.map((row) => row.channel_id);
}

/** Polls every feed that is due and this process could lease; returns how many it polled. */
export async function pollDueFeeds(db: Db, options: FeedPollOptions = {}): Promise<number> {
  const owner = options.owner ?? `feeds-${randomUUID()}`;
  await ensureFeedRows(db);
  const claimed = await claimDueFeeds(db, owner, CLAIM_BATCH);
  for (const channelId of claimed) {
    try {
      await pollFeed(db, channelId, owner, options);
    } catch (err) {
      // One feed's trouble (even the database's) never stops the others; its lease simply expires.
      options.log?.warn({ channelId, err: String(err) }, "feed poll failed");
    }
  }
  return claimed.length;
}

async function pollFeed(db: Db, channelId: string, owner: string, options: FeedPollOptions): Promise<void> {
  const [row] = await db.select().from(channels).where(eq(channels.id, channelId));
  const [state] = await db.select().from(webFeeds).where(eq(webFeeds.channelId, channelId));
  if (!row || !state) return;
  const url = String(row.settings.url ?? "");
  const interval = Number(row.settings.pollIntervalSeconds ?? DEFAULT_POLL_SECONDS);
  // Validators belong to the address they came from: after an admin changes it, the new feed is read whole.
  const sameUrl = state.validatorsUrl === url;
  const fetched = await fetchFeed(
    url,
    { etag: sameUrl ? state.etag : null, lastModified: sameUrl ? state.lastModified : null },
    { maxBytes: options.maxBytes, timeoutMs: options.timeoutMs },
  );
  const now = new Date();
  const mine = sql`${webFeeds.channelId} = ${channelId} AND ${webFeeds.leaseOwner} = ${owner}`;
  const release = { leaseOwner: null, leaseUntil: null, lastPolledAt: now };
  const succeeded = {
    ...release,
    consecutiveFailures: 0,
    failingSince: null,
    failureReason: null,
    failureCode: null,
    nextPollAt: new Date(now.getTime() + interval * 1000),
  };

  if (fetched.kind === "not_modified") {
    // Nothing changed since the validators were given: nothing to read, nothing stored.
    await db
      .update(webFeeds)
      .set({ ...succeeded, lastSuccessAt: now, lastStatus: 304 })
      .where(mine);
    await healed(db, row, state.failingSince);
    return;
  }
  if (fetched.kind === "failed") return recordFailure(db, row, state, owner, fetched, interval);

  let parsed: ReturnType<typeof parseFeedDocument>;
  try {
    parsed = parseFeedDocument(fetched.body, url, now);
  } catch (err) {
    if (!(err instanceof FeedFormatError)) throw err;
    return recordFailure(
      db,
      row,
      state,
      owner,
      { kind: "failed", code: "not_a_feed", reason: err.message, status: fetched.status },
      interval,
    );
  }
  const stored = await storeRawEvents(
    db,
    row,
    parsed.mentions.map((mention) => ({ dedupKey: mention.id, payload: mention })),
  );
  await db
    .update(webFeeds)
    .set({
      ...succeeded,
      lastSuccessAt: now,
      lastStatus: fetched.status,
      // The validators are kept only with the answer they belong to, so a 304 always means "what we have".
      etag: fetched.validators.etag,
      lastModified: fetched.validators.lastModified,
      validatorsUrl: url,
      itemsStored: sql`${webFeeds.itemsStored} + ${stored}`,
      ...(parsed.skipped.length > 0
        ? {
            itemsSkipped: sql`${webFeeds.itemsSkipped} + ${parsed.skipped.length}`,
            lastSkipReason: storableText(parsed.skipped[0]!.reason),
          }
        : {}),
    })
    .where(mine);
  await healed(db, row, state.failingSince);
}

async function recordFailure(
  db: Db,
  channel: { id: string; workspaceId: string },
  state: typeof webFeeds.$inferSelect,
  owner: string,
  failure: Extract<FeedFetch, { kind: "failed" }>,
  interval: number,
): Promise<void> {
  const now = new Date();
  const failures = state.consecutiveFailures + 1;
  const wait = backoffSeconds(interval, failures, failure.retryAfter);
  await db
    .update(webFeeds)
    .set({
      leaseOwner: null,
      leaseUntil: null,
      lastPolledAt: now,
      lastStatus: failure.status ?? null,
      consecutiveFailures: failures,
      failingSince: state.failingSince ?? now,
      failureCode: failure.code,
      failureReason: storableText(failure.reason),
      nextPollAt: new Date(now.getTime() + wait * 1000),
    })
    .where(sql`${webFeeds.channelId} = ${channel.id} AND ${webFeeds.leaseOwner} = ${owner}`);
  await db
    .update(channels)
    .set({ lastErrorAt: now, lastErrorStatus: storableText(failure.reason).slice(0, 200) })
    .where(eq(channels.id, channel.id));
  if (!state.failingSince)
    await notifyChange(db, {
      workspaceId: channel.workspaceId,
      type: "channel.updated",
      channelId: channel.id,
    });
}

/** A feed that was failing works again: the channel list and health page hear of it at once. */
async function healed(db: Db, channel: { id: string; workspaceId: string }, failingSince: Date | null) {
  if (failingSince)
    await notifyChange(db, {
      workspaceId: channel.workspaceId,
      type: "channel.updated",
      channelId: channel.id,
    });
}
