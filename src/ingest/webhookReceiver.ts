import { sql } from "drizzle-orm";
import {
  type RawEventInput,
  UnparseableEventError,
  type WebhookRequest,
} from "../channels/channelAdapter.ts";
import type { ChannelCache } from "../store/channelCache.ts";
import { isUuid, type LoadedChannel } from "../store/channelStore.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { WORK_CHANNEL } from "../store/notify.ts";
import { channels, rawEvents, rejectedWebhooks } from "../store/schema.ts";

export interface WebhookAnswer {
  status: number;
  body: string;
  contentType: "text/plain" | "application/json";
  /** How many events were new (not duplicates); for logs and tests. */
  stored: number;
}

function jsonError(status: number, code: string, message: string): WebhookAnswer {
  return {
    status,
    body: JSON.stringify({ error: { code, message } }),
    contentType: "application/json",
    stored: 0,
  };
}

/**
 * The front door for every platform: verify, store, and only then acknowledge. Processing happens later in a
 * worker, so the platform hears back within milliseconds and nothing it sent can be lost to a crash.
 */
export async function receiveWebhook(
  db: Db,
  channels: ChannelCache,
  platform: string,
  channelId: string,
  request: WebhookRequest,
): Promise<WebhookAnswer> {
  const channel = isUuid(channelId) ? await channels.get(channelId) : null;
  if (!channel || channel.row.platform !== platform) {
    return jsonError(404, "unknown_channel", `No ${platform} channel with id ${channelId}`);
  }
  if (channel.row.status === "disabled")
    return jsonError(404, "channel_disabled", "This channel is disabled");

  const verdict = channel.adapter.receiveWebhook(request, channel.context);
  switch (verdict.kind) {
    case "rejected":
      return jsonError(verdict.status, "not_authentic", verdict.reason);
    case "handshake":
      return { status: verdict.status, body: verdict.body, contentType: "text/plain", stored: 0 };
    case "malformed":
      await keepRejectedBody(db, channel.row, verdict.reason, verdict.rawBody);
      return jsonError(400, "malformed_payload", verdict.reason);
    case "events": {
      const { sound, broken } = checkShapes(channel, verdict.events);
      if (broken.length > 0 && channel.adapter.brokenEvents !== "set_aside") {
        await keepRejectedBody(db, channel.row, broken[0]!.reason, request.rawBody);
        return jsonError(400, "malformed_payload", broken[0]!.reason);
      }
      let stored = await storeRoutedEvents(db, channel, sound);
      for (const { event, reason } of broken)
        stored += await storeRawEvents(db, channel.row, [event], undefined, reason);
      return { status: 200, body: verdict.ackBody ?? "ok", contentType: "text/plain", stored };
    }
  }
}

/**
 * Stores each event on the channel of the account it names (one Meta app webhook carries every page's
 * events); events for an account no channel has are kept on the receiving channel, set aside with the reason.
 */
async function storeRoutedEvents(db: Db, channel: LoadedChannel, events: RawEventInput[]): Promise<number> {
  const own = channel.adapter.accountIdOf?.(channel.context.settings as never);
  const byAccount = new Map<string, RawEventInput[]>();
  const local: RawEventInput[] = [];
  for (const event of events) {
    if (event.accountId === undefined || event.accountId === own) local.push(event);
    else byAccount.set(event.accountId, [...(byAccount.get(event.accountId) ?? []), event]);
  }
  let stored = await storeRawEvents(db, channel.row, local);
  for (const [accountId, accountEvents] of byAccount) {
    const [sibling] = await db
      .select({ id: channels.id, workspaceId: channels.workspaceId, platform: channels.platform })
      .from(channels)
      .where(
        sql`${channels.workspaceId} = ${channel.row.workspaceId} AND ${channels.settings}->>'appId' = ${String(channel.row.settings.appId ?? "")}
          AND ${channels.settings}->>'accountId' = ${accountId} AND ${channels.status} <> 'disabled'`,
      )
      .limit(1);
    if (sibling) stored += await storeRawEvents(db, sibling, accountEvents);
    else
      stored += await storeRawEvents(
        db,
        channel.row,
        accountEvents,
        undefined,
        `No channel in this workspace for account ${accountId}`,
      );
  }
  return stored;
}

/** Authentic bodies Parley cannot read are kept for an admin to inspect, never silently dropped. */
async function keepRejectedBody(
  db: Db,
  channel: { id: string; workspaceId: string },
  reason: string,
  rawBody: string,
): Promise<void> {
  await db.insert(rejectedWebhooks).values({
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    reason,
    rawBody: rawBody.slice(0, 1_000_000),
  });
}

/**
 * Checks each event's shape before acknowledging. Unknown event kinds count as sound: they are stored and
 * set aside by the worker (see UnparseableEventError).
 */
function checkShapes(channel: LoadedChannel, events: RawEventInput[]) {
  const sound: RawEventInput[] = [];
  const broken: { event: RawEventInput; reason: string }[] = [];
  for (const event of events) {
    try {
      channel.adapter.parse(event.payload, channel.context);
      sound.push(event);
    } catch (err) {
      if (err instanceof UnparseableEventError && err.unknownKind) sound.push(event);
      else broken.push({ event, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { sound, broken };
}

/**
 * Stores raw events deduplicated on the platform's own id and wakes the workers. Pollers (Telegram getUpdates)
 * pass their next cursor: it moves in the same transaction as the events, so a crash can never skip one.
 */
export async function storeRawEvents(
  db: Db,
  channel: { id: string; workspaceId: string; platform: string },
  events: { dedupKey: string; payload: unknown }[],
  nextCursor?: string | null,
  /** Stores the events already set aside with this reason instead of queueing them. */
  setAsideReason?: string,
): Promise<number> {
  const insert = async (tx: DbOrTx): Promise<number> => {
    if (events.length === 0) return 0;
    const values = events.map((event) => ({
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      platform: channel.platform,
      dedupKey: event.dedupKey,
      payload: event.payload,
      ...(setAsideReason
        ? { status: "unparseable" as const, error: setAsideReason, processedAt: new Date() }
        : {}),
    }));
    // One statement stores the events and wakes the workers: the acknowledgement waits for a single round trip.
    const inserted = tx.$with("inserted").as(
      tx
        .insert(rawEvents)
        .values(values)
        .onConflictDoNothing({ target: [rawEvents.channelId, rawEvents.dedupKey] })
        .returning({ id: rawEvents.id }),
    );
    const result = (await tx
      .with(inserted)
      .select({
        stored: sql<number>`count(*)::int`,
        woken: sql`CASE WHEN count(*) > 0 THEN pg_notify(${WORK_CHANNEL}, 'ingest') END`,
      })
      .from(inserted)) as { stored: number }[];
    return result[0]?.stored ?? 0;
  };
  if (nextCursor === undefined) return insert(db);
  return db.transaction(async (tx) => {
    const stored = await insert(tx);
    await tx.execute(sql`UPDATE channels SET poll_cursor = ${nextCursor} WHERE id = ${channel.id}`);
    return stored;
  });
}
