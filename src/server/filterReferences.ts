import { sql } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { categories, channels, teams, users } from "../store/schema.ts";
import { HttpError } from "./httpError.ts";

/** The inbox filters that name a row of the workspace by its id. */
export interface FilterReferences {
  channelId?: string | undefined;
  teamId?: string | undefined;
  categoryId?: string | undefined;
  /** "me", "none" or a user's id. */
  assignee?: string | undefined;
}

/**
 * A filter naming a team, category, channel or person the workspace does not have answers 400 naming the
 * parameter, instead of an empty list that looks like "nothing to do" (a stale saved view, a mistyped link).
 * One query answers every reference; another workspace's rows count as unknown.
 */
export async function checkFilterReferences(
  db: DbOrTx,
  workspaceId: string,
  filter: FilterReferences,
  where: "query" | "filters" = "query",
): Promise<void> {
  const assigneeId =
    filter.assignee && filter.assignee !== "me" && filter.assignee !== "none" ? filter.assignee : null;
  const checks = [
    { param: "channelId", id: filter.channelId, table: channels, what: "channel" },
    { param: "teamId", id: filter.teamId, table: teams, what: "team" },
    { param: "categoryId", id: filter.categoryId, table: categories, what: "category" },
    { param: "assignee", id: assigneeId, table: users, what: "user" },
  ].filter((check): check is typeof check & { id: string } => Boolean(check.id));
  if (checks.length === 0) return;
  const columns = checks.map(
    (check, i) =>
      sql`EXISTS (SELECT 1 FROM ${check.table} WHERE ${check.table.id} = ${check.id}::uuid
        AND ${check.table.workspaceId} = ${workspaceId}) AS ${sql.raw(`found${i}`)}`,
  );
  const result = (await db.execute(sql`SELECT ${sql.join(columns, sql`, `)}`)) as unknown as {
    rows: Record<string, boolean>[];
  };
  const found = result.rows[0] ?? {};
  const unknown = checks.filter((_, i) => found[`found${i}`] !== true);
  const first = unknown[0];
  if (!first) return;
  const issues = unknown.map((check) => ({
    path: check.param,
    message: `No such ${check.what} in this workspace`,
  }));
  throw new HttpError(
    400,
    "invalid_request",
    `Invalid ${where}: ${first.param}: No such ${first.what} in this workspace`,
    issues,
  );
}
