import { sql } from "drizzle-orm";
import { UnparseableEventError } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import { retryDelaySeconds } from "../domain/retryPolicy.ts";
import { type ChannelRow, channelContext } from "../store/channelStore.ts";
import type { Db, Tx } from "../store/database.ts";
import { channels } from "../store/schema.ts";
import type { SecretBox } from "../store/secretBox.ts";
import { applyInboundEvent } from "./applyInboundEvent.ts";

const BATCH_SIZE = 25;
const MAX_ATTEMPTS = 8;

interface ClaimedEvent {
  id: number;
  channel_id: string;
  payload: unknown;
  attempts: number;
}

export interface ProcessorLog {
  warn(details: object, message: string): void;
}

/**
 * Processes a batch of stored raw events: parse with the channel's adapter, then contact → conversation →
 * message, all in the transaction that marks the event processed. A crash rolls the whole batch back and
 * another worker takes it again; SKIP LOCKED lets several workers share the queue.
 * Returns how many events were handled.
 */
export async function processRawEventBatch(db: Db, box: SecretBox, log: ProcessorLog): Promise<number> {
  return db.transaction(async (tx) => {
    const claimed = (await tx.execute(sql`
      SELECT id, channel_id, payload, attempts FROM raw_events
      WHERE status = 'pending' AND next_attempt_at <= now()
      ORDER BY id LIMIT ${BATCH_SIZE}
      FOR UPDATE SKIP LOCKED`)) as unknown as { rows: ClaimedEvent[] };
    const rows = claimed.rows;
    const channelCache = new Map<string, ChannelRow | null>();
    for (const event of rows) {
      await processOne(tx, box, event, channelCache, log);
    }
    return rows.length;
  });
}

async function processOne(
  tx: Tx,
  box: SecretBox,
  event: ClaimedEvent,
  channelCache: Map<string, ChannelRow | null>,
  log: ProcessorLog,
): Promise<void> {
  if (!channelCache.has(event.channel_id)) {
    const [row] = await tx.select().from(channels).where(sql`${channels.id} = ${event.channel_id}`);
    channelCache.set(event.channel_id, row ?? null);
  }
  const channel = channelCache.get(event.channel_id);
  const adapter = channel ? adapterFor(channel.platform) : undefined;
  if (!channel || !adapter) {
    await markEvent(tx, event.id, "unparseable", "The channel or its platform no longer exists");
    return;
  }
  let parsed: ReturnType<typeof adapter.parse>;
  try {
    parsed = adapter.parse(event.payload, channelContext(channel, adapter, box));
  } catch (err) {
    const reason = err instanceof UnparseableEventError ? err.message : `Parser error: ${String(err)}`;
    log.warn({ rawEventId: event.id, reason }, "raw event is unparseable");
    await markEvent(tx, event.id, "unparseable", reason);
    return;
  }
  try {
    // A savepoint: one event's failure must not undo the rest of the batch.
    await tx.transaction(async (sp) => {
      for (const inbound of parsed) await applyInboundEvent(sp, channel, inbound);
    });
    await markEvent(tx, event.id, "processed", null);
  } catch (err) {
    const attempts = event.attempts + 1;
    log.warn({ rawEventId: event.id, attempts, err: String(err) }, "raw event processing failed");
    if (attempts >= MAX_ATTEMPTS) {
      await markEvent(tx, event.id, "failed", String(err));
    } else {
      const delay = retryDelaySeconds(attempts, undefined, Math.random());
      await tx.execute(sql`
        UPDATE raw_events SET attempts = ${attempts}, error = ${String(err)},
          next_attempt_at = now() + make_interval(secs => ${delay})
        WHERE id = ${event.id}`);
    }
  }
}

async function markEvent(
  tx: Tx,
  id: number,
  status: "processed" | "unparseable" | "failed",
  error: string | null,
): Promise<void> {
  await tx.execute(
    sql`UPDATE raw_events SET status = ${status}, error = ${error}, processed_at = now() WHERE id = ${id}`,
  );
}
