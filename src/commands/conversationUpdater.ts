import { and, eq } from "drizzle-orm";
import { markReportStale, recordAgentActivity } from "../analytics/reportEvents.ts";
import type { ConversationStatus } from "../domain/conversation.ts";
import type { Viewer } from "../domain/roles.ts";
import { notifyUsers } from "../notifications/userNotifications.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { auditLog, categories, classifierExamples, conversations, messages, users } from "../store/schema.ts";
import { invalidateTriageConfig } from "../triage/configVersion.ts";
import { type ConversationEventInput, recordConversationEvent } from "../triage/conversationEvents.ts";

async function touch(
  db: Db,
  viewer: Viewer,
  conversationId: string,
  set: Partial<typeof conversations.$inferInsert>,
  audit: { action: string; details: Record<string, unknown> },
  event?: Pick<ConversationEventInput, "type" | "details">,
) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ status: conversations.status, assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(eq(conversations.id, conversationId))
      .for("update");
    await tx
      .update(conversations)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(conversations.id, conversationId));
    if (event)
      await recordConversationEvent(tx, {
        workspaceId: viewer.workspaceId,
        conversationId,
        type: event.type,
        details: { ...event.details, before, byUserId: viewer.userId },
      });
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: audit.action,
      targetType: "conversation",
      targetId: conversationId,
      details: audit.details,
    });
    // A category or priority set by hand raises no conversation event; the reports' cut must follow anyway.
    await markReportStale(tx, viewer.workspaceId, conversationId);
    await notifyChange(tx, { workspaceId: viewer.workspaceId, type: "conversation.updated", conversationId });
  });
}

/** Assigns a conversation to a member of the workspace, or unassigns it (null). */
export async function assignConversation(
  db: Db,
  viewer: Viewer,
  conversationId: string,
  assigneeId: string | null,
) {
  if (assigneeId) {
    const [user] = await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(eq(users.id, assigneeId), eq(users.workspaceId, viewer.workspaceId), eq(users.disabled, false)),
      );
    if (!user) throw new HttpError(400, "unknown_assignee", "No such active user in this workspace");
  }
  await touch(
    db,
    viewer,
    conversationId,
    { assigneeId, assignedAt: assigneeId ? new Date() : null, queuedAt: null },
    { action: "conversation.assigned", details: { assigneeId } },
    { type: "assignment_changed", details: { assigneeId } },
  );
  if (assigneeId && assigneeId !== viewer.userId)
    await notifyUsers(db, viewer.workspaceId, [assigneeId], {
      kind: "assigned",
      conversationId,
      text: "A conversation was assigned to you",
      data: { byUserId: viewer.userId },
    });
}

export async function changeConversationStatus(
  db: Db,
  viewer: Viewer,
  conversationId: string,
  status: ConversationStatus,
) {
  await touch(
    db,
    viewer,
    conversationId,
    {
      status,
      ...(status === "resolved" ? { awaitingReply: false, resolvedAt: new Date(), queuedAt: null } : {}),
    },
    {
      action: "conversation.status_changed",
      details: { status },
    },
    { type: "status_changed", details: { status } },
  );
}

/** An internal note: visible to the team, never sent to the customer, never touches the outbox. */
export async function addNote(
  db: Db,
  viewer: Viewer,
  conversation: { id: string; channelId: string },
  text: string,
) {
  return db.transaction(async (tx) => {
    const [note] = await tx
      .insert(messages)
      .values({
        workspaceId: viewer.workspaceId,
        conversationId: conversation.id,
        channelId: conversation.channelId,
        direction: "note",
        visibility: "private",
        authorUserId: viewer.userId,
        text,
        deliveryStatus: "delivered",
      })
      .returning();
    await recordAgentActivity(tx, {
      workspaceId: viewer.workspaceId,
      conversationId: conversation.id,
      userId: viewer.userId,
      kind: "work",
    });
    await notifyChange(tx, {
      workspaceId: viewer.workspaceId,
      type: "message.created",
      conversationId: conversation.id,
      messageId: note!.id,
    });
    return note!;
  });
}

/**
 * An agent's category stands (triage never overrides it) and teaches the classifier: the conversation's
 * customer text becomes a training example for the chosen category.
 */
export async function categorizeConversation(
  db: Db,
  viewer: Viewer,
  conversationId: string,
  categoryId: string | null,
) {
  let categoryKey: string | null = null;
  if (categoryId) {
    const [category] = await db
      .select({ key: categories.key })
      .from(categories)
      .where(and(eq(categories.id, categoryId), eq(categories.workspaceId, viewer.workspaceId)));
    if (!category) throw new HttpError(400, "unknown_category", "No such category in this workspace");
    categoryKey = category.key;
  }
  await touch(
    db,
    viewer,
    conversationId,
    { categoryId, categorySource: categoryId ? "agent" : null, categoryConfidence: null },
    { action: "conversation.categorized", details: { categoryId, categoryKey } },
  );
  if (!categoryKey) return;
  const inbound = await db
    .select({ text: messages.text })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, "in")))
    .orderBy(messages.sentAt)
    .limit(5);
  const text = inbound
    .map((m) => m.text)
    .join("\n")
    .trim();
  const [conversation] = await db
    .select({ language: conversations.language })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  if (text)
    await db.insert(classifierExamples).values({
      workspaceId: viewer.workspaceId,
      conversationId,
      categoryKey,
      language: conversation?.language ?? null,
      text: text.slice(0, 4_000),
      createdBy: viewer.userId,
    });
  // The classifier learns at once in this process; other processes when their cached copy expires.
  invalidateTriageConfig(viewer.workspaceId);
}

export async function prioritizeConversation(
  db: Db,
  viewer: Viewer,
  conversationId: string,
  priority: "low" | "normal" | "high" | "urgent",
) {
  await touch(
    db,
    viewer,
    conversationId,
    { priority, prioritySetByAgent: true, priorityReasons: [{ kind: "set_by_agent" }] },
    { action: "conversation.prioritized", details: { priority } },
    { type: "priority_changed", details: { priority } },
  );
}

export async function labelConversation(db: Db, viewer: Viewer, conversationId: string, labels: string[]) {
  const unique = [...new Set(labels.map((label) => label.trim()).filter(Boolean))];
  await touch(
    db,
    viewer,
    conversationId,
    { labels: unique },
    { action: "conversation.labelled", details: { labels: unique } },
  );
}
