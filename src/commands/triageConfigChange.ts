import type { Db, Tx } from "../store/database.ts";
import { auditLog } from "../store/schema.ts";
import { invalidateTriageConfig } from "../triage/configVersion.ts";

export interface Actor {
  workspaceId: string;
  userId: string;
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/**
 * Runs a change to the workspace's triage configuration with its audit entry in one transaction, then drops
 * this process's cached configuration. Invalidating only after the commit matters: a worker reloading in
 * between would cache the old rows for another TTL.
 */
export async function changeTriageConfig<T>(
  db: Db,
  actor: Actor,
  work: (tx: Tx) => Promise<{ result: T; audit: AuditEntry }>,
): Promise<T> {
  const result = await db.transaction(async (tx) => {
    const { result, audit } = await work(tx);
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: audit.action,
      targetType: audit.targetType,
      targetId: audit.targetId,
      details: audit.details ?? {},
    });
    return result;
  });
  invalidateTriageConfig(actor.workspaceId);
  return result;
}
