import { and, desc, eq, inArray } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { auditLog, conversations, followUps } from "../store/schema.ts";
import { reopenCase } from "../surveys/surveyReplies.ts";
import { recordConversationEvent } from "../triage/conversationEvents.ts";

const MAX_SNOOZE_MS = 90 * 86_400_000;

/**
 * Puts a conversation aside until `until`: it waits as pending (its SLA clocks pause) and at that time comes
 * back and its assignee is told. A later snooze replaces an earlier one. A customer writing meanwhile reopens
 * it as always; the reminder still comes, as the agent asked for it.
 */
export async function snoozeConversation(
  db: Db,
  viewer: Viewer,
  conversationId: string,
  until: Date,
  note: string | undefined,
) {
  const now = Date.now();
  if (until.getTime() <= now)
    throw new HttpError(400, "invalid_request", "Snooze until a time in the future");
  if (until.getTime() - now > MAX_SNOOZE_MS)
    throw new HttpError(400, "invalid_request", "Snooze for at most 90 days");
  return db.transaction(async (tx) => {
    const [conversation] = await tx
      .select({ status: conversations.status })
      .from(conversations)
      .where(eq(conversations.id, conversationId))
      .for("update");
    if (!conversation) throw new HttpError(404, "not_found", "Conversation not found");
    if (conversation.status === "resolved")
      throw new HttpError(409, "conflict", "A resolved conversation cannot be snoozed");
    await cancelSnoozes(tx, conversationId, "replaced");
    const [row] = await tx
      .insert(followUps)
      .values({
        workspaceId: viewer.workspaceId,
        conversationId,
        kind: "snooze",
        dueAt: until,
        createdBy: viewer.userId,
        details: note ? { note } : {},
      })
      .returning();
    if (conversation.status !== "pending") {
      await tx
        .update(conversations)
        .set({ status: "pending", updatedAt: new Date() })
        .where(eq(conversations.id, conversationId));
      await recordConversationEvent(tx, {
        workspaceId: viewer.workspaceId,
        conversationId,
        type: "status_changed",
        details: { status: "pending", before: conversation, byUserId: viewer.userId, snoozedUntil: until },
      });
    }
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "conversation.snoozed",
      targetType: "conversation",
      targetId: conversationId,
      details: { until: until.toISOString() },
    });
    await notifyChange(tx, { workspaceId: viewer.workspaceId, type: "conversation.updated", conversationId });
    return presentFollowUp(row!);
  });
}

/** Wakes a snoozed conversation now: the snooze is cancelled and a conversation still pending is open again. */
export async function unsnoozeConversation(db: Db, viewer: Viewer, conversationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const cancelled = await cancelSnoozes(tx, conversationId, "cancelled_by_agent");
    const [conversation] = await tx
      .select({ status: conversations.status })
      .from(conversations)
      .where(eq(conversations.id, conversationId));
    if (cancelled > 0 && conversation?.status === "pending")
      await reopenCase(tx, conversationId, viewer.workspaceId, {
        reason: "snooze_cancelled",
        byUserId: viewer.userId,
      });
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "conversation.unsnoozed",
      targetType: "conversation",
      targetId: conversationId,
    });
    await notifyChange(tx, { workspaceId: viewer.workspaceId, type: "conversation.updated", conversationId });
  });
}

async function cancelSnoozes(
  tx: Parameters<Parameters<Db["transaction"]>[0]>[0],
  conversationId: string,
  reason: string,
): Promise<number> {
  const rows = await tx
    .update(followUps)
    .set({ status: "cancelled", reason, doneAt: new Date() })
    .where(
      and(
        eq(followUps.conversationId, conversationId),
        eq(followUps.kind, "snooze"),
        eq(followUps.status, "pending"),
      ),
    )
    .returning({ id: followUps.id });
  return rows.length;
}

export function presentFollowUp(row: typeof followUps.$inferSelect) {
  return {
    id: row.id,
    conversationId: row.conversationId,
    kind: row.kind,
    status: row.status,
    dueAt: row.dueAt.toISOString(),
    userId: row.userId,
    createdBy: row.createdBy,
    reason: row.reason,
    answer: row.answer,
    details: row.details,
    createdAt: row.createdAt.toISOString(),
    doneAt: row.doneAt?.toISOString() ?? null,
  };
}

/** The conversation's follow-ups, newest first: its snooze, check-in and low-score follow-up. */
export async function listFollowUps(db: Db, conversationId: string) {
  const rows = await db
    .select()
    .from(followUps)
    .where(
      and(
        eq(followUps.conversationId, conversationId),
        inArray(followUps.kind, ["snooze", "check_in", "low_score"]),
      ),
    )
    .orderBy(desc(followUps.createdAt))
    .limit(50);
  return rows.map(presentFollowUp);
}
