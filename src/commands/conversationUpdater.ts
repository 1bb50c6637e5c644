import { and, eq } from "drizzle-orm";
import type { ConversationStatus } from "../domain/conversation.ts";
import type { Viewer } from "../domain/roles.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { auditLog, conversations, messages, users } from "../store/schema.ts";

async function touch(
  db: Db,
  viewer: Viewer,
  conversationId: string,
  set: Partial<typeof conversations.$inferInsert>,
  audit: { action: string; details: Record<string, unknown> },
) {
  await db.transaction(async (tx) => {
    await tx
      .update(conversations)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(conversations.id, conversationId));
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: audit.action,
      targetType: "conversation",
      targetId: conversationId,
      details: audit.details,
    });
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
    { assigneeId },
    { action: "conversation.assigned", details: { assigneeId } },
  );
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
    { status, ...(status === "resolved" ? { awaitingReply: false } : {}) },
    {
      action: "conversation.status_changed",
      details: { status },
    },
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
    await notifyChange(tx, {
      workspaceId: viewer.workspaceId,
      type: "message.created",
      conversationId: conversation.id,
      messageId: note!.id,
    });
    return note!;
  });
}
