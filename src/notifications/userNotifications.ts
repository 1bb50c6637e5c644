import { and, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { notifications, teamMembers, users } from "../store/schema.ts";

export interface NotificationInput {
  kind: string;
  conversationId: string | null;
  text: string;
  /** What the UI needs to say it in the reader's language (metric, due time, rule summary…). */
  data?: Record<string, unknown> | undefined;
}

/** Tells these people something in the app (the bell in the top bar); the browser hears of it at once. */
export async function notifyUsers(
  db: DbOrTx,
  workspaceId: string,
  userIds: readonly string[],
  input: NotificationInput,
): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await db.insert(notifications).values(unique.map((userId) => ({ workspaceId, userId, ...input })));
  await notifyChange(db, {
    workspaceId,
    type: "notification.created",
    ...(input.conversationId ? { conversationId: input.conversationId } : {}),
  });
}

export async function supervisorIds(db: DbOrTx, workspaceId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), ne(users.role, "agent"), eq(users.disabled, false)));
  return rows.map((row) => row.id);
}

export async function teamMemberIds(db: DbOrTx, teamIds: readonly string[]): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const rows = await db
    .select({ id: teamMembers.userId })
    .from(teamMembers)
    .where(inArray(teamMembers.teamId, [...teamIds]));
  return rows.map((row) => row.id);
}

export async function notifyAdmins(db: DbOrTx, workspaceId: string, input: NotificationInput): Promise<void> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.role, "admin"), eq(users.disabled, false)));
  await notifyUsers(
    db,
    workspaceId,
    rows.map((row) => row.id),
    input,
  );
}
