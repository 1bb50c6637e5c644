import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db, Tx } from "../store/database.ts";
import { notifyChange, notifyWork } from "../store/notify.ts";
import { apiTokens, auditLog, conversations, passwordResets, sessions, users } from "../store/schema.ts";
import { invalidateTriageConfig } from "../triage/configVersion.ts";
import { recordConversationEvent } from "../triage/conversationEvents.ts";
import { lockMemberForChange } from "./memberGuard.ts";
import type { Actor } from "./triageConfigChange.ts";

export interface DeactivationOutcome {
  id: string;
  sessionsEnded: number;
  tokensRevoked: number;
  conversationsReturned: number;
}

/**
 * Hands a departing member's open conversations back: unassigned, waiting in their team's queue. The
 * assignment_changed event lets triage give them to a free teammate at once, as when an agent hands a case back.
 */
async function returnConversationsToQueue(tx: Tx, actor: Actor, memberId: string): Promise<number> {
  const open = await tx
    .select({ id: conversations.id, teamId: conversations.teamId, status: conversations.status })
    .from(conversations)
    .where(and(eq(conversations.assigneeId, memberId), ne(conversations.status, "resolved")))
    .for("update");
  const now = new Date();
  for (const conversation of open) {
    await tx
      .update(conversations)
      .set({ assigneeId: null, assignedAt: null, queuedAt: conversation.teamId ? now : null, updatedAt: now })
      .where(eq(conversations.id, conversation.id));
    await recordConversationEvent(tx, {
      workspaceId: actor.workspaceId,
      conversationId: conversation.id,
      type: "assignment_changed",
      details: {
        assigneeId: null,
        before: { assigneeId: memberId, status: conversation.status },
        byUserId: actor.userId,
        reason: "assignee_deactivated",
      },
    });
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "conversation.assigned",
      targetType: "conversation",
      targetId: conversation.id,
      details: { assigneeId: null, previousAssigneeId: memberId, reason: "assignee_deactivated" },
    });
    await notifyChange(tx, {
      workspaceId: actor.workspaceId,
      type: "conversation.updated",
      conversationId: conversation.id,
    });
  }
  if (open.length > 0) await notifyWork(tx, "queues");
  return open.length;
}

/**
 * Deactivates a member in one transaction: they can no longer sign in, their sessions and API tokens are deleted
 * (not just refused, so reactivating them later does not bring an old token back), open reset links die, and
 * their open conversations go back to the queue. Their history (replies, notes, audit) stays theirs.
 */
export async function deactivateMember(db: Db, actor: Actor, memberId: string): Promise<DeactivationOutcome> {
  const outcome = await db.transaction(async (tx) => {
    const member = await lockMemberForChange(tx, actor, memberId, { kind: "deactivate" });
    if (member.disabled)
      return { id: member.id, sessionsEnded: 0, tokensRevoked: 0, conversationsReturned: 0 };
    await tx.update(users).set({ disabled: true, availability: "offline" }).where(eq(users.id, member.id));
    const ended = await tx
      .delete(sessions)
      .where(eq(sessions.userId, member.id))
      .returning({ id: sessions.id });
    const revoked = await tx
      .delete(apiTokens)
      .where(eq(apiTokens.userId, member.id))
      .returning({ name: apiTokens.name });
    await tx
      .delete(passwordResets)
      .where(and(eq(passwordResets.userId, member.id), isNull(passwordResets.usedAt)));
    const conversationsReturned = await returnConversationsToQueue(tx, actor, member.id);
    const result = {
      id: member.id,
      sessionsEnded: ended.length,
      tokensRevoked: revoked.length,
      conversationsReturned,
    };
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "user.deactivated",
      targetType: "user",
      targetId: member.id,
      details: { email: member.email, ...result, tokens: revoked.map((t) => t.name) },
    });
    // Open event streams of theirs, in every server process, close now rather than at their next reconnect.
    await notifyChange(tx, { workspaceId: actor.workspaceId, type: "access.changed", userId: member.id });
    return result;
  });
  // Assignment reads who is active from the cached configuration.
  invalidateTriageConfig(actor.workspaceId);
  return outcome;
}

/** Lets a deactivated member sign in again with their password; sessions and tokens were deleted for good. */
export async function reactivateMember(db: Db, actor: Actor, memberId: string): Promise<{ id: string }> {
  const result = await db.transaction(async (tx) => {
    const member = await lockMemberForChange(tx, actor, memberId, { kind: "reactivate" });
    if (!member.disabled) return { id: member.id };
    await tx.update(users).set({ disabled: false }).where(eq(users.id, member.id));
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "user.reactivated",
      targetType: "user",
      targetId: member.id,
      details: { email: member.email },
    });
    return { id: member.id };
  });
  invalidateTriageConfig(actor.workspaceId);
  return result;
}
