import { sql } from "drizzle-orm";
import {
  type RawEventInput,
  UnparseableEventError,
  type WebhookRequest,
} from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import type { Platform } from "../domain/platform.ts";
import type { ChannelCache } from "../store/channelCache.ts";
import { isUuid, type LoadedChannel } from "../store/channelStore.ts";
import type { Db } from "../store/database.ts";
import { channels, rejectedWebhooks } from "../store/schema.ts";
import { storableJson, storableText } from "../store/storableJson.ts";
import { orderKeyOf, orderKeyOfPayload } from "./orderKey.ts";
import { insertRows, type RawEventRow, rawEventWriterFor } from "./rawEventGroupWriter.ts";
import { redactBytes, redactJson, redactText, secretsIn } from "./secretRedaction.ts";

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
  // Verified on the body as sent; stored without the channel's credentials it may carry (VK's secret).
  const secrets = secretsIn(request.rawBody, channel.context.settings, channel.adapter.secretFields);
  if (secrets.length > 0) {
    request = {
      ...request,
      rawBody: redactText(request.rawBody, secrets),
      rawBytes: redactBytes(bodyBytes(request), secrets),
    };
    if (verdict.kind === "events")
      verdict.events = verdict.events.map((event) => ({
        ...event,
        payload: redactJson(event.payload, secrets),
      }));
  }
  switch (verdict.kind) {
    case "rejected":
      return jsonError(verdict.status, "not_authentic", verdict.reason);
    case "handshake":
      return {
        status: verdict.status,
        body: verdict.body,
        contentType: verdict.contentType ?? "text/plain",
        stored: 0,
      };
    case "malformed":
      await keepRejectedBody(db, channel.row, verdict.reason, request);
      return jsonError(400, "malformed_payload", storableText(verdict.reason));
    case "events": {
      // A body of one event keeps its exact bytes when it must be changed to be stored; an event cut out of a
      // batch keeps its own JSON instead (each of a thousand events must not carry the whole batch).
      const whole = verdict.events.length === 1 ? bodyBytes(request) : undefined;
      const events = verdict.events.map((event) => storableEvent(event, whole));
      const { sound, broken } = checkShapes(channel, events);
      if (broken.length > 0 && channel.adapter.brokenEvents !== "set_aside") {
        await keepRejectedBody(db, channel.row, broken[0]!.reason, request);
        return jsonError(400, "malformed_payload", storableText(broken[0]!.reason));
      }
      let stored = await storeRoutedEvents(db, channel, sound);
      for (const { event, reason } of broken)
        stored += await storeRawEvents(db, channel.row, [event], undefined, reason);
      return {
        status: 200,
        body: verdict.ackBody ?? "ok",
        contentType: verdict.ackContentType ?? "text/plain",
        stored,
      };
    }
  }
}

/**
 * Stores each event on the channel of the account it names (one Meta app webhook carries every page's
 * events); events for an account no channel has are kept on the receiving channel, set aside with the reason.
 */
async function storeRoutedEvents(db: Db, channel: LoadedChannel, events: StorableEvent[]): Promise<number> {
  const own = channel.adapter.accountIdOf?.(channel.context.settings as never);
  const byAccount = new Map<string, StorableEvent[]>();
  const local: StorableEvent[] = [];
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

/** What is kept of a rejected body: the first megabyte. */
const KEPT_BODY_BYTES = 1_000_000;

/**
 * Authentic bodies Parley cannot read are kept for an admin to inspect, never silently dropped. A body whose text
 * PostgreSQL cannot hold (a NUL, bytes that are no UTF-8) is kept as text with those replaced, and as bytes.
 */
async function keepRejectedBody(
  db: Db,
  channel: { id: string; workspaceId: string },
  reason: string,
  request: WebhookRequest,
): Promise<void> {
  const text = storableText(request.rawBody);
  const bytes = bodyBytes(request);
  const exact = text === request.rawBody && Buffer.from(text, "utf8").equals(bytes);
  await db.insert(rejectedWebhooks).values({
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    reason: storableText(reason),
    rawBody: text.slice(0, KEPT_BODY_BYTES),
    rawBytes: exact ? null : bytes.subarray(0, KEPT_BODY_BYTES),
  });
}

const bodyBytes = (request: WebhookRequest): Buffer =>
  request.rawBytes ? Buffer.from(request.rawBytes) : Buffer.from(request.rawBody, "utf8");

/** A raw event ready for the store, with its exact content when `payload` had to change to be stored. */
export interface StorableEvent extends RawEventInput {
  /** What was received, kept in raw_events.raw_body when the payload had to change (or is the record, e-mail). */
  original?: Uint8Array | undefined;
  /** What orders it against the channel's other events (orderKey.ts); read from the payload when absent. */
  orderKey?: string | null | undefined;
}

/**
 * The event as PostgreSQL can store it (see storableJson): strings cleaned in the payload, the dedup key and the
 * account id. When the payload changed, what was received goes along in `original`: `received` (the request's
 * bytes) when given, else the event's own JSON, in which JSON.stringify writes every character as sent (a NUL
 * as `\u0000`). An event already made storable keeps the `original` it has.
 */
export function storableEvent(event: StorableEvent, received?: Uint8Array): StorableEvent {
  const payload = storableJson(event.payload);
  const clean = {
    dedupKey: storableText(event.dedupKey),
    payload: payload.value,
    accountId: event.accountId === undefined ? undefined : storableText(event.accountId),
    orderKey:
      event.orderKey === undefined || event.orderKey === null ? event.orderKey : storableText(event.orderKey),
  };
  if (!payload.changed) return { ...clean, original: event.original };
  return { ...clean, original: received ?? jsonBytes(event.payload) };
}

function jsonBytes(payload: unknown): Uint8Array | undefined {
  try {
    return Buffer.from(JSON.stringify(payload), "utf8");
  } catch {
    return undefined; // Nested too deep to serialise: storableJson cut it, and the cut says so.
  }
}

/**
 * Checks each event's shape before acknowledging. Unknown event kinds count as sound: they are stored and
 * set aside by the worker (see UnparseableEventError).
 */
function checkShapes(channel: LoadedChannel, events: StorableEvent[]) {
  const sound: StorableEvent[] = [];
  const broken: { event: StorableEvent; reason: string }[] = [];
  for (const event of events) {
    try {
      // Parsed here anyway: what orders the event against its thread's others comes with it.
      const orderKey = orderKeyOf(channel.adapter.parse(event.payload, channel.context));
      sound.push({ ...event, orderKey });
    } catch (err) {
      if (err instanceof UnparseableEventError && err.unknownKind) sound.push({ ...event, orderKey: null });
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
  channel: StoringChannel,
  events: StorableEvent[],
  nextCursor?: string | null,
  /** Stores the events already set aside with this reason instead of queueing them. */
  setAsideReason?: string,
): Promise<number> {
  // Webhooks, the e-mail demo and set-aside events go through the process's group writer; a poller's cursor
  // moves in the events' own transaction.
  const rows = rowsOf(channel, events, setAsideReason);
  if (nextCursor === undefined) return rawEventWriterFor(db).store(rows);
  return db.transaction(async (tx) => {
    const stored = rows.length === 0 ? 0 : (await insertRows(tx, rows)).length;
    await tx.execute(sql`UPDATE channels SET poll_cursor = ${nextCursor} WHERE id = ${channel.id}`);
    return stored;
  });
}

/** The channel events are stored on; with its settings, the order of events the door did not parse is read too. */
type StoringChannel = {
  id: string;
  workspaceId: string;
  platform: string;
  settings?: Record<string, unknown> | undefined;
  apiBaseUrl?: string | null | undefined;
};

/** Polled events arrive unchecked: whatever the source, nothing PostgreSQL refuses reaches the insert. */
function rowsOf(
  channel: StoringChannel,
  events: StorableEvent[],
  setAsideReason: string | undefined,
): RawEventRow[] {
  const adapter = channel.settings && !setAsideReason ? adapterFor(channel.platform) : undefined;
  const context = adapter && {
    id: channel.id,
    workspaceId: channel.workspaceId,
    platform: channel.platform as Platform,
    settings: channel.settings ?? {},
    apiBaseUrl: channel.apiBaseUrl ?? adapter.defaultApiBaseUrl,
  };
  return events
    .map((event) => storableEvent(event))
    .map((event) => ({
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      platform: channel.platform,
      dedupKey: event.dedupKey,
      payload: event.payload,
      rawBody: event.original ?? null,
      orderKey:
        event.orderKey !== undefined || !adapter || !context
          ? (event.orderKey ?? null)
          : orderKeyOfPayload(adapter, event.payload, context),
      ...(setAsideReason
        ? { status: "unparseable" as const, error: storableText(setAsideReason), processedAt: new Date() }
        : {}),
    }));
}
