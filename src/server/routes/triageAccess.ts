import type { Viewer } from "../../domain/roles.ts";
import { forbidden } from "../httpError.ts";

/** Teams, routing, SLAs and automation decide who sees what and when: supervisors and admins change them. */
export function requireTriageEditor(viewer: Viewer, what: string): void {
  if (viewer.role === "agent") throw forbidden(`Only supervisors and admins ${what}`);
}

export function actorOf(viewer: Viewer) {
  return { workspaceId: viewer.workspaceId, userId: viewer.userId };
}
