import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { type BusinessHours, businessHoursProblems } from "../domain/sla/businessHours.ts";
import { HttpError, notFound } from "../server/httpError.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { automationRules, slaPolicies, teamMembers, teams, users } from "../store/schema.ts";
import {
  type Actor,
  changeTriageConfig,
  deleteTriageConfigRow,
  refuseWhileUsed,
} from "./triageConfigChange.ts";
import { findOwnRow, ownRow } from "./workspaceRows.ts";

const Span = z.string().trim().min(1).max(40);

/**
 * Only the shape is checked here; whether the zone exists and the spans parse is businessHoursProblems'
 * job, so the API lists every problem at once in the same words the SLA clock would use.
 */
export const BusinessHoursInput = z.union([
  z.object({ alwaysOpen: z.literal(true) }),
  z.object({
    alwaysOpen: z.literal(false).optional(),
    timeZone: z.string().trim().min(1).max(64),
    weekly: z.record(z.string(), z.array(Span).max(12)),
    holidays: z
      .array(z.object({ date: z.string().max(20), hours: z.array(Span).max(12).optional() }))
      .max(400)
      .default([]),
  }),
]);

export const TeamInput = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(""),
  businessHours: BusinessHoursInput.default({ alwaysOpen: true }),
  assignmentStrategy: z.enum(teams.assignmentStrategy.enumValues).default("round_robin"),
});
export type TeamInput = z.infer<typeof TeamInput>;

export const TeamPatch = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(2000).optional(),
  businessHours: BusinessHoursInput.optional(),
  assignmentStrategy: z.enum(teams.assignmentStrategy.enumValues).optional(),
});
export type TeamPatch = z.infer<typeof TeamPatch>;

function checkBusinessHours(hours: BusinessHours | undefined): void {
  if (!hours) return;
  const problems = businessHoursProblems(hours);
  if (problems.length > 0)
    throw new HttpError(400, "invalid_business_hours", `Invalid business hours: ${problems.join("; ")}`, {
      problems,
    });
}

export async function listTeams(db: DbOrTx, workspaceId: string) {
  const rows = await db
    .select({
      id: teams.id,
      name: teams.name,
      description: teams.description,
      businessHours: teams.businessHours,
      assignmentStrategy: teams.assignmentStrategy,
      // Qualified by hand: drizzle leaves columns unqualified in a single-table select.
      memberIds: sql<string[]>`coalesce((SELECT json_agg(m.user_id ORDER BY m.user_id)
        FROM ${teamMembers} m WHERE m.team_id = "teams"."id"), '[]'::json)`,
    })
    .from(teams)
    .where(eq(teams.workspaceId, workspaceId))
    .orderBy(teams.name);
  return rows;
}

export async function createTeam(db: Db, actor: Actor, input: TeamInput) {
  checkBusinessHours(input.businessHours as BusinessHours);
  return changeTriageConfig(db, actor, async (tx) => {
    const [team] = await tx
      .insert(teams)
      .values({ ...input, workspaceId: actor.workspaceId })
      .returning();
    return {
      result: { ...presentTeam(team!), memberIds: [] as string[] },
      audit: {
        action: "team.created",
        targetType: "team",
        targetId: team!.id,
        details: { name: input.name },
      },
    };
  });
}

export async function updateTeam(db: Db, actor: Actor, teamId: string, patch: TeamPatch) {
  checkBusinessHours(patch.businessHours as BusinessHours | undefined);
  return changeTriageConfig(db, actor, async (tx) => {
    const where = ownRow(teams, actor.workspaceId, teamId);
    const [team] = Object.keys(patch).length
      ? await tx.update(teams).set(patch).where(where).returning()
      : await tx.select().from(teams).where(where);
    if (!team) throw notFound("Team");
    return {
      result: presentTeam(team),
      audit: { action: "team.updated", targetType: "team", targetId: teamId, details: { ...patch } },
    };
  });
}

/**
 * Routing rules and SLA policies scoped to the team go with it (the foreign keys cascade), but a policy that
 * escalates to it or an automation rule that assigns to it would silently point at nothing: those are refused.
 */
export async function deleteTeam(db: Db, actor: Actor, teamId: string) {
  const target = { table: teams, id: teamId, what: "Team", targetType: "team", label: { name: teams.name } };
  await deleteTriageConfigRow(db, actor, target, (tx) =>
    refuseWhileUsed("team_in_use", "The team", [
      tx
        .select({ name: slaPolicies.name })
        .from(slaPolicies)
        .where(
          and(
            eq(slaPolicies.workspaceId, actor.workspaceId),
            sql`${slaPolicies.escalation}->>'teamId' = ${teamId}`,
          ),
        ),
      tx
        .select({ name: automationRules.name })
        .from(automationRules)
        .where(
          and(
            eq(automationRules.workspaceId, actor.workspaceId),
            sql`${automationRules.actions}::text LIKE ${`%${teamId}%`}`,
          ),
        ),
    ]),
  );
}

/** Replaces the member list; every user must belong to the workspace. */
export async function setTeamMembers(db: Db, actor: Actor, teamId: string, userIds: string[]) {
  const unique = [...new Set(userIds)];
  return changeTriageConfig(db, actor, async (tx) => {
    await findOwnRow(tx, teams, actor.workspaceId, teamId, "Team");
    const known = unique.length
      ? await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.workspaceId, actor.workspaceId), inArray(users.id, unique)))
      : [];
    const unknown = unique.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length > 0)
      throw new HttpError(400, "unknown_user", `No user ${unknown.join(", ")} in this workspace`, {
        userIds: unknown,
      });
    await tx.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
    if (unique.length > 0)
      await tx
        .insert(teamMembers)
        .values(unique.map((userId) => ({ workspaceId: actor.workspaceId, teamId, userId })));
    return {
      result: { id: teamId, memberIds: unique.sort() },
      audit: {
        action: "team.members_changed",
        targetType: "team",
        targetId: teamId,
        details: { userIds: unique },
      },
    };
  });
}

function presentTeam(team: typeof teams.$inferSelect) {
  const { id, name, description, businessHours, assignmentStrategy } = team;
  return { id, name, description, businessHours, assignmentStrategy };
}
