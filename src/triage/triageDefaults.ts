import { and, eq, inArray } from "drizzle-orm";
import { DEFAULT_FIRST_RESPONSE_SECONDS, DEFAULT_WARNING_RATIO } from "../domain/sla/slaPolicy.ts";
import type { DbOrTx } from "../store/database.ts";
import {
  categories,
  routingRules,
  slaPolicies,
  teamMembers,
  teams,
  triageSettings,
} from "../store/schema.ts";
import { SEED_CATEGORIES } from "./classification/seedCategories.ts";
import { invalidateTriageConfig } from "./configVersion.ts";

export const DEFAULT_SLA_POLICY_NAME = "First response within an hour";

/**
 * Gives a workspace what triage needs on day one: the seed categories, a workspace-wide first-response
 * promise and a settings row. The settings row doubles as the "already seeded" mark, so a category or
 * policy an admin deleted stays deleted across restarts; inserting it first makes concurrent starts seed once.
 */
export async function ensureTriageDefaults(db: DbOrTx, workspaceId: string): Promise<boolean> {
  const seeded = await db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(triageSettings)
      .values({ workspaceId })
      .onConflictDoNothing()
      .returning({ workspaceId: triageSettings.workspaceId });
    if (!fresh) return false;
    await tx
      .insert(categories)
      .values(
        SEED_CATEGORIES.map((seed, position) => ({
          workspaceId,
          key: seed.key,
          name: seed.names.en,
          names: { ...seed.names },
          keywords: Object.fromEntries(
            Object.entries(seed.keywords).map(([lang, words]) => [lang, [...words]]),
          ),
          position,
        })),
      )
      .onConflictDoNothing();
    const [workspaceWide] = await tx
      .select({ id: slaPolicies.id })
      .from(slaPolicies)
      .where(eq(slaPolicies.workspaceId, workspaceId))
      .limit(1);
    if (!workspaceWide)
      await tx.insert(slaPolicies).values({
        workspaceId,
        name: DEFAULT_SLA_POLICY_NAME,
        firstResponseSeconds: DEFAULT_FIRST_RESPONSE_SECONDS,
        warningRatio: DEFAULT_WARNING_RATIO,
      });
    return true;
  });
  if (seeded) invalidateTriageConfig(workspaceId);
  return seeded;
}

interface DemoTeam {
  name: string;
  description: string;
  assignmentStrategy: "round_robin" | "least_loaded";
  categoryKeys: string[];
}

const DEMO_TEAMS: DemoTeam[] = [
  {
    name: "Fast lane",
    description: "Everyday questions with quick answers: delivery, returns, the bonus card, payments.",
    assignmentStrategy: "round_robin",
    categoryKeys: ["delivery", "returns", "bonus", "payment"],
  },
  {
    name: "Escalations",
    description: "Complaints and anything unusual, for the most experienced people.",
    assignmentStrategy: "least_loaded",
    categoryKeys: ["complaint", "other"],
  },
];

/**
 * The demo's two teams with a routing rule each, so conversations visibly flow to different queues. Their
 * members are the given users (the demo admin), so assignment has someone to pick. Found by name on later starts.
 */
export async function ensureDemoTeams(db: DbOrTx, workspaceId: string, memberIds: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    const knownKeys = new Set(
      (
        await tx
          .select({ key: categories.key })
          .from(categories)
          .where(eq(categories.workspaceId, workspaceId))
      ).map((c) => c.key),
    );
    const existing = await tx
      .select({ name: teams.name })
      .from(teams)
      .where(
        and(
          eq(teams.workspaceId, workspaceId),
          inArray(
            teams.name,
            DEMO_TEAMS.map((t) => t.name),
          ),
        ),
      );
    for (const [position, demo] of DEMO_TEAMS.entries()) {
      if (existing.some((t) => t.name === demo.name)) continue;
      const [team] = await tx
        .insert(teams)
        .values({
          workspaceId,
          name: demo.name,
          description: demo.description,
          assignmentStrategy: demo.assignmentStrategy,
        })
        .returning({ id: teams.id });
      if (memberIds.length > 0)
        await tx
          .insert(teamMembers)
          .values(memberIds.map((userId) => ({ workspaceId, teamId: team!.id, userId })))
          .onConflictDoNothing();
      const keys = demo.categoryKeys.filter((key) => knownKeys.has(key));
      if (keys.length > 0)
        await tx.insert(routingRules).values({
          workspaceId,
          name: `${demo.name}: ${keys.join(", ")}`,
          position,
          teamId: team!.id,
          conditions: { categories: keys },
        });
    }
  });
  invalidateTriageConfig(workspaceId);
}
