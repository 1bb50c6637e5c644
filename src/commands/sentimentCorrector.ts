import { and, desc, eq, isNotNull } from "drizzle-orm";
import { markReportStale } from "../analytics/reportEvents.ts";
import type { Viewer } from "../domain/roles.ts";
import type { SentimentLabel } from "../listening/listeningTypes.ts";
import { ActionRejectedError } from "../outbox/replySender.ts";
import type { Db, Tx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { auditLog, conversations, messages, sentimentCorrections } from "../store/schema.ts";
import { invalidateTriageConfig } from "../triage/configVersion.ts";
import { recordConversationEvent } from "../triage/conversationEvents.ts";
import { type Priority, priorityAfterMoodCorrection } from "../triage/routing/priority.ts";

export interface SentimentCorrectionInput {
  conversationId: string;
  messageId: string;
  label: SentimentLabel;
}

export interface SentimentCorrectionOutcome {
  /** False when the message already had that label: nothing is recorded for a click that changes nothing. */
  changed: boolean;
  /** True when the message decides the conversation's mood (its latest judged customer message). */
  conversationChanged: boolean;
}

/**
 * An agent's one-click correction of a customer message's mood. It is recorded (who, when, what the model
 * said, what the agent says, the text and its language), stands on the message, becomes the conversation's
 * mood when the message is its latest judged customer message, and teaches the workspace's sentiment
 * learner, which the triage configuration retrains when the corrections change.
 */
export async function correctSentiment(
  db: Db,
  viewer: Viewer,
  input: SentimentCorrectionInput,
): Promise<SentimentCorrectionOutcome> {
  const outcome = await db.transaction(async (tx) => {
    const [message] = await tx
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.id, input.messageId),
          eq(messages.conversationId, input.conversationId),
          eq(messages.workspaceId, viewer.workspaceId),
          eq(messages.direction, "in"),
        ),
      )
      .for("update");
    if (!message) throw new ActionRejectedError("not_found", "Customer message not found");
    if (!message.sentiment || !message.sentimentJudged)
      throw new ActionRejectedError("not_judged", "This message's mood has not been judged yet");
    if (message.sentiment === input.label) return { changed: false, conversationChanged: false };

    const now = new Date();
    await tx.insert(sentimentCorrections).values({
      workspaceId: viewer.workspaceId,
      messageId: message.id,
      conversationId: message.conversationId,
      language: message.language,
      text: message.text.slice(0, 4_000),
      originalLabel: message.sentimentJudged,
      correctedLabel: input.label,
      model: message.sentimentModel,
      createdBy: viewer.userId,
      createdAt: now,
    });
    await tx
      .update(messages)
      .set({ sentiment: input.label, sentimentCorrectedBy: viewer.userId, sentimentCorrectedAt: now })
      .where(eq(messages.id, message.id));
    // The sentiment corrections report reads the message's standing label from the conversation's facts.
    await markReportStale(tx, viewer.workspaceId, message.conversationId);

    const [latest] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.conversationId, message.conversationId),
          eq(messages.direction, "in"),
          isNotNull(messages.sentiment),
        ),
      )
      .orderBy(desc(messages.sentAt), desc(messages.createdAt))
      .limit(1);
    const conversationChanged = latest?.id === message.id;
    if (conversationChanged) await applyToConversation(tx, viewer, message.conversationId, input.label, now);

    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "message.sentiment_corrected",
      targetType: "message",
      targetId: message.id,
      details: {
        conversationId: message.conversationId,
        from: message.sentiment,
        to: input.label,
        judged: message.sentimentJudged,
        model: message.sentimentModel,
        language: message.language,
        conversationChanged,
      },
    });
    await notifyChange(tx, {
      workspaceId: viewer.workspaceId,
      type: "message.updated",
      conversationId: message.conversationId,
      messageId: message.id,
    });
    if (conversationChanged)
      await notifyChange(tx, {
        workspaceId: viewer.workspaceId,
        type: "conversation.updated",
        conversationId: message.conversationId,
      });
    return { changed: true, conversationChanged };
  });
  // The learner retrains at once in this process; other processes when their cached copy expires.
  if (outcome.changed) invalidateTriageConfig(viewer.workspaceId);
  return outcome;
}

/**
 * The deciding message's new mood becomes the conversation's, with the priority reasons it brings or takes
 * away (priorityAfterMoodCorrection: it may raise the priority, never lower it). A priority an agent set stands.
 */
async function applyToConversation(
  tx: Tx,
  viewer: Viewer,
  conversationId: string,
  label: SentimentLabel,
  now: Date,
): Promise<void> {
  const [conversation] = await tx
    .select()
    .from(conversations)
    .where(eq(conversations.id, conversationId))
    .for("update");
  if (!conversation) return;
  const set: Partial<typeof conversations.$inferInsert> = { sentiment: label, updatedAt: now };
  if (!conversation.prioritySetByAgent) {
    const before = conversation.priority as Priority;
    const after = priorityAfterMoodCorrection(
      { priority: before, reasons: conversation.priorityReasons as { kind: string; detail?: string }[] },
      label,
      conversation.visibility === "public",
    );
    set.priorityReasons = after.reasons;
    if (after.priority !== before) {
      set.priority = after.priority;
      // The SLA policy may differ with the priority: triage refreshes the clocks on this event.
      await recordConversationEvent(tx, {
        workspaceId: viewer.workspaceId,
        conversationId,
        type: "priority_changed",
        details: { priority: after.priority, before: { priority: before }, reason: "sentiment_corrected" },
      });
    }
  }
  await tx.update(conversations).set(set).where(eq(conversations.id, conversationId));
}
