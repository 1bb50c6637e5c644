import type { Db } from "../store/database.ts";
import { drainTeamQueue, teamsWithWaitingQueue } from "./conversationAssigner.ts";
import type { TriageConfigs } from "./triageConfig.ts";

/**
 * Gives queued conversations to agents who have room again: someone came online, finished a case or got a
 * higher capacity. Triage drains a team at once when one of its cases is resolved; this loop covers the rest.
 */
export async function drainWaitingQueues(db: Db, configs: TriageConfigs): Promise<number> {
  let assigned = 0;
  for (const { teamId, workspaceId } of await db.transaction((tx) => teamsWithWaitingQueue(tx))) {
    const config = await configs.forWorkspace(db, workspaceId);
    const team = config.teams.get(teamId);
    if (team) assigned += await db.transaction((tx) => drainTeamQueue(tx, workspaceId, team));
  }
  return assigned;
}
