import { eq, sql } from "drizzle-orm";
import {
  type RecordedRefusal,
  recordChannelRefusal,
  recordChannelSuccess,
} from "../channelHealth/channelHealthRecorder.ts";
import { channelHeldSql, channelHold } from "../channelHealth/channelHold.ts";
import type {
  ChannelAdapter,
  ChannelContext,
  OutboundAction,
  SendResult,
} from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import {
  type ChannelHealthPolicy,
  concernsChannel,
  DEFAULT_CHANNEL_HEALTH_POLICY,
} from "../domain/channelHealth.ts";
import type { DeliveryError } from "../domain/deliveryError.ts";
import { MAX_DELIVERY_ATTEMPTS, retryDelaySeconds } from "../domain/retryPolicy.ts";
import { channelContext } from "../store/channelStore.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { auditLog, channels, conversations, messages, outbox } from "../store/schema.ts";
import type { SecretBox } from "../store/secretBox.ts";

const BATCH_SIZE = 10;
/** Longer than any send may take (the HTTP timeout is 15 s), so a live worker never loses its item. */
export const DEFAULT_LEASE_SECONDS = 120;

interface ClaimedItem {
  id: number;
  workspace_id: string;
  channel_id: string;
  conversation_id: string | null;
  message_id: string | null;
  action: OutboundAction;
  attempts: number;
  requested_by: string | null;
}

export interface DelivererLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Sends due outbox items one at a time, each claimed just before its own send, and returns how many were
 * attempted (at most `BATCH_SIZE` per pass, so the loop can stop between items).
 *
 * Why one at a time: an item is `sending` only from the commit that marks it until its outcome is recorded,
 * and that commit is the last thing before the HTTP call. A crash then leaves at most the one item whose
 * request may have left the process in doubt (`recoverExpiredLeases`); every item not yet attempted is still
 * `pending`, untouched, and the next worker sends it. Claiming a batch as `sending` up front made a crash
 * strand the whole batch as "uncertain" although only one send was in flight. Items of a channel that is
 * held (the platform's wait, a pause, a revoked token) are not claimed: they wait, uncounted, for it.
 */
export async function deliverDueOutboxItems(
  db: Db,
  box: SecretBox,
  log: DelivererLog,
  leaseSeconds = DEFAULT_LEASE_SECONDS,
  health: ChannelHealthPolicy = DEFAULT_CHANNEL_HEALTH_POLICY,
): Promise<number> {
  let attempted = 0;
  while (attempted < BATCH_SIZE) {
    const claim = await claimNextItem(db, box, log, leaseSeconds, health);
    if (!claim) break;
    attempted += 1;
    if (!claim.send) continue;
    try {
      const result = await perform(claim.send.adapter, claim.item.action, claim.send.channel);
      await recordOutcome(db, claim.item, result, log, health);
    } catch (err) {
      // One item's failure must not hold back the others; its lease expires and recovery takes over.
      log.warn({ outboxId: claim.item.id, err: String(err) }, "recording a delivery failed");
    }
  }
  return attempted;
}

interface Claim {
  item: ClaimedItem;
  /** What to send through; absent when the item was settled or left waiting without a send. */
  send?: { adapter: ChannelAdapter; channel: ChannelContext };
}

/**
 * Takes the oldest due item that no earlier item of its conversation is waiting for, in one transaction:
 * locks it (`SKIP LOCKED`, so workers never take the same one), reads its channel and credentials, and only
 * then marks it `sending`, so nothing but the HTTP call itself lies between that commit and the request.
 */
async function claimNextItem(
  db: Db,
  box: SecretBox,
  log: DelivererLog,
  leaseSeconds: number,
  health: ChannelHealthPolicy,
): Promise<Claim | null> {
  return db.transaction(async (tx) => {
    const picked = (await tx.execute(sql`
      SELECT o.id, o.workspace_id, o.channel_id, o.conversation_id, o.message_id, o.action, o.attempts,
        o.requested_by
      FROM outbox o
      WHERE o.status = 'pending' AND o.next_attempt_at <= now()
        AND NOT EXISTS (
          SELECT 1 FROM outbox earlier
          WHERE earlier.conversation_id = o.conversation_id AND earlier.id < o.id
            AND earlier.status IN ('pending', 'sending'))
        AND NOT ${channelHeldSql(sql.raw("o.channel_id"))}
      ORDER BY o.id LIMIT 1
      FOR UPDATE OF o SKIP LOCKED`)) as unknown as { rows: ClaimedItem[] };
    const row = picked.rows[0];
    if (!row) return null;
    const item: ClaimedItem = { ...row, id: Number(row.id), attempts: row.attempts + 1 };
    const [channel] = await tx.select().from(channels).where(eq(channels.id, item.channel_id));
    const adapter = channel ? adapterFor(channel.platform) : undefined;
    if (!channel || !adapter) {
      // Nothing leaves the process, so the outcome is known at once: recorded now, never `sending`.
      const error: DeliveryError = {
        code: "channel_gone",
        message: "The channel no longer exists",
        retryable: false,
      };
      await tx.update(outbox).set({ attempts: item.attempts }).where(eq(outbox.id, item.id));
      await recordOutcome(tx, item, { ok: false, error }, log, health);
      return { item };
    }
    // Held since the query above was planned (another worker was just told to wait): left pending, uncounted.
    if (channelHold(channel)) return { item };
    const context = channelContext(channel, adapter, box, db);
    await tx.execute(sql`
      UPDATE outbox SET status = 'sending', attempts = ${item.attempts},
        lease_until = now() + make_interval(secs => ${leaseSeconds})
      WHERE id = ${item.id}`);
    if (item.action.kind === "reply" && item.message_id)
      await tx.update(messages).set({ deliveryStatus: "sending" }).where(eq(messages.id, item.message_id));
    return { item, send: { adapter, channel: context } };
  });
}

function perform(
  adapter: ChannelAdapter,
  action: OutboundAction,
  channel: ChannelContext,
): Promise<SendResult> {
  const unsupported = (what: string): Promise<SendResult> =>
    Promise.resolve({
      ok: false,
      error: { code: "unsupported", message: `${adapter.displayName} cannot ${what}`, retryable: false },
    });
  switch (action.kind) {
    case "reply":
      return adapter.send(action, channel);
    case "moderate":
      return adapter.moderate && adapter.capabilities.moderation?.includes(action.operation)
        ? adapter.moderate(action, channel)
        : unsupported(`${action.operation} comments`);
    case "publish":
      return adapter.publish ? adapter.publish(action, channel) : unsupported("publish posts");
  }
}

async function recordOutcome(
  db: DbOrTx,
  item: ClaimedItem,
  result: SendResult,
  log: DelivererLog,
  health: ChannelHealthPolicy,
): Promise<void> {
  await db.transaction(async (tx) => {
    if (result.ok) {
      await tx
        .update(outbox)
        .set({
          status: "delivered",
          deliveredAt: new Date(),
          leaseUntil: null,
          lastError: null,
          resultExternalId: result.externalId,
        })
        .where(eq(outbox.id, item.id));
      if (item.action.kind === "reply") await recordReplyDelivered(tx, item, result.externalId);
      else if (item.action.kind === "moderate") await recordModerationDone(tx, item, item.action.operation);
      else await recordPublished(tx, item, result.externalId);
      await recordChannelSuccess(tx, item.channel_id);
      log.info({ outboxId: item.id, kind: item.action.kind, externalId: result.externalId }, "delivered");
    } else {
      const error = result.error;
      let recorded: RecordedRefusal | undefined;
      if (concernsChannel(error)) recorded = await recordChannelRefusal(tx, item.channel_id, error, health);
      // A refusal of this one message still shows the platform answering: the failures in a row are over.
      else await recordChannelSuccess(tx, item.channel_id);
      // The platform took nothing and said so of the whole channel (its wait, a block, a revoked token): the
      // item waits with its channel and the attempt is not counted against it.
      const waitsForChannel =
        error.needsReauth === true ||
        (recorded?.hold !== undefined &&
          (error.code === "rate_limited" || error.code === "temporarily_blocked"));
      const retry = waitsForChannel || (error.retryable && item.attempts < MAX_DELIVERY_ATTEMPTS);
      if (retry) {
        const delay = waitsForChannel
          ? 0
          : retryDelaySeconds(item.attempts, error.retryAfterSeconds, Math.random());
        const channelFreeAt = recorded?.hold?.until?.toISOString() ?? null;
        await tx.execute(sql`
          UPDATE outbox SET status = 'pending', lease_until = NULL, last_error = ${error.message},
            attempts = attempts - ${waitsForChannel ? 1 : 0},
            next_attempt_at = greatest(now() + make_interval(secs => ${delay}), ${channelFreeAt}::timestamptz)
          WHERE id = ${item.id}`);
        if (item.action.kind === "reply" && item.message_id)
          await tx
            .update(messages)
            .set({
              deliveryStatus: "queued",
              deliveryError: error.needsReauth
                ? `Waiting for the channel to be re-authorised: ${error.message}`
                : `Will retry: ${error.message}`,
            })
            .where(eq(messages.id, item.message_id));
      } else {
        await tx
          .update(outbox)
          .set({ status: "failed", leaseUntil: null, lastError: error.message })
          .where(eq(outbox.id, item.id));
        if (item.action.kind === "reply" && item.message_id)
          await tx
            .update(messages)
            .set({ deliveryStatus: "failed", deliveryError: error.message })
            .where(eq(messages.id, item.message_id));
        else if (item.action.kind === "moderate" && item.message_id)
          await tx
            .update(messages)
            .set({ moderationPending: null, moderationError: error.message })
            .where(eq(messages.id, item.message_id));
        // The platform says the person unsubscribed (Viber 6) before its callback told us: the reply box says so.
        if (error.code === "recipient_unsubscribed" && item.conversation_id) {
          await tx.execute(sql`
            UPDATE conversations SET unsubscribed_at = coalesce(unsubscribed_at, now())
            WHERE id = ${item.conversation_id} AND visibility = 'private'`);
          await notifyChange(tx, {
            workspaceId: item.workspace_id,
            type: "conversation.updated",
            conversationId: item.conversation_id,
          });
        }
        await tx.insert(auditLog).values({
          workspaceId: item.workspace_id,
          actorUserId: item.requested_by,
          action: `${item.action.kind}.failed`,
          targetType: item.conversation_id ? "conversation" : "channel",
          targetId: item.conversation_id ?? item.channel_id,
          details: { outboxId: item.id, code: error.code, message: error.message },
        });
      }
      log.warn(
        { outboxId: item.id, kind: item.action.kind, code: error.code, retry, message: error.message },
        "not delivered",
      );
    }
    if (item.conversation_id && item.message_id)
      await notifyChange(tx, {
        workspaceId: item.workspace_id,
        type: "message.updated",
        conversationId: item.conversation_id,
        messageId: item.message_id,
      });
    else
      await notifyChange(tx, {
        workspaceId: item.workspace_id,
        type: "channel.updated",
        channelId: item.channel_id,
      });
  });
}

async function recordReplyDelivered(tx: DbOrTx, item: ClaimedItem, externalId: string): Promise<void> {
  if (!item.message_id || !item.conversation_id) return;
  const messageId = item.message_id;
  // The conversation first, as ingest takes it before it writes a message: the same lock order on both paths
  // keeps an echo arriving now from deadlocking with this record.
  await tx.execute(sql`SELECT 1 FROM conversations WHERE id = ${item.conversation_id} FOR UPDATE`);
  // Platforms echo the brand's own replies (VK wall_reply_new, message_reply); when the echo was stored
  // before this answer, it is the same message: drop the copy so the reply keeps its author and thread.
  const dropEcho = () =>
    tx.execute(sql`
      DELETE FROM messages WHERE channel_id = ${item.channel_id} AND external_id = ${externalId}
        AND id <> ${messageId} AND direction = 'out' AND author_user_id IS NULL AND automated_by IS NULL`);
  const claimExternalId = async (db: DbOrTx) => {
    const [clash] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(
        sql`${messages.channelId} = ${item.channel_id} AND ${messages.externalId} = ${externalId} AND ${messages.id} <> ${messageId}`,
      );
    await db
      .update(messages)
      .set({ deliveryStatus: "delivered", deliveryError: null, externalId: clash ? null : externalId })
      .where(eq(messages.id, messageId));
  };
  await dropEcho();
  try {
    await tx.transaction(claimExternalId);
  } catch (err) {
    if (
      (err as { code?: string; cause?: { code?: string } }).code !== "23505" &&
      (err as { cause?: { code?: string } }).cause?.code !== "23505"
    )
      throw err;
    // The echo was committed by the ingest worker between our delete and our update: it is visible now.
    await dropEcho();
    await claimExternalId(tx);
  }
  await tx
    .update(conversations)
    // Only an answer counts as the first response: not an auto-acknowledgement or the bot's hand-over notice.
    .set({
      firstResponseAt: sql`CASE WHEN EXISTS (SELECT 1 FROM messages m WHERE m.id = ${messageId}
          AND (m.author_user_id IS NOT NULL OR m.automated_by = 'bot'))
        THEN coalesce(${conversations.firstResponseAt}, now()) ELSE ${conversations.firstResponseAt} END`,
    })
    .where(eq(conversations.id, item.conversation_id));
}

/** The comment's state follows the platform once it confirmed; the request itself is in the audit log already. */
async function recordModerationDone(tx: DbOrTx, item: ClaimedItem, operation: string): Promise<void> {
  if (!item.message_id) return;
  const now = new Date();
  const state =
    operation === "hide"
      ? { hiddenAt: now }
      : operation === "unhide"
        ? { hiddenAt: null }
        : operation === "like"
          ? { likedAt: now }
          : operation === "unlike"
            ? { likedAt: null }
            : { deletedAt: now };
  await tx
    .update(messages)
    .set({ ...state, moderationPending: null, moderationError: null })
    .where(eq(messages.id, item.message_id));
  await tx.insert(auditLog).values({
    workspaceId: item.workspace_id,
    actorUserId: item.requested_by,
    action: `moderation.${operation}`,
    targetType: "message",
    targetId: item.message_id,
    details: { outboxId: item.id, conversationId: item.conversation_id },
  });
}

async function recordPublished(tx: DbOrTx, item: ClaimedItem, externalId: string): Promise<void> {
  await tx.insert(auditLog).values({
    workspaceId: item.workspace_id,
    actorUserId: item.requested_by,
    action: "post.published",
    targetType: "channel",
    targetId: item.channel_id,
    details: { outboxId: item.id, externalId },
  });
}

/**
 * After a crash, an item stays `sending` past its lease. Each item is marked `sending` only right before its
 * own HTTP call (see `deliverDueOutboxItems`), so such an item is one whose request may have reached the
 * platform: at most one per crashed worker. Whether it may be sent again depends on the platform.
 *
 * Why only VK is sent again: a retry is safe only where the platform itself drops a repeat of our key. VK
 * does: `messages.send` checks `random_id` against the sender's whole message history, and
 * `wall.createComment` takes a `guid` for the same purpose (https://dev.vk.com/en/method/messages.send), so
 * `idempotentSend` is true and the item goes back to `pending`. Telegram's `sendMessage` has no such
 * parameter (the Bot API does not expose MTProto's `random_id` to bots:
 * https://github.com/tdlib/telegram-bot-api/issues/482). Meta's send endpoints take no idempotency key
 * either: Messenger and Instagram `/{id}/messages`, WhatsApp Cloud API `/{phone-number-id}/messages`, comment
 * replies and page posts; a second call is a second message in front of the customer. For those the outcome
 * is unknown, so the item becomes `uncertain` for an agent to check rather than risk a copy. Hiding, liking
 * or deleting twice ends in the same state, so moderation is always repeated.
 */
export async function recoverExpiredLeases(db: Db): Promise<number> {
  const expired = await db
    .select({
      id: outbox.id,
      channelId: outbox.channelId,
      messageId: outbox.messageId,
      workspaceId: outbox.workspaceId,
      conversationId: outbox.conversationId,
      action: outbox.action,
      platform: channels.platform,
    })
    .from(outbox)
    .innerJoin(channels, eq(channels.id, outbox.channelId))
    .where(sql`${outbox.status} = 'sending' AND ${outbox.leaseUntil} < now()`);
  for (const item of expired) {
    const kind = (item.action as unknown as OutboundAction).kind;
    // Hiding, liking or deleting twice ends in the same state, so those are always safe to repeat.
    const idempotent = kind === "moderate" || adapterFor(item.platform)?.capabilities.idempotentSend === true;
    await db.transaction(async (tx) => {
      const [recovered] = await tx
        .update(outbox)
        .set(
          idempotent
            ? { status: "pending", leaseUntil: null }
            : {
                status: "uncertain",
                leaseUntil: null,
                lastError: "Delivery interrupted; the platform may or may not have the message",
              },
        )
        .where(sql`${outbox.id} = ${item.id} AND ${outbox.status} = 'sending'`)
        .returning({ id: outbox.id });
      // Another worker's recovery got there first (and the item may be on its way again): leave its message be.
      if (!recovered) return;
      if (kind !== "reply" || !item.messageId || !item.conversationId) return;
      await tx
        .update(messages)
        .set(
          idempotent
            ? { deliveryStatus: "queued" }
            : {
                deliveryStatus: "uncertain",
                deliveryError: "Delivery was interrupted. Check the platform before sending again.",
              },
        )
        .where(eq(messages.id, item.messageId));
      await notifyChange(tx, {
        workspaceId: item.workspaceId,
        type: "message.updated",
        conversationId: item.conversationId,
        messageId: item.messageId,
      });
    });
  }
  return expired.length;
}
