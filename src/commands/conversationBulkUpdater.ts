import { and, eq, inArray } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import { canSeeConversation } from "../domain/roles.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { auditLog, conversations } from "../store/schema.ts";
import { assignConversation, changeConversationStatus, labelConversation } from "./conversationUpdater.ts";

export type BulkAction =
  | { kind: "assign"; assigneeId: string | null }
  | { kind: "label"; add: string[]; remove: string[] }
  | { kind: "resolve" };

export type BulkResult =
  | { id: string; ok: true }
  | { id: string; ok: false; error: { code: string; message: string } };

/**
 * One action on a selection of conversations, each through the same command (and so the same audit entry,
 * conversation event and realtime notice) as its single form. Every item gets its own answer: a conversation
 * the viewer may not see is "not_found", exactly as the single route would say, and it stops nothing else.
 */
export async function updateConversationsInBulk(
  db: Db,
  viewer: Viewer,
  ids: string[],
  action: BulkAction,
): Promise<BulkResult[]> {
  const unique = [...new Set(ids)];
  const rows = await db
    .select({
      id: conversations.id,
      teamId: conversations.teamId,
      assigneeId: conversations.assigneeId,
      labels: conversations.labels,
    })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, viewer.workspaceId), inArray(conversations.id, unique)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const results: BulkResult[] = [];
  for (const id of unique) {
    const row = byId.get(id);
    if (!row || !canSeeConversation(viewer, row)) {
      results.push({ id, ok: false, error: { code: "not_found", message: "Conversation not found" } });
      continue;
    }
    try {
      if (action.kind === "assign") await assignConversation(db, viewer, id, action.assigneeId);
      else if (action.kind === "resolve") await changeConversationStatus(db, viewer, id, "resolved");
      else {
        const remove = new Set(action.remove);
        const labels = [...row.labels.filter((label) => !remove.has(label)), ...action.add];
        await labelConversation(db, viewer, id, labels);
      }
      results.push({ id, ok: true });
    } catch (err) {
      const error =
        err instanceof HttpError
          ? { code: err.code, message: err.message }
          : { code: "internal_error", message: "Something went wrong on our side" };
      results.push({ id, ok: false, error });
    }
  }
  await db.insert(auditLog).values({
    workspaceId: viewer.workspaceId,
    actorUserId: viewer.userId,
    action: "conversation.bulk_updated",
    targetType: "conversation",
    details: {
      action,
      succeeded: results.filter((r) => r.ok).map((r) => r.id),
      failed: results.filter((r) => !r.ok).map((r) => r.id),
    },
  });
  return results;
}
