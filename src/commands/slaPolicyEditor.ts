import { and, asc, eq, inArray, isNull, ne, type SQL } from "drizzle-orm";
import { z } from "zod";
import { ALWAYS_OPEN } from "../domain/sla/businessHours.ts";
import { slaPolicyProblems } from "../domain/sla/slaPolicy.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db, DbOrTx, Tx } from "../store/database.ts";
import { slaPolicies, teams, users } from "../store/schema.ts";
import { type Actor, changeTriageConfig, deleteTriageConfigRow } from "./triageConfigChange.ts";
import { findOwnRow } from "./workspaceRows.ts";

const PRIORITY_VALUES = slaPolicies.priority.enumValues;
/** A year in seconds: beyond that a target is a typo, not a promise. */
const MAX_TARGET_SECONDS = 366 * 86_400;

const Seconds = z.number().int("Use whole seconds").positive("Use a number of seconds above zero");

export const SlaEscalation = z.object({
  raisePriority: z.enum(PRIORITY_VALUES).optional(),
  teamId: z.uuid().optional(),
  notifyUserIds: z.array(z.uuid()).max(50).optional(),
});

export const SlaPolicyInput = z.object({
  name: z.string().trim().min(1).max(200),
  teamId: z.uuid().nullable().default(null),
  priority: z.enum(PRIORITY_VALUES).nullable().default(null),
  firstResponseSeconds: Seconds.max(MAX_TARGET_SECONDS),
  nextResponseSeconds: Seconds.max(MAX_TARGET_SECONDS).nullable().default(null),
  resolutionSeconds: Seconds.max(MAX_TARGET_SECONDS).nullable().default(null),
  warningRatio: z.number().default(0.8),
  escalation: SlaEscalation.default({}),
  enabled: z.boolean().default(true),
});
export type SlaPolicyInput = z.infer<typeof SlaPolicyInput>;

export const SlaPolicyPatch = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  teamId: z.uuid().nullable().optional(),
  priority: z.enum(PRIORITY_VALUES).nullable().optional(),
  firstResponseSeconds: Seconds.max(MAX_TARGET_SECONDS).optional(),
  nextResponseSeconds: Seconds.max(MAX_TARGET_SECONDS).nullable().optional(),
  resolutionSeconds: Seconds.max(MAX_TARGET_SECONDS).nullable().optional(),
  warningRatio: z.number().optional(),
  escalation: SlaEscalation.optional(),
  enabled: z.boolean().optional(),
});
export type SlaPolicyPatch = z.infer<typeof SlaPolicyPatch>;

type PolicyRow = typeof slaPolicies.$inferSelect;

export async function listSlaPolicies(db: DbOrTx, workspaceId: string) {
  return db
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.workspaceId, workspaceId))
    .orderBy(asc(slaPolicies.createdAt), asc(slaPolicies.id));
}

/** Every reason the policy cannot be kept, checked against the workspace's teams and people. */
async function policyProblems(tx: Tx, workspaceId: string, policy: PolicyRow): Promise<string[]> {
  const problems: string[] = [];
  const targets: [string, number | null][] = [
    ["first response", policy.firstResponseSeconds],
    ["next response", policy.nextResponseSeconds],
    ["resolution", policy.resolutionSeconds],
  ];
  for (const [metric, targetSeconds] of targets) {
    if (targetSeconds === null) continue;
    // The warning ratio is shared by every metric: say it once.
    for (const problem of slaPolicyProblems({
      name: policy.name,
      targetSeconds,
      warningRatio: policy.warningRatio,
      businessHours: ALWAYS_OPEN,
    }))
      if (!problem.includes("warning") || metric === "first response") problems.push(`${metric}: ${problem}`);
  }
  // A row written before escalation had a schema may not parse: judge it as having none.
  const escalation = SlaEscalation.safeParse(policy.escalation).data ?? {};
  const teamIds = [policy.teamId, escalation.teamId].filter((id): id is string => !!id);
  if (teamIds.length > 0) {
    const known = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, teamIds)));
    if (policy.teamId && !known.some((t) => t.id === policy.teamId))
      problems.push(`team ${policy.teamId} does not exist in this workspace`);
    if (escalation.teamId && !known.some((t) => t.id === escalation.teamId))
      problems.push(`escalation team ${escalation.teamId} does not exist in this workspace`);
  }
  const notify = escalation.notifyUserIds ?? [];
  if (notify.length > 0) {
    const known = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, notify)));
    for (const id of notify)
      if (!known.some((u) => u.id === id))
        problems.push(`user ${id} to notify does not exist in this workspace`);
  }
  if (policy.enabled) {
    // Two enabled policies for the same team and priority would leave "the most specific one" undecided.
    const sameScope: SQL[] = [
      eq(slaPolicies.workspaceId, workspaceId),
      eq(slaPolicies.enabled, true),
      ne(slaPolicies.id, policy.id),
      policy.teamId ? eq(slaPolicies.teamId, policy.teamId) : isNull(slaPolicies.teamId),
      policy.priority ? eq(slaPolicies.priority, policy.priority) : isNull(slaPolicies.priority),
    ];
    const [twin] = await tx
      .select({ name: slaPolicies.name })
      .from(slaPolicies)
      .where(and(...sameScope));
    if (twin) problems.push(`the enabled policy "${twin.name}" already covers the same team and priority`);
  }
  return problems;
}

async function assertValid(tx: Tx, workspaceId: string, policy: PolicyRow): Promise<void> {
  const problems = await policyProblems(tx, workspaceId, policy);
  if (problems.length > 0)
    throw new HttpError(400, "invalid_sla_policy", `Invalid SLA policy: ${problems.join("; ")}`, {
      problems,
    });
}

/** Stands for "no row yet" in the same-scope check, which compares ids. */
const NO_ID = "00000000-0000-0000-0000-000000000000";

export async function createSlaPolicy(db: Db, actor: Actor, input: SlaPolicyInput) {
  return changeTriageConfig(db, actor, async (tx) => {
    await assertValid(tx, actor.workspaceId, {
      ...input,
      id: NO_ID,
      workspaceId: actor.workspaceId,
      createdAt: new Date(),
    });
    const [policy] = await tx
      .insert(slaPolicies)
      .values({ ...input, workspaceId: actor.workspaceId })
      .returning();
    return {
      result: policy!,
      audit: {
        action: "sla_policy.created",
        targetType: "sla_policy",
        targetId: policy!.id,
        details: { ...input },
      },
    };
  });
}

export async function updateSlaPolicy(db: Db, actor: Actor, policyId: string, patch: SlaPolicyPatch) {
  return changeTriageConfig(db, actor, async (tx) => {
    const current = await findOwnRow(tx, slaPolicies, actor.workspaceId, policyId, "SLA policy", true);
    await assertValid(tx, actor.workspaceId, { ...current, ...patch });
    const [policy] = Object.keys(patch).length
      ? await tx.update(slaPolicies).set(patch).where(eq(slaPolicies.id, policyId)).returning()
      : [current];
    return {
      result: policy!,
      audit: {
        action: "sla_policy.updated",
        targetType: "sla_policy",
        targetId: policyId,
        details: { ...patch },
      },
    };
  });
}

export async function deleteSlaPolicy(db: Db, actor: Actor, policyId: string) {
  await deleteTriageConfigRow(db, actor, {
    table: slaPolicies,
    id: policyId,
    what: "SLA policy",
    targetType: "sla_policy",
    label: { name: slaPolicies.name },
  });
}
