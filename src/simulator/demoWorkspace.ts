import { and, eq, sql } from "drizzle-orm";
import { SUPPORT_TEAM_DESCRIPTION, SUPPORT_TEAM_NAME } from "../bootstrap.ts";
import type { Db } from "../store/database.ts";
import { teams, users, workspaces } from "../store/schema.ts";
import { invalidateTriageConfig } from "../triage/configVersion.ts";

/** The shop the demo's customers write to (its channels, topics and knowledge base are all Nordmart's). */
export const DEMO_WORKSPACE_NAME = "Nordmart";

/**
 * What a newcomer sees in the demo should explain itself: the workspace is the demo shop, not a second
 * "Parley" beside the product's name; the channels' default team says what it is for; and the admin trying the
 * demo is not handed live customers (capacity 0 takes none) while the demo's colleagues work them. Each is done
 * only while it still stands as a fresh install left it, so an operator's own choices survive restarts.
 */
export async function tidyDemoWorkspace(
  db: Db,
  workspace: { workspaceId: string; adminId: string },
  freshDemo: boolean,
): Promise<void> {
  await db
    .update(workspaces)
    .set({ name: DEMO_WORKSPACE_NAME })
    .where(and(eq(workspaces.id, workspace.workspaceId), eq(workspaces.name, "Parley")));
  await db
    .update(teams)
    .set({ description: SUPPORT_TEAM_DESCRIPTION })
    .where(
      and(
        eq(teams.workspaceId, workspace.workspaceId),
        eq(teams.name, SUPPORT_TEAM_NAME),
        sql`${teams.description} = ''`,
      ),
    );
  if (freshDemo) {
    await db.update(users).set({ capacity: 0 }).where(eq(users.id, workspace.adminId));
    invalidateTriageConfig(workspace.workspaceId);
  }
}
