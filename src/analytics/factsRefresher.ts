import { asc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../store/database.ts";
import { conversations, reportFacts } from "../store/schema.ts";
import { conversationContributions } from "./conversationFacts.ts";
import { loadConversationForFacts } from "./factsLoader.ts";
import type { ConversationDims } from "./metrics.ts";
import {
  addToRollup,
  applyRollupDelta,
  type RollupRow,
  readContributions,
  storeContributions,
} from "./rollup.ts";

const STALE_PER_BATCH = 50;

/**
 * Recomputes one conversation's facts and moves the rollup by the difference: what the old facts added is taken
 * away, what the new ones add is added. The caller holds the conversation's report_stale row lock.
 */
export async function refreshConversationFacts(db: DbOrTx, conversationId: string): Promise<void> {
  const [old] = await db.select().from(reportFacts).where(eq(reportFacts.conversationId, conversationId));
  const loaded = await loadConversationForFacts(db, conversationId);
  const delta = new Map<string, RollupRow>();
  if (old) addToRollup(delta, old.dims as ConversationDims, readContributions(old.contributions), -1);
  if (!loaded) {
    if (old) {
      await applyRollupDelta(db, old.workspaceId, delta);
      await db.delete(reportFacts).where(eq(reportFacts.conversationId, conversationId));
    }
    return;
  }
  const contributions = conversationContributions(loaded.input);
  addToRollup(delta, loaded.dims, contributions, 1);
  await applyRollupDelta(db, loaded.workspaceId, delta);
  const row = {
    conversationId,
    workspaceId: loaded.workspaceId,
    dims: loaded.dims,
    contributions: storeContributions(contributions),
    updatedAt: new Date(),
  };
  await db
    .insert(reportFacts)
    .values(row)
    .onConflictDoUpdate({
      target: reportFacts.conversationId,
      set: { dims: row.dims, contributions: row.contributions, updatedAt: row.updatedAt },
    });
}

/**
 * The reports loop: each conversation marked stale is refreshed in its own transaction under the lock of its
 * mark (SKIP LOCKED, so workers share the load). A mark made meanwhile bumps the version and survives.
 */
export async function refreshStaleReportFacts(db: Db, batch = STALE_PER_BATCH): Promise<number> {
  const candidates = (await db.execute(sql`
    SELECT conversation_id FROM report_stale ORDER BY marked_at LIMIT ${batch}`)) as unknown as {
    rows: { conversation_id: string }[];
  };
  let refreshed = 0;
  for (const { conversation_id: conversationId } of candidates.rows) {
    refreshed += await db.transaction(async (tx) => {
      const locked = (await tx.execute(sql`
        SELECT version FROM report_stale WHERE conversation_id = ${conversationId}
        FOR UPDATE SKIP LOCKED`)) as unknown as { rows: { version: string | number }[] };
      const mark = locked.rows[0];
      if (!mark) return 0;
      await refreshConversationFacts(tx, conversationId);
      await tx.execute(sql`
        DELETE FROM report_stale WHERE conversation_id = ${conversationId} AND version = ${Number(mark.version)}`);
      return 1;
    });
  }
  return refreshed;
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
    for (const { id } of ids) {
      const loaded = await loadConversationForFacts(tx, id);
      if (!loaded) continue;
      const contributions = conversationContributions(loaded.input);
      addToRollup(rollup, loaded.dims, contributions, 1);
      await tx.insert(reportFacts).values({
        conversationId: id,
        workspaceId,
        dims: loaded.dims,
        contributions: storeContributions(contributions),
      });
    }
    await applyRollupDelta(tx, workspaceId, rollup);
    return { conversations: ids.length };
  });
}
