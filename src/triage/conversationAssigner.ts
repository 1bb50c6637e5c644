import { and, asc, eq, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { notifyUsers } from "../notifications/userNotifications.ts";
import type { Tx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { auditLog, conversations, teamMembers, teams, users } from "../store/schema.ts";
import { type AgentLoad, chooseAssignee, drainQueue } from "./routing/assignment.ts";
import type { Priority } from "./routing/priority.ts";
import type { TeamSettings } from "./triageConfig.ts";

/** Members of a team with how many open conversations each holds now. */
async function agentLoads(tx: Tx, teamId: string): Promise<AgentLoad[]> {
  const rows = await tx
    .select({
      userId: users.id,
      availability: users.availability,
      capacity: users.capacity,
      lastAssignedAt: users.lastAssignedAt,
      openCount: sql<number>`(SELECT count(*)::int FROM conversations oc
        WHERE oc.assignee_id = ${users.id} AND oc.status <> 'resolved')`,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), eq(users.disabled, false)));
  return rows.map((row) => ({ ...row, openCount: Number(row.openCount) }));
}

async function lastAssigneeOf(tx: Tx, teamId: string): Promise<string | null> {
  const [team] = await tx
    .select({ lastAssigneeId: teams.lastAssigneeId })
    .from(teams)
    .where(eq(teams.id, teamId));
  return team?.lastAssigneeId ?? null;
}

async function recordAssignment(
  tx: Tx,
  conversation: { id: string; workspaceId: string },
  teamId: string,
  userId: string,
  reason: string,
): Promise<void> {
  const now = new Date();
  await tx
    .update(conversations)
    .set({ assigneeId: userId, assignedAt: now, queuedAt: null, updatedAt: now })
    .where(eq(conversations.id, conversation.id));
  await tx.update(users).set({ lastAssignedAt: now }).where(eq(users.id, userId));
  await tx.update(teams).set({ lastAssigneeId: userId }).where(eq(teams.id, teamId));
  // Logged like a person's assignment; no assignment_changed event, which exists to free a previous
  // assignee's capacity, and there was none.
  await tx.insert(auditLog).values({
    workspaceId: conversation.workspaceId,
    actorUserId: null,
    action: "conversation.assigned",
    targetType: "conversation",
    targetId: conversation.id,
    details: { assigneeId: userId, automatic: true, reason },
  });
  await notifyUsers(tx, conversation.workspaceId, [userId], {
    kind: "assigned",
    conversationId: conversation.id,
    text: "A conversation was assigned to you",
  });
  await notifyChange(tx, {
    workspaceId: conversation.workspaceId,
    type: "conversation.updated",
    conversationId: conversation.id,
  });
}

export type AssignmentOutcome = { assignedTo: string } | { queued: string };

/**
 * Gives an unassigned conversation to a team member under the team's strategy, or puts it in the team's queue
 * (oldest and most urgent first) when nobody online has room. The conversation row is locked by the caller.
 */
export async function assignOrQueue(
  tx: Tx,
  conversation: { id: string; workspaceId: string; queuedAt: Date | null },
  team: TeamSettings,
): Promise<AssignmentOutcome> {
  // Team members are locked in a fixed order so two workers assigning in one team take turns, not the same slot.
  await tx.execute(sql`SELECT id FROM teams WHERE id = ${team.id} FOR UPDATE`);
  const decision = chooseAssignee(
    team.assignmentStrategy,
    await agentLoads(tx, team.id),
    await lastAssigneeOf(tx, team.id),
  );
  if (decision.kind === "assign") {
    await recordAssignment(tx, conversation, team.id, decision.userId, decision.reason);
    return { assignedTo: decision.userId };
  }
  if (!conversation.queuedAt)
    await tx
      .update(conversations)
      .set({ queuedAt: new Date(), updatedAt: new Date() })
      .where(eq(conversations.id, conversation.id));
  return { queued: decision.reason };
}

/**
 * Hands queued conversations of a team to members who have room again (someone came online, resolved a
 * case, or had their capacity raised). Returns how many were assigned.
 */
export async function drainTeamQueue(tx: Tx, workspaceId: string, team: TeamSettings): Promise<number> {
  if (team.assignmentStrategy === "manual") return 0;
  await tx.execute(sql`SELECT id FROM teams WHERE id = ${team.id} FOR UPDATE`);
  const queued = await tx
    .select({ id: conversations.id, priority: conversations.priority, queuedAt: conversations.queuedAt })
    .from(conversations)
    .where(
      and(
        eq(conversations.teamId, team.id),
        isNotNull(conversations.queuedAt),
        isNull(conversations.assigneeId),
        ne(conversations.status, "resolved"),
      ),
    )
    .orderBy(asc(conversations.queuedAt))
    .limit(500)
    .for("update", { skipLocked: true });
  if (queued.length === 0) return 0;
  const assignments = drainQueue(
    team.assignmentStrategy,
    await agentLoads(tx, team.id),
    queued.map((row) => ({
      conversationId: row.id,
      priority: row.priority as Priority,
      queuedAt: row.queuedAt!,
    })),
    await lastAssigneeOf(tx, team.id),
  );
  for (const assignment of assignments)
    await recordAssignment(
      tx,
      { id: assignment.conversationId, workspaceId },
      team.id,
      assignment.userId,
      "from the queue",
    );
  return assignments.length;
}

/** Teams with a queue in which some member is online: the only ones worth draining. */
export async function teamsWithWaitingQueue(tx: Tx): Promise<{ teamId: string; workspaceId: string }[]> {
  const rows = await tx
    .selectDistinct({ teamId: conversations.teamId, workspaceId: conversations.workspaceId })
    .from(conversations)
    .where(
      and(
        isNotNull(conversations.queuedAt),
        isNull(conversations.assigneeId),
        isNotNull(conversations.teamId),
      ),
    )
    .limit(100);
  const teamIds = rows.map((row) => row.teamId!).filter(Boolean);
  if (teamIds.length === 0) return [];
  const online = await tx
    .selectDistinct({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(inArray(teamMembers.teamId, teamIds), eq(users.availability, "online")));
  const onlineTeams = new Set(online.map((row) => row.teamId));
  return rows
    .filter((row) => row.teamId && onlineTeams.has(row.teamId))
    .map((row) => ({ teamId: row.teamId!, workspaceId: row.workspaceId }));
}
