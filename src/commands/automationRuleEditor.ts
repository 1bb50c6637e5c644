import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import { HttpError } from "../server/httpError.ts";
import type { Db, DbOrTx, Tx } from "../store/database.ts";
import { automationRules, automationRuns, cannedReplies, categories, teams, users } from "../store/schema.ts";
import { selfTriggerProblems } from "../triage/automation/loopGuard.ts";
import { type AutomationRule, RuleInput, ruleProblems } from "../triage/automation/ruleSchema.ts";
import { parseStoredRule } from "../triage/automation/storedRule.ts";
import { type Actor, changeTriageConfig, deleteTriageConfigRow } from "./triageConfigChange.ts";
import { findOwnRow, type WorkspaceTable } from "./workspaceRows.ts";

/** A new rule starts disabled unless the request says otherwise: it should be dry-run before it acts. */
export const NewRuleInput = z.preprocess(
  (raw) =>
    typeof raw === "object" && raw !== null && !("enabled" in raw) ? { ...raw, enabled: false } : raw,
  RuleInput,
);

/**
 * A patch is merged over the stored rule and the result validated as a whole, because conditions and actions
 * are only valid together with the event (a text condition needs an event that carries a message).
 */
export const RulePatch = z.object({
  name: z.string().optional(),
  enabled: z.boolean().optional(),
  event: z.string().optional(),
  match: z.string().optional(),
  conditions: z.array(z.unknown()).optional(),
  actions: z.array(z.unknown()).optional(),
  position: z.number().int().min(0).max(100_000).optional(),
});
export type RulePatch = z.infer<typeof RulePatch>;

type RuleRow = typeof automationRules.$inferSelect;

export async function workspaceRules(db: DbOrTx, workspaceId: string): Promise<AutomationRule[]> {
  const rows = await db
    .select()
    .from(automationRules)
    .where(eq(automationRules.workspaceId, workspaceId))
    .orderBy(asc(automationRules.position), asc(automationRules.createdAt));
  return rows.flatMap((row) => parseStoredRule(row) ?? []);
}

export async function listAutomationRules(db: DbOrTx, workspaceId: string) {
  const rows = await db
    .select({
      rule: automationRules,
      // Qualified by hand: drizzle leaves columns unqualified in a single-table select.
      lastRunAt: sql<string | null>`(SELECT max(r.created_at) FROM ${automationRuns} r
        WHERE r.rule_id = "automation_rules"."id")`,
    })
    .from(automationRules)
    .where(eq(automationRules.workspaceId, workspaceId))
    .orderBy(asc(automationRules.position), asc(automationRules.createdAt));
  const all = rows.flatMap((r) => parseStoredRule(r.rule) ?? []);
  return rows.map(({ rule, lastRunAt }) => {
    const parsed = parseStoredRule(rule);
    return {
      ...presentRule(rule),
      lastRunAt: lastRunAt ? new Date(lastRunAt).toISOString() : null,
      // A rule stored under an older vocabulary is skipped by the worker; the editor says why.
      problems: parsed ? [] : ruleProblems(rule),
      loopWarnings: parsed ? selfTriggerProblems({ ...parsed, enabled: true }, all) : [],
    };
  });
}

/** Ids and keys the actions point at must exist now, or the rule would fail on every run. */
export async function actionReferenceProblems(
  db: DbOrTx,
  workspaceId: string,
  rule: RuleInput,
): Promise<string[]> {
  const teamIds = new Set<string>();
  const userIds = new Set<string>();
  const cannedIds = new Set<string>();
  const categoryKeys = new Set<string>();
  for (const action of rule.actions) {
    if (action.type === "assign_team") teamIds.add(action.teamId);
    if (action.type === "assign_agent") userIds.add(action.userId);
    if (action.type === "notify") {
      if (action.teamId) teamIds.add(action.teamId);
      for (const id of action.userIds ?? []) userIds.add(id);
    }
    if (action.type === "send_canned_reply") cannedIds.add(action.cannedReplyId);
    if (action.type === "set_category") categoryKeys.add(action.categoryKey);
  }
  const problems: string[] = [];
  // Each lookup reads only the workspace's rows, so an id from another workspace counts as missing.
  const missing = async (wanted: Set<string>, what: string, table: WorkspaceTable, column: AnyPgColumn) => {
    if (wanted.size === 0) return;
    const rows = await db
      .select({ value: column })
      .from(table as PgTable)
      .where(and(eq(table.workspaceId, workspaceId), inArray(column, [...wanted])));
    const found = new Set(rows.map((r) => r.value));
    for (const value of wanted) if (!found.has(value)) problems.push(`${what} ${value} does not exist`);
  };
  await missing(teamIds, "team", teams, teams.id);
  await missing(userIds, "user", users, users.id);
  await missing(cannedIds, "canned reply", cannedReplies, cannedReplies.id);
  await missing(categoryKeys, "category", categories, categories.key);
  return problems;
}

function invalidRule(problems: string[]): HttpError {
  return new HttpError(400, "invalid_rule", `Invalid automation rule: ${problems.join("; ")}`, { problems });
}

/**
 * A rule that can set itself (or another rule) off again is refused while enabled; saved disabled, it is kept
 * and the warnings go back to the editor, so the author can fix it without losing the work.
 */
async function checkRule(tx: Tx, workspaceId: string, id: string, rule: RuleInput): Promise<string[]> {
  const problems = await actionReferenceProblems(tx, workspaceId, rule);
  if (problems.length > 0) throw invalidRule(problems);
  const others = (await workspaceRules(tx, workspaceId)).filter((r) => r.id !== id);
  const loopWarnings = selfTriggerProblems({ ...rule, id, enabled: true }, others);
  if (rule.enabled && loopWarnings.length > 0)
    throw new HttpError(
      400,
      "rule_loops",
      `This rule can set itself off again: ${loopWarnings.join("; ")}. Change it, or save it disabled.`,
      { loopWarnings },
    );
  return loopWarnings;
}

export async function createAutomationRule(db: Db, actor: Actor, input: RuleInput) {
  return changeTriageConfig(db, actor, async (tx) => {
    // Serialises concurrent creations so positions stay distinct and loop checks see each other.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`automation:${actor.workspaceId}`}))`);
    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${automationRules.position}) + 1, 0)::int` })
      .from(automationRules)
      .where(eq(automationRules.workspaceId, actor.workspaceId));
    const [row] = await tx
      .insert(automationRules)
      .values({ ...input, workspaceId: actor.workspaceId, position: next, createdBy: actor.userId })
      .returning();
    const loopWarnings = await checkRule(tx, actor.workspaceId, row!.id, input);
    return {
      result: { ...presentRule(row!), loopWarnings },
      audit: {
        action: "automation_rule.created",
        targetType: "automation_rule",
        targetId: row!.id,
        details: { name: input.name, enabled: input.enabled, event: input.event },
      },
    };
  });
}

export async function updateAutomationRule(db: Db, actor: Actor, ruleId: string, patch: RulePatch) {
  return changeTriageConfig(db, actor, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`automation:${actor.workspaceId}`}))`);
    const current = await findOwnRow(tx, automationRules, actor.workspaceId, ruleId, "Automation rule");
    const { position, ...fields } = patch;
    const merged = {
      name: current.name,
      enabled: current.enabled,
      event: current.event,
      match: current.match,
      conditions: current.conditions,
      actions: current.actions,
      ...fields,
    };
    const parsed = RuleInput.safeParse(merged);
    if (!parsed.success) throw invalidRule(ruleProblems(merged));
    const loopWarnings = await checkRule(tx, actor.workspaceId, ruleId, parsed.data);
    const [row] = await tx
      .update(automationRules)
      .set({ ...parsed.data, ...(position === undefined ? {} : { position }), updatedAt: new Date() })
      .where(eq(automationRules.id, ruleId))
      .returning();
    return {
      result: { ...presentRule(row!), loopWarnings },
      audit: {
        action: "automation_rule.updated",
        targetType: "automation_rule",
        targetId: ruleId,
        details: { name: row!.name, enabled: row!.enabled, changed: Object.keys(patch) },
      },
    };
  });
}

export async function deleteAutomationRule(db: Db, actor: Actor, ruleId: string) {
  await deleteTriageConfigRow(db, actor, {
    table: automationRules,
    id: ruleId,
    what: "Automation rule",
    targetType: "automation_rule",
    label: { name: automationRules.name },
  });
}

export async function listAutomationRuns(db: DbOrTx, workspaceId: string, ruleId: string, limit: number) {
  await findOwnRow(db, automationRules, workspaceId, ruleId, "Automation rule");
  return db
    .select()
    .from(automationRuns)
    .where(eq(automationRuns.ruleId, ruleId))
    .orderBy(desc(automationRuns.createdAt), desc(automationRuns.id))
    .limit(limit);
}

function presentRule(row: RuleRow) {
  const { id, name, enabled, event, match, conditions, actions, position, createdAt, updatedAt } = row;
  return { id, name, enabled, event, match, conditions, actions, position, createdAt, updatedAt };
}
