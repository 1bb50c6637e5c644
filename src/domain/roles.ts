export const ROLES = ["admin", "supervisor", "agent"] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  userId: string;
  workspaceId: string;
  role: Role;
  teamIds: string[];
}

/** Agents see only their teams' conversations (and ones assigned to them); supervisors and admins see all. */
export function canSeeConversation(
  viewer: Viewer,
  conversation: { teamId: string | null; assigneeId: string | null },
): boolean {
  if (viewer.role !== "agent") return true;
  if (conversation.assigneeId === viewer.userId) return true;
  return conversation.teamId !== null && viewer.teamIds.includes(conversation.teamId);
}

export function canManageChannels(viewer: Viewer): boolean {
  return viewer.role === "admin";
}

export function canManageUsers(viewer: Viewer): boolean {
  return viewer.role === "admin";
}

/** Deleting a customer's comment cannot be undone: supervisors and admins only. Hiding is for every agent. */
export function canModerate(viewer: Viewer, operation: string): boolean {
  return operation !== "delete" || viewer.role !== "agent";
}

/** Speaking for the brand in a new public post is an editorial decision, not an agent's reply. */
export function canPublishPosts(viewer: Viewer): boolean {
  return viewer.role !== "agent";
}

/** Handing out or destroying a person's data is a decision taken on a formal request: supervisors and admins. */
export function canExportOrEraseContacts(viewer: Viewer): boolean {
  return viewer.role !== "agent";
}
