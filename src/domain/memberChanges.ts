import type { Role } from "./roles.ts";

/** What an admin does to another member of the workspace from the Team members tab. */
export type MemberChange = { kind: "role"; to: Role } | { kind: "deactivate" } | { kind: "reactivate" };

export interface MemberChangeRefusal {
  code: "cannot_change_self" | "last_admin";
  message: string;
}

/**
 * Whether an admin may make this change. Nobody changes their own role or access (a slip would lock them out,
 * and another admin's eyes are the point), and the workspace always keeps one active admin: without one, nobody
 * could invite, fix roles or reset a password from the UI again.
 */
export function memberChangeRefusal(
  actorUserId: string,
  member: { id: string; role: Role; disabled: boolean },
  change: MemberChange,
  activeAdminCount: number,
): MemberChangeRefusal | null {
  if (member.id === actorUserId)
    return { code: "cannot_change_self", message: "Ask another admin to change your own role or access" };
  const removesAnAdmin =
    member.role === "admin" &&
    !member.disabled &&
    (change.kind === "deactivate" || (change.kind === "role" && change.to !== "admin"));
  if (removesAnAdmin && activeAdminCount <= 1)
    return { code: "last_admin", message: "The workspace needs at least one active admin" };
  return null;
}
