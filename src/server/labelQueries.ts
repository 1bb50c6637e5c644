import { and, eq, sql } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import type { DbOrTx } from "../store/database.ts";
import { conversations } from "../store/schema.ts";
import { visibilityClause } from "./conversationQueries.ts";

/** How many labels the inbox's filter offers; a workspace's working vocabulary is far smaller. */
const MAX_LABELS = 200;

/**
 * The labels on conversations the viewer may see, most used first: what the inbox's label filter offers.
 * Labels are free text typed by agents, so the vocabulary is whatever is in use; an agent learns no label
 * that only another team's conversations carry.
 */
export async function listLabelsInUse(
  db: DbOrTx,
  viewer: Viewer,
): Promise<{ label: string; count: number }[]> {
  const result = (await db.execute(sql`SELECT l.label, count(*)::int AS count
    FROM ${conversations} CROSS JOIN LATERAL jsonb_array_elements_text(${conversations.labels}) AS l(label)
    WHERE ${and(eq(conversations.workspaceId, viewer.workspaceId), visibilityClause(viewer))}
    GROUP BY l.label ORDER BY count(*) DESC, l.label LIMIT ${MAX_LABELS}`)) as unknown as {
    rows: { label: string; count: number }[];
  };
  return result.rows;
}
