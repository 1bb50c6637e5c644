import { and, eq } from "drizzle-orm";
import type { OutboundReply, TemplateChoice } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import { statusAfterReply } from "../domain/conversation.ts";
import type { ReplyChoice } from "../domain/replyChoice.ts";
import type { Db, Tx } from "../store/database.ts";
import { notifyChange, notifyWork } from "../store/notify.ts";
import { auditLog, channels, contactIdentities, conversations, messages, outbox } from "../store/schema.ts";
import { recordConversationEvent } from "../triage/conversationEvents.ts";

export class ActionRejectedError extends Error {
  override readonly name = "ActionRejectedError";
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * The conversation an answer goes into, locked so two answers to it are written one after the other, and its
 * channel (undefined once the channel is deleted).
 */
export async function lockConversationForAnswer(tx: Tx, conversationId: string) {
  const [conversation] = await tx
    .select()
    .from(conversations)
    .where(eq(conversations.id, conversationId))
    .for("update");
  if (!conversation) throw new ActionRejectedError("not_found", "Conversation not found");
  const [channel] = await tx.select().from(channels).where(eq(channels.id, conversation.channelId));
  return { conversation, channel };
}

export interface ReplyInput {
  conversationId: string;
  /** Null for what Parley writes itself (the FAQ bot, an automation rule); then `automatedBy` says which. */
  authorUserId: string | null;
  automatedBy?: string | undefined;
  text: string;
  visibility: "public" | "private";
  inReplyToMessageId?: string | undefined;
  template?: TemplateChoice | undefined;
  /** Buttons offered with the text (survey scores); see ReplyChoice. */
  choices?: ReplyChoice[] | undefined;
  acknowledgeChoiceId?: string | undefined;
  /** A key fixed by the caller, for what must go out once whatever happens (one question per survey). */
  idempotencyKey?: string | undefined;
  ip?: string | undefined;
}

/**
 * Writes an agent's reply and its outbox row in one transaction: once this returns, the reply will be
 * delivered by a worker even if this process dies now. The idempotency key is fixed here, once.
 */
export async function sendReply(db: Db, input: ReplyInput): Promise<typeof messages.$inferSelect> {
  return db.transaction((tx) => writeReply(tx, input));
}

/** sendReply inside the caller's transaction: triage answers and hides in the transaction that decided to. */
export async function writeReply(tx: Tx, input: ReplyInput): Promise<typeof messages.$inferSelect> {
  const { conversation, channel } = await lockConversationForAnswer(tx, input.conversationId);
  const adapter = channel ? adapterFor(channel.platform) : undefined;
  if (!channel || !adapter)
    throw new ActionRejectedError("channel_unavailable", "The channel no longer exists");
  if (channel.status === "disabled")
    throw new ActionRejectedError("channel_disabled", "The channel is disabled");

  const text = input.text.trim();
  if (text.length === 0) throw new ActionRejectedError("empty_reply", "The reply is empty");
  if (text.length > adapter.capabilities.maxTextLength) {
    throw new ActionRejectedError(
      "reply_too_long",
      `The reply is ${text.length} characters; ${channel.platform} allows ${adapter.capabilities.maxTextLength}`,
    );
  }
  if (input.template && adapter.capabilities.privateReplyWindow?.afterwards !== "templates_only")
    throw new ActionRejectedError(
      "templates_not_supported",
      `${adapter.displayName} has no message templates`,
    );
  const allowed = replyOptions(adapter.capabilities, conversation.visibility);
  if (!allowed[input.visibility]) {
    throw new ActionRejectedError(
      "visibility_not_allowed",
      `A ${input.visibility} reply is not possible here`,
    );
  }

  if (conversation.unsubscribedAt && conversation.visibility === "private")
    throw new ActionRejectedError(
      "recipient_unsubscribed",
      `The customer unsubscribed from this ${adapter.displayName} account on ${conversation.unsubscribedAt.toISOString()}: nothing can be sent until they subscribe again or write`,
    );

  let inReplyToExternalId: string | undefined;
  if (input.inReplyToMessageId) {
    const [parent] = await tx
      .select({ externalId: messages.externalId })
      .from(messages)
      .where(and(eq(messages.id, input.inReplyToMessageId), eq(messages.conversationId, conversation.id)));
    inReplyToExternalId = parent?.externalId ?? undefined;
  }

  const [message] = await tx
    .insert(messages)
    .values({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      channelId: conversation.channelId,
      direction: "out",
      visibility: input.visibility,
      authorUserId: input.authorUserId,
      automatedBy: input.automatedBy ?? null,
      parentExternalId: inReplyToExternalId ?? null,
      text,
      deliveryStatus: "queued",
    })
    .returning();

  // A private answer to a public comment goes to its author directly (VK message, Telegram DM).
  const [author] = await tx
    .select({ externalId: contactIdentities.externalId })
    .from(contactIdentities)
    .where(
      and(
        eq(contactIdentities.contactId, conversation.contactId),
        eq(contactIdentities.platform, channel.platform),
      ),
    )
    .limit(1);

  const action: OutboundReply = {
    kind: "reply",
    text,
    visibility: input.visibility,
    replyTarget: conversation.replyTarget as OutboundReply["replyTarget"],
    inReplyToExternalId,
    recipientExternalId: author?.externalId,
    lastInboundAt: conversation.lastInboundAt?.toISOString(),
    idempotencyKey: input.idempotencyKey ?? `parley-${message!.id}`,
    template: input.template,
    ...(input.choices ? { choices: input.choices } : {}),
    ...(input.acknowledgeChoiceId ? { acknowledgeChoiceId: input.acknowledgeChoiceId } : {}),
  };
  await tx.insert(outbox).values({
    workspaceId: conversation.workspaceId,
    channelId: conversation.channelId,
    conversationId: conversation.id,
    messageId: message!.id,
    idempotencyKey: action.idempotencyKey,
    action: action as unknown as Record<string, unknown>,
  });
  await tx
    .update(conversations)
    .set({
      status: statusAfterReply(conversation.status),
      // An auto-acknowledgement or the bot's "a person will join" still leaves the customer waiting for us.
      awaitingReply: answersCustomer(input) ? false : conversation.awaitingReply,
      lastMessageAt: new Date(),
      updatedAt: new Date(),
      assigneeId: conversation.assigneeId ?? input.authorUserId,
      ...(conversation.assigneeId === null && input.authorUserId !== null
        ? { assignedAt: new Date(), queuedAt: null }
        : {}),
    })
    .where(eq(conversations.id, conversation.id));
  await recordConversationEvent(tx, {
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    type: "agent_replied",
    details: {
      messageId: message!.id,
      userId: input.authorUserId,
      automatedBy: input.automatedBy ?? null,
      visibility: input.visibility,
    },
  });
  await tx.insert(auditLog).values({
    workspaceId: conversation.workspaceId,
    actorUserId: input.authorUserId,
    action: "reply.sent",
    targetType: "conversation",
    targetId: conversation.id,
    details: { messageId: message!.id, visibility: input.visibility, automatedBy: input.automatedBy },
    ip: input.ip ?? null,
  });
  await notifyWork(tx, "outbox");
  await notifyChange(tx, {
    workspaceId: conversation.workspaceId,
    type: "message.created",
    conversationId: conversation.id,
    messageId: message!.id,
  });
  return message!;
}

/** Whether a reply is an answer: a person's, or the FAQ bot's from the knowledge base; not a rule's notice. */
export function answersCustomer(input: {
  authorUserId: string | null;
  automatedBy?: string | undefined;
}): boolean {
  return input.authorUserId !== null || input.automatedBy === "bot";
}

/** Which reply kinds a thread allows: a private chat has no public side; a public thread may go private. */
export function replyOptions(
  capabilities: { publicReplies: boolean; privateReplies: boolean },
  visibility: "public" | "private",
): { public: boolean; private: boolean } {
  if (visibility === "private") return { public: false, private: capabilities.privateReplies };
  return { public: capabilities.publicReplies, private: capabilities.privateReplies };
}
