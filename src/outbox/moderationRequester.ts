import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { ModerationOperation, OutboundModeration } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import type { Viewer } from "../domain/roles.ts";
import type { Db, Tx } from "../store/database.ts";
import { notifyChange, notifyWork } from "../store/notify.ts";
import { auditLog, channels, messages, outbox } from "../store/schema.ts";
import { ActionRejectedError } from "./replySender.ts";

/**
 * Queues a moderation operation on a public comment. The platform call goes through the outbox like a reply,
 * so a throttled or briefly unavailable platform delays it instead of losing it; the request is logged at once
 * and the comment's state changes only when the platform confirms.
 */
export async function requestModeration(db: Db, viewer: Viewer, input: ModerationRequest): Promise<void> {
  await db.transaction((tx) => writeModerationRequest(tx, viewer.userId, input));
}

export interface ModerationRequest {
  conversationId: string;
  messageId: string;
  operation: ModerationOperation;
  ip?: string | undefined;
  /** Why Parley itself asked (a community rule, an automation rule); logged beside the request. */
  reason?: string | undefined;
}

/** requestModeration inside the caller's transaction; a null actor is Parley acting on a community rule. */
export async function writeModerationRequest(
  tx: Tx,
  actorUserId: string | null,
  input: ModerationRequest,
): Promise<void> {
  const [target] = await tx
    .select({ message: messages, platform: channels.platform })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(and(eq(messages.id, input.messageId), eq(messages.conversationId, input.conversationId)))
    .for("update", { of: messages });
  if (!target) throw new ActionRejectedError("not_found", "Message not found");
  const { message } = target;
  const adapter = adapterFor(target.platform);
  if (!adapter?.capabilities.moderation?.includes(input.operation))
    throw new ActionRejectedError(
      "operation_not_supported",
      `${adapter?.displayName ?? target.platform} does not allow "${input.operation}" from Parley`,
    );
  if (message.visibility !== "public" || !message.externalId || message.direction === "note")
    throw new ActionRejectedError("not_moderatable", "Only published public comments can be moderated");
  if (message.deletedAt) throw new ActionRejectedError("already_deleted", "The comment is already deleted");
  if (message.moderationPending)
    throw new ActionRejectedError(
      "moderation_pending",
      `"${message.moderationPending}" is still in progress`,
    );

  const action: OutboundModeration = {
    kind: "moderate",
    operation: input.operation,
    targetExternalId: message.externalId,
    // One key per request: hiding, unhiding and hiding again are three different calls.
    idempotencyKey: `parley-moderate-${randomUUID()}`,
  };
  const [queued] = await tx
    .insert(outbox)
    .values({
      workspaceId: message.workspaceId,
      channelId: message.channelId,
      conversationId: message.conversationId,
      messageId: message.id,
      idempotencyKey: action.idempotencyKey,
      action: action as unknown as Record<string, unknown>,
      requestedBy: actorUserId,
    })
    .returning({ id: outbox.id });
  await tx
    .update(messages)
    .set({ moderationPending: input.operation, moderationError: null })
    .where(eq(messages.id, message.id));
  await tx.insert(auditLog).values({
    workspaceId: message.workspaceId,
    actorUserId,
    action: "moderation.requested",
    targetType: "message",
    targetId: message.id,
    details: {
      operation: input.operation,
      conversationId: message.conversationId,
      outboxId: queued!.id,
      ...(input.reason ? { reason: input.reason } : {}),
    },
    ip: input.ip ?? null,
  });
  await notifyWork(tx, "outbox");
  await notifyChange(tx, {
    workspaceId: message.workspaceId,
    type: "message.updated",
    conversationId: message.conversationId,
    messageId: message.id,
  });
}
