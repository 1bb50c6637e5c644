import { and, eq, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { notFound } from "../server/httpError.ts";
import type { DbOrTx } from "../store/database.ts";

/** A configuration table: every row belongs to one workspace and is addressed by its id. */
export type WorkspaceTable = PgTable & { id: AnyPgColumn; workspaceId: AnyPgColumn };

/** The row with this id in this workspace: an id from another workspace is treated as not there at all. */
export function ownRow(table: WorkspaceTable, workspaceId: string, id: string): SQL {
  return and(eq(table.id, id), eq(table.workspaceId, workspaceId)) as SQL;
}

/**
 * Loads a row of the workspace or answers 404 with `what` ("Routing rule"). `lock` holds the row until the
 * transaction ends, for a check that must not race a concurrent change of the same row.
 */
export async function findOwnRow<T extends WorkspaceTable>(
  db: DbOrTx,
  table: T,
  workspaceId: string,
  id: string,
  what: string,
  lock = false,
): Promise<T["$inferSelect"]> {
  const query = db
    .select()
    .from(table as PgTable)
    .where(ownRow(table, workspaceId, id));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound(what);
  return row as T["$inferSelect"];
}
