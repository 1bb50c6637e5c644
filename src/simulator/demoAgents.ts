import { and, eq, inArray } from "drizzle-orm";
import { generatePassword, hashPassword } from "../server/auth/password.ts";
import type { Db } from "../store/database.ts";
import { teamMembers, teams, users } from "../store/schema.ts";
import { invalidateTriageConfig } from "../triage/configVersion.ts";

/** Colleagues for the demo admin, online with room for a few cases each, so the inbox shows real assignment. */
const DEMO_AGENTS = [
  { email: "olga@demo.parley.local", name: "Olga Ivanova", team: "Fast lane" },
  { email: "piotr@demo.parley.local", name: "Piotr Nowak", team: "Fast lane" },
  { email: "liga@demo.parley.local", name: "Līga Ozola", team: "Fast lane" },
  { email: "sandra@demo.parley.local", name: "Sandra Bērziņa", team: "Escalations" },
] as const;

/**
 * Seeded once. Their passwords are random and never shown: they are there to be assigned to, while the
 * person trying the demo signs in as the admin (or creates agents of their own).
 */
export async function seedDemoAgents(db: Db, workspaceId: string): Promise<void> {
  const existing = await db
    .select({ email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        DEMO_AGENTS.map((agent) => agent.email),
      ),
    );
  const missing = DEMO_AGENTS.filter((agent) => !existing.some((row) => row.email === agent.email));
  if (missing.length === 0) return;
  const teamRows = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), inArray(teams.name, ["Fast lane", "Escalations"])));
  for (const agent of missing) {
    const [user] = await db
      .insert(users)
      .values({
        workspaceId,
        email: agent.email,
        name: agent.name,
        passwordHash: await hashPassword(generatePassword()),
        role: "agent",
        capacity: 4,
        availability: "online",
      })
      .returning({ id: users.id });
    const team = teamRows.find((row) => row.name === agent.team);
    if (team && user) await db.insert(teamMembers).values({ workspaceId, teamId: team.id, userId: user.id });
  }
  invalidateTriageConfig(workspaceId);
}
