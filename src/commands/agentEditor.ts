import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { notFound } from "../server/httpError.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { notifyWork } from "../store/notify.ts";
import { auditLog, conversations, users } from "../store/schema.ts";
import { invalidateTriageConfig } from "../triage/configVersion.ts";
import { type Actor, changeTriageConfig } from "./triageConfigChange.ts";

export const AVAILABILITIES = users.availability.enumValues;
export type Availability = (typeof AVAILABILITIES)[number];

export const MAX_CAPACITY = 200;

export const AgentPatch = z
  .object({
    capacity: z.number().int().min(0).max(MAX_CAPACITY).optional(),
    availability: z.enum(AVAILABILITIES).optional(),
  })
  .refine((p) => p.capacity !== undefined || p.availability !== undefined, "Nothing to change");
export type AgentPatch = z.infer<typeof AgentPatch>;

/**
 * Conversations that count against an agent's capacity: assigned and not yet resolved. The outer column is
 * spelled out because drizzle writes columns unqualified in a single-table select, which inside the subquery
 * would mean the conversation's own id.
 */
export const openConversationCount = sql<number>`(SELECT count(*)::int FROM ${conversations} c
  WHERE c.assignee_id = "users"."id" AND c.status <> 'resolved')`;

export async function listAgents(db: DbOrTx, workspaceId: string) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      disabled: users.disabled,
      capacity: users.capacity,
      availability: users.availability,
      openConversations: openConversationCount,
    })
    .from(users)
    .where(eq(users.workspaceId, workspaceId))
    .orderBy(users.name);
}

/** A supervisor or admin sets someone's capacity, or marks an agent away who forgot to. */
export async function updateAgent(db: Db, actor: Actor, userId: string, patch: AgentPatch) {
  return changeTriageConfig(db, actor, async (tx) => {
    const [user] = await tx
      .update(users)
      .set(patch)
      .where(and(eq(users.id, userId), eq(users.workspaceId, actor.workspaceId)))
      .returning({ id: users.id, capacity: users.capacity, availability: users.availability });
    if (!user) throw notFound("User");
    // More room or a return online lets queued conversations move now, not at the queue loop's next pass.
    await notifyWork(tx, "queues");
    return {
      result: user,
      audit: { action: "user.updated", targetType: "user", targetId: userId, details: { ...patch } },
    };
  });
}

/**
 * Sign-in, sign-out and the agent's own switch all land here. Assignment reads availability, so the cached
 * triage configuration is dropped the same way as for any other change to who takes conversations.
 */
export async function setAvailability(
  db: DbOrTx,
  user: { workspaceId: string; userId: string },
  availability: Availability,
  audit: boolean,
): Promise<void> {
  await db
    .update(users)
    .set({ availability })
    .where(and(eq(users.id, user.userId), eq(users.workspaceId, user.workspaceId)));
  if (audit)
    await db.insert(auditLog).values({
      workspaceId: user.workspaceId,
      actorUserId: user.userId,
      action: "user.availability_changed",
      targetType: "user",
      targetId: user.userId,
      details: { availability },
    });
  // Someone coming online can take conversations waiting in their teams' queues right away.
  if (availability === "online") await notifyWork(db, "queues");
  invalidateTriageConfig(user.workspaceId);
}
