import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { HttpError } from "../server/httpError.ts";
import type { Db, DbOrTx, Tx } from "../store/database.ts";
import { categories, channels, routingRules, teams } from "../store/schema.ts";
import {
  type RoutingConditions,
  type RoutingRule,
  routingRuleProblems,
  routingRuleSetProblems,
} from "../triage/routing/routingRules.ts";
import { type Actor, changeTriageConfig, deleteTriageConfigRow } from "./triageConfigChange.ts";
import { findOwnRow, ownRow } from "./workspaceRows.ts";

/** The shape is loose on purpose: routingRuleProblems explains what is wrong in words an editor can show. */
export const RoutingRuleInput = z.object({
  name: z.string().max(200),
  teamId: z.string().max(100),
  conditions: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().default(true),
});
export type RoutingRuleInput = z.infer<typeof RoutingRuleInput>;

export const RoutingRulePatch = RoutingRuleInput.partial();
export type RoutingRulePatch = z.infer<typeof RoutingRulePatch>;

type RuleRow = typeof routingRules.$inferSelect;

function ruleOfRow(row: RuleRow): RoutingRule {
  return {
    id: row.id,
    name: row.name,
    teamId: row.teamId,
    enabled: row.enabled,
    conditions: row.conditions as RoutingConditions,
  };
}

async function workspaceRules(db: DbOrTx, workspaceId: string): Promise<RuleRow[]> {
  return db
    .select()
    .from(routingRules)
    .where(eq(routingRules.workspaceId, workspaceId))
    .orderBy(asc(routingRules.position), asc(routingRules.createdAt));
}

async function teamIdsOf(db: DbOrTx, workspaceId: string): Promise<Set<string>> {
  const rows = await db.select({ id: teams.id }).from(teams).where(eq(teams.workspaceId, workspaceId));
  return new Set(rows.map((r) => r.id));
}

/** Rules that can never apply (a catch-all placed too early): worth telling, not worth refusing. */
function warningsOf(rows: RuleRow[], knownTeamIds: Set<string>): string[] {
  return routingRuleSetProblems(rows.map(ruleOfRow), knownTeamIds);
}

export async function listRoutingRules(db: DbOrTx, workspaceId: string) {
  const rows = await workspaceRules(db, workspaceId);
  return { items: rows.map(presentRule), warnings: warningsOf(rows, await teamIdsOf(db, workspaceId)) };
}

/** The pure checks, plus the category keys and channels the conditions name, which only the database knows. */
async function assertValid(tx: Tx, workspaceId: string, rule: RoutingRule): Promise<Set<string>> {
  const knownTeamIds = await teamIdsOf(tx, workspaceId);
  const problems = routingRuleProblems(rule, knownTeamIds);
  const conditions = rule.conditions as Record<string, unknown>;
  const listed = (key: string): string[] => {
    const list = conditions[key];
    return Array.isArray(list) ? list.filter((v): v is string => typeof v === "string") : [];
  };
  const keys = listed("categories");
  if (keys.length > 0) {
    const found = await tx
      .select({ key: categories.key })
      .from(categories)
      .where(and(eq(categories.workspaceId, workspaceId), inArray(categories.key, keys)));
    for (const key of keys)
      if (!found.some((f) => f.key === key)) problems.push(`Category "${key}" does not exist.`);
  }
  const channelIds = listed("channelIds");
  if (channelIds.length > 0) {
    const uuids = channelIds.filter((id) => z.uuid().safeParse(id).success);
    const found = uuids.length
      ? await tx
          .select({ id: channels.id })
          .from(channels)
          .where(and(eq(channels.workspaceId, workspaceId), inArray(channels.id, uuids)))
      : [];
    for (const id of channelIds)
      if (!found.some((f) => f.id === id)) problems.push(`Channel ${JSON.stringify(id)} does not exist.`);
  }
  if (problems.length > 0)
    throw new HttpError(400, "invalid_routing_rule", `Invalid routing rule: ${problems.join(" ")}`, {
      problems,
    });
  return knownTeamIds;
}

export async function createRoutingRule(db: Db, actor: Actor, input: RoutingRuleInput) {
  return changeTriageConfig(db, actor, async (tx) => {
    const rule = { id: "new", ...input, conditions: input.conditions as RoutingConditions };
    const knownTeamIds = await assertValid(tx, actor.workspaceId, rule);
    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${routingRules.position}) + 1, 0)::int` })
      .from(routingRules)
      .where(eq(routingRules.workspaceId, actor.workspaceId));
    const [row] = await tx
      .insert(routingRules)
      .values({ ...input, name: input.name.trim(), workspaceId: actor.workspaceId, position: next })
      .returning();
    const warnings = warningsOf(await workspaceRules(tx, actor.workspaceId), knownTeamIds);
    return {
      result: { ...presentRule(row!), warnings },
      audit: {
        action: "routing_rule.created",
        targetType: "routing_rule",
        targetId: row!.id,
        details: { name: input.name, teamId: input.teamId, conditions: input.conditions },
      },
    };
  });
}

export async function updateRoutingRule(db: Db, actor: Actor, ruleId: string, patch: RoutingRulePatch) {
  return changeTriageConfig(db, actor, async (tx) => {
    const current = await findOwnRow(tx, routingRules, actor.workspaceId, ruleId, "Routing rule");
    const merged = { ...ruleOfRow(current), ...patch } as RoutingRule;
    const knownTeamIds = await assertValid(tx, actor.workspaceId, merged);
    const [row] = Object.keys(patch).length
      ? await tx
          .update(routingRules)
          .set({ ...patch, ...(patch.name === undefined ? {} : { name: patch.name.trim() }) })
          .where(ownRow(routingRules, actor.workspaceId, ruleId))
          .returning()
      : [current];
    const warnings = warningsOf(await workspaceRules(tx, actor.workspaceId), knownTeamIds);
    return {
      result: { ...presentRule(row!), warnings },
      audit: {
        action: "routing_rule.updated",
        targetType: "routing_rule",
        targetId: ruleId,
        details: { ...patch },
      },
    };
  });
}

export async function deleteRoutingRule(db: Db, actor: Actor, ruleId: string) {
  await deleteTriageConfigRow(db, actor, {
    table: routingRules,
    id: ruleId,
    what: "Routing rule",
    targetType: "routing_rule",
    label: { name: routingRules.name },
  });
}

/** The first matching rule wins, so order is the whole meaning: the new order must name every rule once. */
export async function reorderRoutingRules(db: Db, actor: Actor, ids: string[]) {
  return changeTriageConfig(db, actor, async (tx) => {
    const rows = await workspaceRules(tx, actor.workspaceId);
    const known = new Set(rows.map((r) => r.id));
    const given = new Set(ids);
    if (given.size !== ids.length || given.size !== known.size || ids.some((id) => !known.has(id)))
      throw new HttpError(
        400,
        "invalid_order",
        "Send every routing rule's id exactly once, in the new order",
        { expected: [...known] },
      );
    for (const [position, id] of ids.entries())
      await tx.update(routingRules).set({ position }).where(eq(routingRules.id, id));
    const reordered = await workspaceRules(tx, actor.workspaceId);
    return {
      result: {
        items: reordered.map(presentRule),
        warnings: warningsOf(reordered, await teamIdsOf(tx, actor.workspaceId)),
      },
      audit: {
        action: "routing_rule.reordered",
        targetType: "workspace",
        targetId: actor.workspaceId,
        details: { ids },
      },
    };
  });
}

function presentRule(row: RuleRow) {
  const { id, name, position, teamId, conditions, enabled } = row;
  return { id, name, position, teamId, conditions, enabled };
}
