import { and, eq, gt, ne, sql } from "drizzle-orm";
import { recordAgentActivity } from "../analytics/reportEvents.ts";
import type { Viewer } from "../domain/roles.ts";
import type { Db } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { conversationPresence, users } from "../store/schema.ts";

/** A browser repeats its heartbeat every 10 s; a closed tab drops out after this without saying goodbye. */
export const PRESENCE_TTL_SECONDS = 30;

export type PresenceState = "viewing" | "typing" | "left";

export interface PresentAgent {
  userId: string;
  name: string;
  state: "viewing" | "typing";
}

/**
 * Records that the viewer has a conversation open or is typing in it, and says who else does: the collision
 * warning that keeps two agents from answering one customer twice. Stored in the database (not in a server's
 * memory) because the two agents may be talking to different server processes.
 */
export async function updatePresence(
  db: Db,
  viewer: Viewer,
  conversationId: string,
  state: PresenceState,
): Promise<PresentAgent[]> {
  await db.transaction(async (tx) => {
    const [previous] = await tx
      .select({
        state: conversationPresence.state,
        live: sql<boolean>`${conversationPresence.expiresAt} > now()`,
      })
      .from(conversationPresence)
      .where(
        and(
          eq(conversationPresence.conversationId, conversationId),
          eq(conversationPresence.userId, viewer.userId),
        ),
      );
    if (state === "left") {
      await tx
        .delete(conversationPresence)
        .where(
          and(
            eq(conversationPresence.conversationId, conversationId),
            eq(conversationPresence.userId, viewer.userId),
          ),
        );
    } else {
      const expiresAt = sql`now() + make_interval(secs => ${PRESENCE_TTL_SECONDS})`;
      await tx
        .insert(conversationPresence)
        .values({ conversationId, userId: viewer.userId, workspaceId: viewer.workspaceId, state, expiresAt })
        .onConflictDoUpdate({
          target: [conversationPresence.conversationId, conversationPresence.userId],
          set: { state, expiresAt },
        });
      // Handle time counts these heartbeats (typing is work, viewing is presence): see analytics/handleTime.ts.
      await recordAgentActivity(tx, {
        workspaceId: viewer.workspaceId,
        conversationId,
        userId: viewer.userId,
        kind: state === "typing" ? "work" : "view",
      });
    }
    const isChange = state === "left" ? previous !== undefined : !previous?.live || previous.state !== state;
    // Heartbeats that change nothing stay quiet; a change is heard by the other agents' browsers at once.
    if (isChange)
      await notifyChange(tx, { workspaceId: viewer.workspaceId, type: "presence.updated", conversationId });
  });
  return othersPresent(db, viewer, conversationId);
}

export async function othersPresent(db: Db, viewer: Viewer, conversationId: string): Promise<PresentAgent[]> {
  const rows = await db
    .select({ userId: conversationPresence.userId, name: users.name, state: conversationPresence.state })
    .from(conversationPresence)
    .innerJoin(users, eq(users.id, conversationPresence.userId))
    .where(
      and(
        eq(conversationPresence.conversationId, conversationId),
        ne(conversationPresence.userId, viewer.userId),
        gt(conversationPresence.expiresAt, sql`now()`),
      ),
    );
  return rows;
}
