import { and, eq, ne } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import { notFound } from "../server/httpError.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { auditLog, sessions } from "../store/schema.ts";

/** Signs out one of the person's own sessions (a browser left signed in elsewhere). */
export async function endSession(db: Db, viewer: Viewer, sessionId: string, ip: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [ended] = await tx
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, viewer.userId)))
      .returning({ id: sessions.id });
    // Someone else's session is as absent as one that never was.
    if (!ended) throw notFound("Session");
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "auth.session_ended",
      targetType: "session",
      targetId: sessionId,
      ip,
    });
    await notifyChange(tx, {
      workspaceId: viewer.workspaceId,
      type: "access.changed",
      userId: viewer.userId,
    });
  });
}

/**
 * Deletes every session of the person but `keepSessionHash` (all of them when null) and, when any ended, tells
 * their open event streams, in the caller's transaction. Shared by "sign out other sessions" and a password change.
 */
export async function deleteOtherSessions(
  tx: DbOrTx,
  viewer: Viewer,
  keepSessionHash: string | null,
): Promise<number> {
  const ended = await tx
    .delete(sessions)
    .where(
      keepSessionHash
        ? and(eq(sessions.userId, viewer.userId), ne(sessions.tokenHash, keepSessionHash))
        : eq(sessions.userId, viewer.userId),
    )
    .returning({ id: sessions.id });
  if (ended.length > 0)
    await notifyChange(tx, {
      workspaceId: viewer.workspaceId,
      type: "access.changed",
      userId: viewer.userId,
    });
  return ended.length;
}

/**
 * Signs out every session of the person but the one asking (`keepSessionHash`; null when the request came with an
 * API token, which then ends them all).
 */
export async function endOtherSessions(
  db: Db,
  viewer: Viewer,
  keepSessionHash: string | null,
  ip: string,
): Promise<{ ended: number }> {
  return db.transaction(async (tx) => {
    const ended = await deleteOtherSessions(tx, viewer, keepSessionHash);
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "auth.other_sessions_ended",
      targetType: "user",
      targetId: viewer.userId,
      details: { ended },
      ip,
    });
    return { ended };
  });
}
