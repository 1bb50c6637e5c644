import { sql } from "drizzle-orm";
import { adapterFor } from "../channels/registry.ts";
import type { InboundMessage } from "../domain/inboundEvent.ts";
import type { ChannelRow } from "../store/channelStore.ts";
import type { Tx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";

/** An echo arrives within seconds of its send; a week covers a send retried after long throttling. */
const ECHO_LOOKBACK_DAYS = 7;
const MAX_CANDIDATES = 200;

interface Candidate {
  id: string;
  conversation_id: string;
  text: string;
  visibility: string;
  delivery_status: string;
  idempotency_key: string | null;
}

/**
 * Platforms tell the brand's server about the brand's own messages (VK message_reply), often before the send
 * call has answered, so before Parley knows the message's platform id. Such an echo of a message Parley sent is
 * that message: it takes the platform id now and is not stored again, so it never passes for an answer someone
 * wrote in the platform's app (which would count as a first response and clear the unread mark).
 *
 * Matched by the send's deduplication key where the echo carries it (VK random_id, see ChannelAdapter.sendKeyOf),
 * otherwise only while the send is in flight, by its exact text in the same thread (VK's comment echoes carry no
 * key). Returns true when the event was such an echo and is fully handled.
 */
export async function claimEchoOfOwnSend(
  tx: Tx,
  channel: ChannelRow,
  event: InboundMessage,
): Promise<boolean> {
  if (event.fromAccount !== true || event.editedAt) return false;
  const candidates = await undeliveredSends(tx, channel.id);
  if (candidates.length === 0) return false;
  const match = event.sendKey
    ? bySendKey(candidates, channel.platform, event.sendKey)
    : await byTextInFlight(tx, channel.id, event, candidates);
  if (!match) return false;
  // The conversation first, the order the outbox records a delivery in (outboxDeliverer's recordReplyDelivered).
  await tx.execute(sql`SELECT 1 FROM conversations WHERE id = ${match.conversation_id} FOR UPDATE`);
  const recorded = (await tx.execute(sql`
    SELECT 1 FROM messages WHERE channel_id = ${channel.id} AND external_id = ${event.externalId}`)) as unknown as {
    rows: unknown[];
  };
  // The outbox recorded the send meanwhile: this echo is a replay of a message already known.
  if (recorded.rows.length > 0) return true;
  await tx.execute(sql`
    UPDATE messages SET external_id = ${event.externalId}
    WHERE id = ${match.id} AND external_id IS NULL`);
  await notifyChange(tx, {
    workspaceId: channel.workspaceId,
    type: "message.updated",
    conversationId: match.conversation_id,
    messageId: match.id,
  });
  return true;
}

/**
 * Replies of this channel that have no platform id yet, with their outbox keys. Replies keyed `parley-<message
 * id>` are found through the outbox's unique key; only the few with a key of their own (surveys, check-ins)
 * still in flight are looked up by message.
 */
async function undeliveredSends(tx: Tx, channelId: string): Promise<Candidate[]> {
  const found = (await tx.execute(sql`
    SELECT m.id, m.conversation_id, m.text, m.visibility, m.delivery_status, o.idempotency_key
    FROM messages m
    LEFT JOIN outbox o ON o.idempotency_key = 'parley-' || m.id::text
    WHERE m.channel_id = ${channelId} AND m.external_id IS NULL AND m.direction = 'out'
      AND m.delivery_status IN ('queued', 'sending', 'uncertain', 'failed')
      AND m.created_at > now() - make_interval(days => ${ECHO_LOOKBACK_DAYS})
    ORDER BY m.created_at DESC
    LIMIT ${MAX_CANDIDATES}`)) as unknown as { rows: Candidate[] };
  const ownKeyed = found.rows.filter(
    (c) => c.idempotency_key === null && (c.delivery_status === "queued" || c.delivery_status === "sending"),
  );
  if (ownKeyed.length > 0) {
    const ids = sql.join(
      ownKeyed.map((c) => sql`${c.id}::uuid`),
      sql`, `,
    );
    const keys = (await tx.execute(sql`
      SELECT message_id, idempotency_key FROM outbox WHERE message_id IN (${ids})`)) as unknown as {
      rows: { message_id: string; idempotency_key: string }[];
    };
    for (const row of keys.rows) {
      const candidate = ownKeyed.find((c) => c.id === row.message_id);
      if (candidate) candidate.idempotency_key = row.idempotency_key;
    }
  }
  return found.rows;
}

function bySendKey(candidates: Candidate[], platform: string, sendKey: string): Candidate | undefined {
  const adapter = adapterFor(platform);
  if (!adapter?.sendKeyOf) return undefined;
  return candidates.find(
    (c) => c.idempotency_key !== null && adapter.sendKeyOf!(c.idempotency_key) === sendKey,
  );
}

/** Without a key, only a send in flight right now, in this thread and with these very words, is this echo. */
async function byTextInFlight(
  tx: Tx,
  channelId: string,
  event: InboundMessage,
  candidates: Candidate[],
): Promise<Candidate | undefined> {
  const conversation = (await tx.execute(sql`
    SELECT id FROM conversations WHERE channel_id = ${channelId} AND thread_key = ${event.threadKey}`)) as unknown as {
    rows: { id: string }[];
  };
  const conversationId = conversation.rows[0]?.id;
  if (!conversationId) return undefined;
  const same = candidates.filter(
    (c) =>
      c.conversation_id === conversationId &&
      c.delivery_status === "sending" &&
      c.visibility === event.visibility &&
      c.text === event.text.trim(),
  );
  return same.length === 1 ? same[0] : undefined;
}
