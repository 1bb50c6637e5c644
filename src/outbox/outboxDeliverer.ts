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
 * Claims due outbox items and sends them. Claiming commits before the HTTP call so that a crash mid-send
 * leaves a visible `sending` item with a lease, which `recoverExpiredLeases` resolves. Items of a channel that
 * is held (the platform's wait, a pause, a revoked token) are not claimed: they wait, uncounted, for it.
 * Returns how many items were attempted.
 */
export async function deliverDueOutboxItems(
  db: Db,
  box: SecretBox,
  log: DelivererLog,
  leaseSeconds = DEFAULT_LEASE_SECONDS,
  health: ChannelHealthPolicy = DEFAULT_CHANNEL_HEALTH_POLICY,
): Promise<number> {
  const claimed = (await db.execute(sql`
    UPDATE outbox SET status = 'sending', attempts = attempts + 1,
      lease_until = now() + make_interval(secs => ${leaseSeconds})
    WHERE id IN (
      SELECT o.id FROM outbox o
      WHERE o.status = 'pending' AND o.next_attempt_at <= now()
        AND NOT EXISTS (
          SELECT 1 FROM outbox earlier
          WHERE earlier.conversation_id = o.conversation_id AND earlier.id < o.id
            AND earlier.status IN ('pending', 'sending'))
        AND NOT ${channelHeldSql(sql.raw("o.channel_id"))}
      ORDER BY o.id LIMIT ${BATCH_SIZE}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, workspace_id, channel_id, conversation_id, message_id, action, attempts, requested_by`)) as unknown as {
    rows: ClaimedItem[];
  };
  const items = claimed.rows.sort((a, b) => a.id - b.id);
  if (items.length === 0) return 0;
  const replies = items.filter((i) => i.action.kind === "reply" && i.message_id).map((i) => i.message_id!);
  if (replies.length > 0)
    await db.update(messages).set({ deliveryStatus: "sending" }).where(sql`${messages.id} IN ${replies}`);
  let attempted = 0;
  for (const item of items) {
    try {
      if (await deliverOne(db, box, item, log, health)) attempted += 1;
    } catch (err) {
      // One item's storage failure must not hold back the others; its lease expires and recovery takes over.
      log.warn({ outboxId: item.id, err: String(err) }, "recording a delivery failed");
      attempted += 1;
    }
  }
  return attempted;
}

/** Sends one claimed item, unless its channel became held since the claim. Returns whether it was sent. */
async function deliverOne(
  db: Db,
  box: SecretBox,
  item: ClaimedItem,
  log: DelivererLog,
  health: ChannelHealthPolicy,
): Promise<boolean> {
  const [channel] = await db.select().from(channels).where(eq(channels.id, item.channel_id));
  const adapter = channel ? adapterFor(channel.platform) : undefined;
  let result: SendResult;
  if (!channel || !adapter) {
    result = {
      ok: false,
      error: { code: "channel_gone", message: "The channel no longer exists", retryable: false },
    };
  } else if (channelHold(channel)) {
    // An earlier item of this batch (or another worker) was told to wait: this one waits too, uncounted.
    await releaseUnsent(db, item);
    return false;
  } else {
    result = await perform(adapter, item.action, channelContext(channel, adapter, box));
  }
  await recordOutcome(db, item, result, log, health);
  return true;
}

async function releaseUnsent(db: Db, item: ClaimedItem): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      UPDATE outbox SET status = 'pending', lease_until = NULL, attempts = attempts - 1
      WHERE id = ${item.id} AND status = 'sending'`);
    if (item.action.kind === "reply" && item.message_id)
      await tx.update(messages).set({ deliveryStatus: "queued" }).where(eq(messages.id, item.message_id));
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
  db: Db,
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
 * After a crash, items stay `sending` past their lease. Where the platform deduplicates with our key, sending
 * again is safe; elsewhere the outcome is unknown, so the item is marked `uncertain` for an agent to check
 * instead of risking a second copy in front of the customer.
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
      await tx
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
        .where(sql`${outbox.id} = ${item.id} AND ${outbox.status} = 'sending'`);
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
