import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { HttpError, notFound } from "../server/httpError.ts";
import type { Db, Tx } from "../store/database.ts";
import { auditLog } from "../store/schema.ts";
import { invalidateTriageConfig } from "../triage/configVersion.ts";
import { ownRow, type WorkspaceTable } from "./workspaceRows.ts";

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

export interface ConfigRowTarget {
  table: WorkspaceTable;
  id: string;
  /** Names the row in a 404 ("Routing rule"). */
  what: string;
  /** The audit entry's target type; the action is `<targetType>.deleted`. */
  targetType: string;
  /** Columns kept in the audit entry (`{ name: teams.name }`), so the log still says what is gone. */
  label: Record<string, AnyPgColumn>;
}

/**
 * Deletes one configuration row of the actor's workspace with its audit entry, or answers 404. `check` runs
 * first in the same transaction, to refuse a deletion that would leave other rows pointing at nothing.
 */
export async function deleteTriageConfigRow(
  db: Db,
  actor: Actor,
  target: ConfigRowTarget,
  check?: (tx: Tx) => Promise<void>,
): Promise<void> {
  const { table, id, what, targetType, label } = target;
  await changeTriageConfig(db, actor, async (tx) => {
    await check?.(tx);
    const [row] = await tx
      .delete(table)
      .where(ownRow(table, actor.workspaceId, id))
      .returning(label);
    if (!row) throw notFound(what);
    return {
      result: undefined,
      audit: { action: `${targetType}.deleted`, targetType, targetId: id, details: { ...row } },
    };
  });
}

/**
 * Refuses (409, `code`) while other rules or policies still name what is being deleted: they would silently
 * stop matching or point at nothing. The lookups are query builders, run one after the other on the caller's
 * transaction, each selecting the `name` of a dependent to list in the answer.
 */
export async function refuseWhileUsed(
  code: string,
  subject: string,
  lookups: PromiseLike<{ name: string }[]>[],
): Promise<void> {
  const usedBy: string[] = [];
  for (const lookup of lookups) for (const { name } of await lookup) usedBy.push(name);
  if (usedBy.length > 0)
    throw new HttpError(409, code, `${subject} is still used by: ${usedBy.join(", ")}. Change them first.`, {
      usedBy,
    });
}
