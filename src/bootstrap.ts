import { eq } from "drizzle-orm";
import { generatePassword, hashPassword } from "./server/auth/password.ts";
import type { Db } from "./store/database.ts";
import { teamMembers, teams, users, workspaces } from "./store/schema.ts";
import { ensureTriageDefaults } from "./triage/triageDefaults.ts";

export const SUPPORT_TEAM_NAME = "Support";
export const SUPPORT_TEAM_DESCRIPTION =
  "The channels' own team: every conversation that no routing rule sends to another team.";

export interface BootstrapResult {
  workspaceId: string;
  teamId: string;
  adminId: string;
  /** Set only when the admin was created just now with a generated password: print it once. */
  generatedPassword: string | null;
}

/**
 * A fresh database gets one workspace, a "Support" team, the triage defaults and the first admin. Safe to run
 * on every start: it never changes an existing admin's password.
 */
export async function ensureWorkspaceAndAdmin(
  db: Db,
  adminEmail: string,
  adminPassword: string | undefined,
): Promise<BootstrapResult> {
  return db.transaction(async (tx) => {
    let [workspace] = await tx.select().from(workspaces).limit(1);
    if (!workspace) [workspace] = await tx.insert(workspaces).values({ name: "Parley" }).returning();
    let [team] = await tx.select().from(teams).where(eq(teams.workspaceId, workspace!.id)).limit(1);
    if (!team)
      [team] = await tx
        .insert(teams)
        .values({
          workspaceId: workspace!.id,
          name: SUPPORT_TEAM_NAME,
          description: SUPPORT_TEAM_DESCRIPTION,
        })
        .returning();
    // Also for workspaces created before triage existed: the first start after the upgrade seeds them.
    await ensureTriageDefaults(tx, workspace!.id);
    const [existingAdmin] = await tx.select().from(users).where(eq(users.role, "admin")).limit(1);
    if (existingAdmin) {
      return {
        workspaceId: workspace!.id,
        teamId: team!.id,
        adminId: existingAdmin.id,
        generatedPassword: null,
      };
    }
    const password = adminPassword ?? generatePassword();
    const [admin] = await tx
      .insert(users)
      .values({
        workspaceId: workspace!.id,
        email: adminEmail.toLowerCase(),
        name: "Admin",
        role: "admin",
        passwordHash: await hashPassword(password),
      })
      .returning();
    await tx.insert(teamMembers).values({ workspaceId: workspace!.id, teamId: team!.id, userId: admin!.id });
    return {
      workspaceId: workspace!.id,
      teamId: team!.id,
      adminId: admin!.id,
      generatedPassword: adminPassword ? null : password,
    };
  });
}
