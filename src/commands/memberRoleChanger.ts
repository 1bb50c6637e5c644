import { eq } from "drizzle-orm";
import type { Role } from "../domain/roles.ts";
import type { Db } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { auditLog, users } from "../store/schema.ts";
import { invalidateTriageConfig } from "../triage/configVersion.ts";
import { lockMemberForChange } from "./memberGuard.ts";
import type { Actor } from "./triageConfigChange.ts";

/**
 * Gives a member another role. Permissions are read from the database on every request, so the change holds from
 * the member's next click on, in every open session and for every API token.
 */
export async function changeMemberRole(db: Db, actor: Actor, memberId: string, role: Role) {
  const result = await db.transaction(async (tx) => {
    const member = await lockMemberForChange(tx, actor, memberId, { kind: "role", to: role });
    if (member.role === role) return { id: member.id, role };
    await tx.update(users).set({ role }).where(eq(users.id, member.id));
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "user.role_changed",
      targetType: "user",
      targetId: member.id,
      details: { from: member.role, to: role },
    });
    await notifyChange(tx, { workspaceId: actor.workspaceId, type: "access.changed", userId: member.id });
    return { id: member.id, role };
  });
  // Triage caches who is who (an agent's teams, supervisors to notify).
  invalidateTriageConfig(actor.workspaceId);
  return result;
}
