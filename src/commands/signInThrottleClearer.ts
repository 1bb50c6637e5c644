import type { Viewer } from "../domain/roles.ts";
import { deleteSignInThrottle } from "../server/auth/signInThrottles.ts";
import { notFound } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { auditLog } from "../store/schema.ts";

/**
 * An admin lets an account or address try again at once (a colleague who mistyped, a known office NAT).
 * The failures it had are kept in the audit log; the clearing is recorded beside them.
 */
export async function clearSignInThrottle(db: Db, viewer: Viewer, id: string, ip: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await deleteSignInThrottle(tx, viewer.workspaceId, id);
    if (!row) throw notFound("Sign-in throttle");
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "auth.sign_in_throttle_cleared",
      targetType: "sign_in_throttle",
      targetId: row.key,
      details: { kind: row.kind, email: row.email, source: row.source, failures: row.failures },
      ip,
    });
  });
}
