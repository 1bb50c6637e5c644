import { eq } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { categories, channels, teams, users } from "../store/schema.ts";
import type { Dimension } from "./metrics.ts";

/** Names for the ids a cut is made of (channels, teams, agents, categories); other values name themselves. */
export async function labelsFor(
  db: DbOrTx,
  workspaceId: string,
  cut: Dimension,
): Promise<Map<string, string>> {
  const rows: { id: string; name: string }[] =
    cut === "channel"
      ? await db
          .select({ id: channels.id, name: channels.name })
          .from(channels)
          .where(eq(channels.workspaceId, workspaceId))
      : cut === "team"
        ? await db
            .select({ id: teams.id, name: teams.name })
            .from(teams)
            .where(eq(teams.workspaceId, workspaceId))
        : cut === "agent"
          ? await db
              .select({ id: users.id, name: users.name })
              .from(users)
              .where(eq(users.workspaceId, workspaceId))
          : cut === "category"
            ? await db
                .select({ id: categories.id, name: categories.name })
                .from(categories)
                .where(eq(categories.workspaceId, workspaceId))
            : [];
  return new Map(rows.map((r) => [r.id, r.name]));
}
