import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import type { DbOrTx } from "../store/database.ts";
import { conversationLabelCounts } from "../store/schema.ts";

/** How many labels the inbox's filter offers; a workspace's working vocabulary is far smaller. */
const MAX_LABELS = 200;

/** The same visibility as the inbox (visibilityClause), on the count buckets' team and assignee. */
function visibleBuckets(viewer: Viewer): SQL | undefined {
  if (viewer.role !== "agent") return undefined;
  const own = eq(conversationLabelCounts.assigneeId, viewer.userId);
  return viewer.teamIds.length > 0 ? or(own, inArray(conversationLabelCounts.teamId, viewer.teamIds)) : own;
}

/**
 * The labels on conversations the viewer may see, most used first: what the inbox's label filter offers.
 * Labels are free text typed by agents, so the vocabulary is whatever is in use; an agent learns no label
 * that only another team's conversations carry. The counts are kept per team and assignee by triggers
 * (migration 0021), so this adds up a few hundred rows whatever the size of the inbox.
 */
export async function listLabelsInUse(
  db: DbOrTx,
  viewer: Viewer,
): Promise<{ label: string; count: number }[]> {
  const total = sql<number>`sum(${conversationLabelCounts.count})::int`;
  return db
    .select({ label: conversationLabelCounts.label, count: total })
    .from(conversationLabelCounts)
    .where(
      and(
        eq(conversationLabelCounts.workspaceId, viewer.workspaceId),
        sql`${conversationLabelCounts.count} > 0`,
        visibleBuckets(viewer),
      ),
    )
    .groupBy(conversationLabelCounts.label)
    .orderBy(sql`${total} DESC`, conversationLabelCounts.label)
    .limit(MAX_LABELS);
}
