import { and, eq } from "drizzle-orm";
import { type MemberChange, memberChangeRefusal } from "../domain/memberChanges.ts";
import type { Role } from "../domain/roles.ts";
import { forbidden, HttpError, notFound } from "../server/httpError.ts";
import type { Tx } from "../store/database.ts";
import { users } from "../store/schema.ts";
import type { Actor } from "./triageConfigChange.ts";

export interface MemberRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
}

/**
 * Locks the workspace's admins and the member, then applies the rules of src/domain/memberChanges.ts. The lock
 * makes two admins demoting each other at once take turns, so the second sees the first's change and the
 * workspace never ends up without an active admin.
 */
export async function lockMemberForChange(
  tx: Tx,
  actor: Actor,
  memberId: string,
  change: MemberChange,
): Promise<MemberRow> {
  const admins = await tx
    .select({ id: users.id, disabled: users.disabled })
    .from(users)
    .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.role, "admin")))
    .orderBy(users.id)
    .for("update");
  const activeAdmins = admins.filter((admin) => !admin.disabled);
  // The actor was an admin when the request began; after waiting for the lock they may no longer be.
  if (!activeAdmins.some((admin) => admin.id === actor.userId)) throw forbidden("Only admins manage users");
  const [member] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabled: users.disabled,
    })
    .from(users)
    .where(and(eq(users.id, memberId), eq(users.workspaceId, actor.workspaceId)))
    .for("update");
  if (!member) throw notFound("User");
  const refusal = memberChangeRefusal(actor.userId, member, change, activeAdmins.length);
  if (refusal) throw new HttpError(409, refusal.code, refusal.message);
  return member;
}
