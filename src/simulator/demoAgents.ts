import { and, eq, inArray } from "drizzle-orm";
import { setAvailability } from "../commands/agentEditor.ts";
import { generatePassword, hashPassword } from "../server/auth/password.ts";
import type { Db } from "../store/database.ts";
import { teamMembers, teams, users } from "../store/schema.ts";
import { invalidateTriageConfig } from "../triage/configVersion.ts";

/**
 * Colleagues for the demo admin, with room for a few cases each, so the inbox shows real assignment. Support is
 * the channels' own team: what no routing rule sends to Fast lane or Escalations (product questions, praise…).
 */
const DEMO_AGENTS = [
  { email: "olga@demo.parley.local", name: "Olga Ivanova", teams: ["Fast lane", "Support"] },
  { email: "piotr@demo.parley.local", name: "Piotr Nowak", teams: ["Fast lane"] },
  { email: "liga@demo.parley.local", name: "Līga Ozola", teams: ["Fast lane", "Support"] },
  { email: "sandra@demo.parley.local", name: "Sandra Bērziņa", teams: ["Escalations"] },
] as const;

export const DEMO_AGENT_EMAILS: readonly string[] = DEMO_AGENTS.map((agent) => agent.email);

/**
 * Seeded once. Their passwords are random and never shown: they are there to be assigned to and to answer
 * (demoAgentDesk.ts), while the person trying the demo signs in as the admin (or creates agents of their own).
 */
/** Returns true when the demo's colleagues were created just now: a fresh demo. */
export async function seedDemoAgents(db: Db, workspaceId: string): Promise<boolean> {
  const existing = await db
    .select({ email: users.email })
    .from(users)
    .where(inArray(users.email, [...DEMO_AGENT_EMAILS]));
  const missing = DEMO_AGENTS.filter((agent) => !existing.some((row) => row.email === agent.email));
  if (missing.length === 0) return false;
  const teamRows = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(
      and(eq(teams.workspaceId, workspaceId), inArray(teams.name, ["Fast lane", "Escalations", "Support"])),
    );
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
        availability: "offline",
      })
      .returning({ id: users.id });
    for (const name of agent.teams) {
      const team = teamRows.find((row) => row.name === name);
      if (team && user)
        await db.insert(teamMembers).values({ workspaceId, teamId: team.id, userId: user.id });
    }
  }
  invalidateTriageConfig(workspaceId);
  return missing.length === DEMO_AGENTS.length;
}

/**
 * Online only while someone works their cases (the demo traffic and its desk are running): a colleague shown
 * online who never answers would only make the queue grow.
 */
export async function setDemoAgentsAvailability(
  db: Db,
  workspaceId: string,
  availability: "online" | "offline",
): Promise<void> {
  const agents = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.email, [...DEMO_AGENT_EMAILS])));
  for (const agent of agents)
    await setAvailability(db, { workspaceId, userId: agent.id }, availability, false);
}
