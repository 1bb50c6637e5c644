import { sql } from "drizzle-orm";
import { recordChannelRefusalNow } from "../channelHealth/channelHealthRecorder.ts";
import { channelHold } from "../channelHealth/channelHold.ts";
import { type ChannelAdapter, UnparseableEventError } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import {
  type ChannelHealthPolicy,
  concernsChannel,
  DEFAULT_CHANNEL_HEALTH_POLICY,
} from "../domain/channelHealth.ts";
import { PlatformRefusal } from "../domain/deliveryError.ts";
import type { InboundEvent } from "../domain/inboundEvent.ts";
import { retryDelaySeconds } from "../domain/retryPolicy.ts";
import { type ChannelRow, channelContext } from "../store/channelStore.ts";
import type { Db, Tx } from "../store/database.ts";
import { withGatheredNotices } from "../store/notify.ts";
import { channels } from "../store/schema.ts";
import type { SecretBox } from "../store/secretBox.ts";
import { storableJson, storableText } from "../store/storableJson.ts";
import { applyInboundEvent, SendInFlightError } from "./applyInboundEvent.ts";
import { IngestBatch } from "./ingestBatch.ts";
import { MAX_BATCH_SIZE, type SlicePacing } from "./slicePacing.ts";

const MAX_ATTEMPTS = 8;
/** A status waiting for its send is checked every second for this many seconds before normal backoff. */
const SEND_IN_FLIGHT_ATTEMPTS = 60;

interface ClaimedEvent {
  id: number;
  channel_id: string;
  payload: unknown;
  attempts: number;
  order_key: string | null;
}

export interface ProcessorLog {
  warn(details: object, message: string): void;
}

/** What the worker made of one raw event before its transaction: parsed (and hydrated), or why not. */
type Prepared =
  | { kind: "events"; events: InboundEvent[] }
  | { kind: "unparseable"; reason: string }
  /** `hydrate` failed: retried later, or, on the last attempt, stored as parse returned it. */
  | { kind: "hydrate_failed"; events: InboundEvent[]; error: string; notBefore?: Date | null | undefined }
  /** The channel is held (the platform's wait, a pause): hydration waits for it, without counting an attempt. */
  | { kind: "held"; until: Date | null };

/**
 * Processes a batch of stored raw events: parse with the channel's adapter, then contact → conversation →
 * message, all in the transaction that marks the event processed. A crash rolls the whole batch back and
 * another worker takes it again; SKIP LOCKED lets several workers share the queue.
 * The batch is picked and parsed before the transaction, so that an adapter's `hydrate` (a platform call)
 * never runs inside it; the transaction then claims the picked rows still pending, skipping any another worker
 * holds. Returns how many events were handled.
 */
/** Long enough for a batch's hydration calls; short enough that a crashed worker's events return quickly. */
const PICK_LEASE_SECONDS = 20;
/** Any constant: the same in every Parley process sharing one server. */
const PICK_LOCK_ID = 7_406_014;

export async function processRawEventBatch(
  db: Db,
  box: SecretBox,
  log: ProcessorLog,
  health: ChannelHealthPolicy = DEFAULT_CHANNEL_HEALTH_POLICY,
  /**
   * Where the database runs one statement at a time for the whole process (PGlite), the transaction stops taking
   * events once its slice is over and a webhook's acknowledgement waits, so that it never waits for a whole batch;
   * the rest come due again at once, first in line.
   */
  pacing?: SlicePacing,
): Promise<number> {
  const batchSize = pacing?.batchSize ?? MAX_BATCH_SIZE;
  // Picking pushes next_attempt_at ahead: a lease, so other workers do not parse and hydrate the same events
  // meanwhile. If this worker dies before its transaction commits, the events simply come due again.
  // An event waits while an earlier one of its thread (order_key) is leased or waiting for a retry: a
  // conversation's events are applied in order, by one worker at a time. Picks take turns (the advisory lock), so
  // that each sees the leases of the one before it.
  const picked = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${PICK_LOCK_ID})`);
    return (await tx.execute(sql`
        UPDATE raw_events SET next_attempt_at = now() + make_interval(secs => ${PICK_LEASE_SECONDS})
        WHERE id IN (
          SELECT r.id FROM raw_events r
          WHERE r.status = 'pending' AND r.next_attempt_at <= now()
            AND (r.order_key IS NULL OR NOT EXISTS (
              SELECT 1 FROM raw_events e
              WHERE e.channel_id = r.channel_id AND e.order_key = r.order_key AND e.status = 'pending'
                AND e.id < r.id AND e.next_attempt_at > now()))
          ORDER BY r.id LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, channel_id, payload, attempts, order_key`)) as unknown as { rows: ClaimedEvent[] };
  });
  picked.rows.sort((a, b) => a.id - b.id);
  if (picked.rows.length === 0) return 0;
  const channelCache = new Map<string, ChannelRow | null>();
  for (const channelId of new Set(picked.rows.map((r) => r.channel_id))) {
    const [row] = await db.select().from(channels).where(sql`${channels.id} = ${channelId}`);
    channelCache.set(channelId, row ?? null);
  }
  const prepared = new Map<number, Prepared>();
  for (const event of picked.rows) {
    const channel = channelCache.get(event.channel_id);
    const adapter = channel ? adapterFor(channel.platform) : undefined;
    if (channel && adapter)
      prepared.set(event.id, await prepare(db, adapter, channel, box, event, log, health));
  }
  return db.transaction(async (tx) => {
    const ids = sql.join(
      picked.rows.map((r) => sql`${r.id}`),
      sql`, `,
    );
    const claimed = (await tx.execute(sql`
      SELECT id, channel_id, attempts, order_key FROM raw_events
      WHERE id IN (${ids}) AND status = 'pending'
      ORDER BY id
      FOR UPDATE SKIP LOCKED`)) as unknown as { rows: Omit<ClaimedEvent, "payload">[] };
    const started = performance.now();
    const channelOf = (event: { channel_id: string }) => channelCache.get(event.channel_id) ?? null;
    /**
     * Goes through the batch in order, stopping when the slice is over. An event put off (a retry, a held
     * channel) holds back the later ones of its thread: they are left for the next pick, which waits for it.
     */
    const eachInOrder = async (handle: (event: Omit<ClaimedEvent, "payload">) => Promise<boolean>) => {
      const heldBack = new Set<string>();
      const untouched: number[] = [];
      let handled = 0;
      for (const event of claimed.rows) {
        const key = event.order_key === null ? null : `${event.channel_id}\u0000${event.order_key}`;
        const sliceOver = pacing?.sliceOver(started, handled) ?? false;
        if (sliceOver || (key !== null && heldBack.has(key))) {
          untouched.push(event.id);
          continue;
        }
        const settled = await handle(event);
        if (!settled && key !== null) heldBack.add(key);
        handled += 1;
      }
      return { handled, untouched };
    };
    let outcome: { handled: number; untouched: number[] };
    try {
      // Most batches go through whole: one savepoint for them all, the events marked together and their change
      // notices sent together.
      outcome = await tx.transaction((batch) =>
        withGatheredNotices(batch, async () => {
          // What the batch's messages need to know of the database, read for all of them at once; their inserts
          // and history wait for the end (IngestBatch).
          const known = new IngestBatch();
          await known.lookUp(
            batch,
            claimed.rows.flatMap((event) => {
              const ready = prepared.get(event.id);
              const channel = channelOf(event);
              return channel && ready?.kind === "events" ? [{ channel, events: ready.events }] : [];
            }),
          );
          const processed: { id: number; error: string | null }[] = [];
          const done = await eachInOrder(async (event) => {
            const ready = prepared.get(event.id);
            const channel = channelOf(event);
            if (!channel || ready?.kind !== "events") {
              await known.settle(batch);
              return processOne(batch, event, ready, channel, log);
            }
            for (const inbound of ready.events) await applyInboundEvent(batch, channel, inbound, known);
            const note = ignoredNote(ready.events);
            processed.push({ id: event.id, error: note === null ? null : storableText(note) });
            return true;
          });
          await known.settle(batch);
          if (processed.length > 0)
            await batch.execute(sql`
              UPDATE raw_events r SET status = 'processed', error = m.error, processed_at = now()
              FROM jsonb_to_recordset(${JSON.stringify(processed)}::jsonb) AS m(id bigint, error text)
              WHERE r.id = m.id`);
          return done;
        }),
      );
    } catch {
      // One of them failed: the batch again, each event in a savepoint of its own, so only that one is retried.
      outcome = await eachInOrder((event) =>
        processOne(tx, event, prepared.get(event.id), channelOf(event), log),
      );
    }
    pacing?.record(picked.rows.length, outcome.handled);
    // What the slice did not reach, or held back behind an earlier event, comes due again at once (the pick
    // then waits for the earlier one).
    if (outcome.untouched.length > 0)
      await tx.execute(
        sql`UPDATE raw_events SET next_attempt_at = now() WHERE id IN (${sql.join(
          outcome.untouched.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
    return outcome.handled;
  });
}

async function prepare(
  db: Db,
  adapter: ChannelAdapter,
  channel: ChannelRow,
  box: SecretBox,
  event: ClaimedEvent,
  log: ProcessorLog,
  health: ChannelHealthPolicy,
): Promise<Prepared> {
  const context = channelContext(channel, adapter, box);
  let events: InboundEvent[];
  try {
    events = adapter.parse(event.payload, context);
  } catch (err) {
    const reason = err instanceof UnparseableEventError ? err.message : `Parser error: ${String(err)}`;
    log.warn({ rawEventId: event.id, reason }, "raw event is unparseable");
    return { kind: "unparseable", reason };
  }
  if (!adapter.hydrate || adapter.needsHydration?.(events) === false) return { kind: "events", events };
  const hold = channelHold(channel);
  // A channel waiting for an admin would hold its events for good: they go in as parsed, as on a last attempt.
  if (hold?.until === null) return { kind: "events", events };
  if (hold) return { kind: "held", until: hold.until };
  try {
    // What a platform's API returns (a fetched comment) is stored as text: cleaned like a webhook's strings.
    const hydrated = await adapter.hydrate(events, context);
    return { kind: "events", events: storableJson(hydrated).value as InboundEvent[] };
  } catch (err) {
    let notBefore: Date | null | undefined;
    if (err instanceof PlatformRefusal && concernsChannel(err.refusal)) {
      const recorded = await recordChannelRefusalNow(db, channel.id, err.refusal, health);
      notBefore = recorded.hold?.until;
      // Later events of this batch see the hold too.
      Object.assign(channel, await reloadHold(db, channel.id));
    }
    return { kind: "hydrate_failed", events, error: `Hydration failed: ${String(err)}`, notBefore };
  }
}

async function reloadHold(db: Db, channelId: string) {
  const [row] = await db
    .select({
      status: channels.status,
      backoffUntil: channels.backoffUntil,
      pausedUntil: channels.pausedUntil,
    })
    .from(channels)
    .where(sql`${channels.id} = ${channelId}`);
  return row ?? {};
}

async function processOne(
  tx: Tx,
  event: Omit<ClaimedEvent, "payload">,
  prepared: Prepared | undefined,
  channel: ChannelRow | null,
  log: ProcessorLog,
): Promise<boolean> {
  if (!channel || !prepared) {
    await markEvent(tx, event.id, "unparseable", "The channel or its platform no longer exists");
    return true;
  }
  if (prepared.kind === "unparseable") {
    await markEvent(tx, event.id, "unparseable", prepared.reason);
    return true;
  }
  if (prepared.kind === "held") {
    // Not an attempt: nothing was asked of the platform. Looked at again when the channel's wait is over.
    const at = prepared.until?.toISOString() ?? null;
    await tx.execute(sql`
      UPDATE raw_events SET next_attempt_at = greatest(now() + interval '1 second', ${at}::timestamptz)
      WHERE id = ${event.id}`);
    return false;
  }
  if (prepared.kind === "hydrate_failed") {
    if (event.attempts + 1 < MAX_ATTEMPTS)
      return scheduleRetry(tx, event, prepared.error, log, prepared.notBefore);
    log.warn({ rawEventId: event.id, err: prepared.error }, "raw event stored without hydration");
  }
  try {
    // A savepoint: one event's failure must not undo the rest of the batch.
    await tx.transaction(async (sp) => {
      for (const inbound of prepared.events) await applyInboundEvent(sp, channel, inbound);
    });
    await markEvent(tx, event.id, "processed", ignoredNote(prepared.events));
    return true;
  } catch (err) {
    if (err instanceof SendInFlightError && event.attempts < SEND_IN_FLIGHT_ATTEMPTS) {
      // Not a failure: the send it belongs to is about to be recorded. Check again in a second.
      await tx.execute(sql`
        UPDATE raw_events SET attempts = attempts + 1, error = ${err.message},
          next_attempt_at = now() + interval '1 second'
        WHERE id = ${event.id}`);
      return false;
    }
    return scheduleRetry(tx, event, String(err), log);
  }
}

async function scheduleRetry(
  tx: Tx,
  event: { id: number; attempts: number },
  error: string,
  log: ProcessorLog,
  notBefore?: Date | null,
): Promise<boolean> {
  const attempts = event.attempts + 1;
  log.warn({ rawEventId: event.id, attempts, err: error }, "raw event processing failed");
  if (attempts >= MAX_ATTEMPTS) {
    await markEvent(tx, event.id, "failed", error);
    return true;
  }
  const delay = retryDelaySeconds(attempts, undefined, Math.random());
  const channelFreeAt = notBefore?.toISOString() ?? null;
  await tx.execute(sql`
    UPDATE raw_events SET attempts = ${attempts}, error = ${storableText(error)},
      next_attempt_at = greatest(now() + make_interval(secs => ${delay}), ${channelFreeAt}::timestamptz)
    WHERE id = ${event.id}`);
  return false;
}

async function markEvent(
  tx: Tx,
  id: number,
  status: "processed" | "unparseable" | "failed",
  error: string | null,
): Promise<void> {
  await tx.execute(
    sql`UPDATE raw_events SET status = ${status}, error = ${error === null ? null : storableText(error)}, processed_at = now() WHERE id = ${id}`,
  );
}

/**
 * An event that became nothing on purpose (an auto-reply, a bounce, a typing notice) keeps why, as
 * "ignored: <reason>", so the channel's health page can count what it set aside.
 */
function ignoredNote(events: InboundEvent[]): string | null {
  const first = events[0];
  if (!first || !events.every((e) => e.type === "ignored")) return null;
  return first.type === "ignored" ? `ignored: ${first.reason}` : null;
}
