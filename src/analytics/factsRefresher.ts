import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../store/database.ts";
import { conversations, reportFacts } from "../store/schema.ts";
import { conversationContributions } from "./conversationFacts.ts";
import { loadConversationsForFacts } from "./factsLoader.ts";
import type { ConversationDims } from "./metrics.ts";
import {
  addToRollup,
  applyRollupDelta,
  type RollupRow,
  readContributions,
  storeContributions,
} from "./rollup.ts";

const STALE_PER_BATCH = 50;
/** Conversations read at once by a rebuild. */
const REBUILD_CHUNK = 500;

/**
 * Recomputes conversations' facts and moves the rollup by the difference: what the old facts added is taken away,
 * what the new ones add is added. In a fixed number of statements whatever the batch's size: facts read and
 * written together, and one rollup difference per workspace. The caller holds the conversations' report_stale locks.
 */
export async function refreshConversationsFacts(
  db: DbOrTx,
  conversationIds: readonly string[],
): Promise<void> {
  if (conversationIds.length === 0) return;
  const ids = [...conversationIds].sort();
  const old = new Map(
    (await db.select().from(reportFacts).where(inArray(reportFacts.conversationId, ids))).map((row) => [
      row.conversationId,
      row,
    ]),
  );
  const loaded = await loadConversationsForFacts(db, ids);
  const deltas = new Map<string, Map<string, RollupRow>>();
  const deltaOf = (workspaceId: string) => {
    let delta = deltas.get(workspaceId);
    if (!delta) {
      delta = new Map();
      deltas.set(workspaceId, delta);
    }
    return delta;
  };
  const gone: string[] = [];
  const rows: (typeof reportFacts.$inferInsert)[] = [];
  const now = new Date();
  for (const id of ids) {
    const before = old.get(id);
    if (before)
      addToRollup(
        deltaOf(before.workspaceId),
        before.dims as ConversationDims,
        readContributions(before.contributions),
        -1,
      );
    const after = loaded.get(id);
    if (!after) {
      if (before) gone.push(id);
      continue;
    }
    const contributions = conversationContributions(after.input);
    addToRollup(deltaOf(after.workspaceId), after.dims, contributions, 1);
    rows.push({
      conversationId: id,
      workspaceId: after.workspaceId,
      dims: after.dims,
      contributions: storeContributions(contributions),
      updatedAt: now,
    });
  }
  // Workspaces in a fixed order, and each one's rows sorted: two workers lock rollup rows in the same order.
  for (const workspaceId of [...deltas.keys()].sort())
    await applyRollupDelta(db, workspaceId, deltas.get(workspaceId)!);
  if (gone.length > 0) await db.delete(reportFacts).where(inArray(reportFacts.conversationId, gone));
  if (rows.length > 0)
    await db
      .insert(reportFacts)
      .values(rows)
      .onConflictDoUpdate({
        target: reportFacts.conversationId,
        set: {
          dims: sql`excluded.dims`,
          contributions: sql`excluded.contributions`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
}

/**
 * The reports loop: conversations marked stale are refreshed a batch at a time, in one transaction under the locks
 * of their marks (SKIP LOCKED, so workers share the load). A mark made meanwhile bumps the version and survives.
 */
export async function refreshStaleReportFacts(db: Db, batch = STALE_PER_BATCH): Promise<number> {
  return db.transaction(async (tx) => {
    const marks = (await tx.execute(sql`
      SELECT conversation_id, version FROM report_stale ORDER BY marked_at LIMIT ${batch}
      FOR UPDATE SKIP LOCKED`)) as unknown as {
      rows: { conversation_id: string; version: string | number }[];
    };
    if (marks.rows.length === 0) return 0;
    await refreshConversationsFacts(
      tx,
      marks.rows.map((mark) => mark.conversation_id),
    );
    const done = JSON.stringify(marks.rows.map((mark) => [mark.conversation_id, Number(mark.version)]));
    await tx.execute(sql`
      DELETE FROM report_stale s USING jsonb_array_elements(${done}::jsonb) AS m(pair)
      WHERE s.conversation_id = (m.pair->>0)::uuid AND s.version = (m.pair->>1)::bigint`);
    return marks.rows.length;
  });
}

/**
 * Recomputes every conversation's facts of a workspace and the rollup from scratch, in one transaction that
 * keeps the incremental path out meanwhile. It must give the very table the incremental path keeps.
 */
export async function rebuildReportRollups(db: Db, workspaceId: string): Promise<{ conversations: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE report_hourly IN EXCLUSIVE MODE`);
    await tx.execute(sql`DELETE FROM report_hourly WHERE workspace_id = ${workspaceId}`);
    await tx.delete(reportFacts).where(eq(reportFacts.workspaceId, workspaceId));
    const ids = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.workspaceId, workspaceId))
      .orderBy(asc(conversations.id));
    const rollup = new Map<string, RollupRow>();
    for (let i = 0; i < ids.length; i += REBUILD_CHUNK) {
      const chunk = ids.slice(i, i + REBUILD_CHUNK).map(({ id }) => id);
      const loaded = await loadConversationsForFacts(tx, chunk);
      const rows = chunk.flatMap((id) => {
        const facts = loaded.get(id);
        if (!facts) return [];
        const contributions = conversationContributions(facts.input);
        addToRollup(rollup, facts.dims, contributions, 1);
        return [
          {
            conversationId: id,
            workspaceId,
            dims: facts.dims,
            contributions: storeContributions(contributions),
          },
        ];
      });
      if (rows.length > 0) await tx.insert(reportFacts).values(rows);
    }
    await applyRollupDelta(tx, workspaceId, rollup);
    return { conversations: ids.length };
  });
}
