import { and, eq, inArray, or, type SQL } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { auditLog, type SavedViewFilters, savedViews, teams, users } from "../store/schema.ts";

export interface SavedViewInput {
  name: string;
  /** The list's query parameters; repeatable ones (label) as arrays. */
  filters: SavedViewFilters;
  /** Shared with this team's members; null keeps the view personal. */
  teamId: string | null;
}

/**
 * The viewer's own views (personal, or shared with a team: a supervisor who sets up a view for a team they
 * are not in still sees and keeps it) and the views shared with a team they belong to: nobody else's.
 */
function visibleTo(viewer: Viewer): SQL {
  const own = eq(savedViews.ownerUserId, viewer.userId);
  return viewer.teamIds.length > 0 ? or(own, inArray(savedViews.teamId, viewer.teamIds))! : own;
}

export async function listSavedViews(db: DbOrTx, viewer: Viewer) {
  const rows = await db
    .select({
      id: savedViews.id,
      name: savedViews.name,
      filters: savedViews.filters,
      teamId: savedViews.teamId,
      teamName: teams.name,
      ownerUserId: savedViews.ownerUserId,
      ownerName: users.name,
      createdAt: savedViews.createdAt,
    })
    .from(savedViews)
    .leftJoin(teams, eq(teams.id, savedViews.teamId))
    .leftJoin(users, eq(users.id, savedViews.ownerUserId))
    .where(and(eq(savedViews.workspaceId, viewer.workspaceId), visibleTo(viewer)))
    .orderBy(savedViews.name);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/**
 * Saves a filter under a name. Sharing with a team is for its members (and supervisors and admins, who
 * set teams up): an agent cannot push views into a team they are not part of.
 */
export async function createSavedView(db: Db, viewer: Viewer, input: SavedViewInput) {
  if (input.teamId) {
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, input.teamId), eq(teams.workspaceId, viewer.workspaceId)));
    if (!team) throw new HttpError(400, "unknown_team", "No such team in this workspace");
    if (viewer.role === "agent" && !viewer.teamIds.includes(input.teamId))
      throw new HttpError(403, "forbidden", "Only the team's members share views with it");
  }
  return db.transaction(async (tx) => {
    const [view] = await tx
      .insert(savedViews)
      .values({
        workspaceId: viewer.workspaceId,
        ownerUserId: viewer.userId,
        teamId: input.teamId,
        name: input.name,
        filters: input.filters,
      })
      .returning();
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "view.created",
      targetType: "saved_view",
      targetId: view!.id,
      details: { name: input.name, teamId: input.teamId },
    });
    return view!;
  });
}

/** The owner removes a view; supervisors and admins may remove a shared one too. */
export async function deleteSavedView(db: Db, viewer: Viewer, id: string) {
  const [view] = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.workspaceId, viewer.workspaceId)));
  const mayDelete =
    view && (view.ownerUserId === viewer.userId || (view.teamId !== null && viewer.role !== "agent"));
  if (!view || !mayDelete) throw new HttpError(404, "not_found", "View not found");
  await db.delete(savedViews).where(eq(savedViews.id, id));
}
