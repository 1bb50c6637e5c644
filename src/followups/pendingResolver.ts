import { eq, sql } from "drizzle-orm";
import type { Db } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { auditLog, conversations } from "../store/schema.ts";
import { recordConversationEvent } from "../triage/conversationEvents.ts";

const MAX_PER_PASS = 50;

/**
 * Resolves pending cases (waiting on the customer) that heard nothing for the workspace's number of days. The
 * due moment is the last message plus those days; due conversations are claimed with SKIP LOCKED, so several
 * workers never resolve one twice, and a snoozed conversation is left to its snooze. Each resolution is a status
 * change triage sees (marked automatic, so no survey follows it) and is in the audit log.
 */
export async function resolveStalePending(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const due = (await tx.execute(sql`
      SELECT c.id, c.workspace_id, s.auto_resolve_pending_days AS days FROM conversations c
      JOIN survey_settings s ON s.workspace_id = c.workspace_id
      WHERE c.status = 'pending' AND s.auto_resolve_pending_days IS NOT NULL
        AND c.last_message_at <= now() - make_interval(days => s.auto_resolve_pending_days)
        AND NOT EXISTS (SELECT 1 FROM follow_ups f
          WHERE f.conversation_id = c.id AND f.kind = 'snooze' AND f.status = 'pending')
      ORDER BY c.last_message_at LIMIT ${MAX_PER_PASS}
      FOR UPDATE OF c SKIP LOCKED`)) as unknown as {
      rows: { id: string; workspace_id: string; days: number }[];
    };
    for (const row of due.rows) {
      const now = new Date();
      await tx
        .update(conversations)
        .set({ status: "resolved", resolvedAt: now, awaitingReply: false, queuedAt: null, updatedAt: now })
        .where(eq(conversations.id, row.id));
      const details = { reason: "pending_timeout", days: row.days };
      await recordConversationEvent(tx, {
        workspaceId: row.workspace_id,
        conversationId: row.id,
        type: "status_changed",
        details: { status: "resolved", before: { status: "pending" }, automatic: true, ...details },
      });
      await tx.insert(auditLog).values({
        workspaceId: row.workspace_id,
        action: "conversation.auto_resolved",
        targetType: "conversation",
        targetId: row.id,
        details,
      });
      await notifyChange(tx, {
        workspaceId: row.workspace_id,
        type: "conversation.updated",
        conversationId: row.id,
      });
    }
    return due.rows.length;
  });
}
