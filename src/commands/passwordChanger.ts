import { and, eq, isNull, sql } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import { hashPassword, verifyPassword } from "../server/auth/password.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { auditLog, passwordResets, users } from "../store/schema.ts";
import { deleteOtherSessions } from "./sessionEnder.ts";

const FAILED_CHANGES_ALLOWED = 5;
const FAILED_CHANGE_WINDOW_MINUTES = 15;

/** Wrong current passwords are counted like failed sign-ins: a borrowed session must not become a guessing oracle. */
async function tooManyFailedChanges(db: Db, userId: string): Promise<boolean> {
  const result = (await db.execute(sql`
    SELECT count(*) AS failed FROM ${auditLog}
    WHERE action = 'auth.password_change_failed' AND actor_user_id = ${userId}
      AND created_at > now() - make_interval(mins => ${FAILED_CHANGE_WINDOW_MINUTES})`)) as unknown as {
    rows: { failed: string | number }[];
  };
  return Number(result.rows[0]?.failed ?? 0) >= FAILED_CHANGES_ALLOWED;
}

/**
 * Changes the signed-in person's password, proven by the current one. Every other session of theirs ends (the
 * reason to change a password is often that someone else may know it); `keepSessionHash` is the session that
 * asked, which stays signed in. Open reset links stop working too.
 */
export async function changePassword(
  db: Db,
  viewer: Viewer,
  input: { currentPassword: string; newPassword: string },
  keepSessionHash: string | null,
  ip: string,
): Promise<{ otherSessionsEnded: number }> {
  if (await tooManyFailedChanges(db, viewer.userId))
    throw new HttpError(429, "too_many_attempts", "Too many wrong passwords. Wait 15 minutes and try again.");
  const [user] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, viewer.userId));
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await db.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "auth.password_change_failed",
      targetType: "user",
      targetId: viewer.userId,
      ip,
    });
    throw new HttpError(400, "wrong_password", "The current password is not right");
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date() })
      .where(eq(users.id, viewer.userId));
    const otherSessionsEnded = await deleteOtherSessions(tx, viewer, keepSessionHash);
    await tx
      .delete(passwordResets)
      .where(and(eq(passwordResets.userId, viewer.userId), isNull(passwordResets.usedAt)));
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "auth.password_changed",
      targetType: "user",
      targetId: viewer.userId,
      details: { otherSessionsEnded },
      ip,
    });
    return { otherSessionsEnded };
  });
}
