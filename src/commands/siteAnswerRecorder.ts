import { eq } from "drizzle-orm";
import { adapterFor } from "../channels/registry.ts";
import { statusAfterReply } from "../domain/conversation.ts";
import { ActionRejectedError, lockConversationForAnswer } from "../outbox/replySender.ts";
import type { Db } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { auditLog, conversations, messages } from "../store/schema.ts";
import { recordConversationEvent } from "../triage/conversationEvents.ts";

export interface SiteAnswerInput {
  conversationId: string;
  userId: string;
  /** What the agent wrote on the site, when they care to keep it; optional. */
  text?: string | undefined;
  ip?: string | undefined;
}

const MAX_TEXT = 20_000;

/**
 * Records that an agent answered a web mention on the site itself (a review's reply form, a forum thread): an
 * outbound message marked answered-on-site, with who gave it and when. Nothing goes to the outbox, as nothing can
 * be sent; the answer counts as the first response (the SLA clock stops through the agent_replied event, as for
 * any reply) and the conversation leaves "new".
 */
export async function recordSiteAnswer(
  db: Db,
  input: SiteAnswerInput,
): Promise<typeof messages.$inferSelect> {
  const text = (input.text ?? "").trim();
  if (text.length > MAX_TEXT)
    throw new ActionRejectedError(
      "reply_too_long",
      `The answer is ${text.length} characters; at most ${MAX_TEXT}`,
    );
  return db.transaction(async (tx) => {
    const { conversation, channel } = await lockConversationForAnswer(tx, input.conversationId);
    if (!channel || !adapterFor(channel.platform)?.capabilities.answersOnSite)
      throw new ActionRejectedError(
        "not_answered_on_site",
        "Only web mentions are answered on the site; reply here instead",
      );
    const now = new Date();
    const [message] = await tx
      .insert(messages)
      .values({
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        channelId: conversation.channelId,
        direction: "out",
        visibility: "public",
        authorUserId: input.userId,
        text,
        deliveryStatus: "delivered",
        answeredOnSiteAt: now,
        sentAt: now,
      })
      .returning();
    await tx
      .update(conversations)
      .set({
        status: statusAfterReply(conversation.status),
        awaitingReply: false,
        lastMessageAt: now,
        updatedAt: now,
        firstResponseAt: conversation.firstResponseAt ?? now,
        assigneeId: conversation.assigneeId ?? input.userId,
        ...(conversation.assigneeId === null ? { assignedAt: now, queuedAt: null } : {}),
      })
      .where(eq(conversations.id, conversation.id));
    await recordConversationEvent(tx, {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      type: "agent_replied",
      details: { messageId: message!.id, userId: input.userId, visibility: "public", answeredOnSite: true },
      occurredAt: now,
    });
    await tx.insert(auditLog).values({
      workspaceId: conversation.workspaceId,
      actorUserId: input.userId,
      action: "reply.answered_on_site",
      targetType: "conversation",
      targetId: conversation.id,
      details: { messageId: message!.id },
      ip: input.ip ?? null,
    });
    await notifyChange(tx, {
      workspaceId: conversation.workspaceId,
      type: "message.created",
      conversationId: conversation.id,
      messageId: message!.id,
    });
    return message!;
  });
}
