import { sql } from "drizzle-orm";
import type { Db } from "../store/database.ts";
import { messageLexemes } from "./searchLexemes.ts";

const BATCH_SIZE = 500;

/**
 * Gives new and edited messages their search lexemes. It runs beside ingest rather than inside it, like
 * listening: no write path (ingest, replies, notes, the bot) has to remember search, and an edit finds its
 * way back here through the trigger that clears the vector when the text changes (migration 0006). The rows
 * are locked while their vectors are computed, so an edit arriving meanwhile waits and is indexed after.
 * Returns how many messages were indexed.
 */
export async function indexMessagesForSearch(db: Db, batchSize = BATCH_SIZE): Promise<number> {
  return db.transaction(async (tx) => {
    const claimed = (await tx.execute(sql`
      SELECT id, text FROM messages WHERE search_vector IS NULL
      ORDER BY created_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`)) as unknown as {
      rows: { id: string; text: string }[];
    };
    if (claimed.rows.length === 0) return 0;
    const vectors = claimed.rows.map((row) => ({ id: row.id, l: messageLexemes(row.text) }));
    await tx.execute(sql`
      UPDATE messages m SET search_vector = array_to_tsvector(v.l)
      FROM jsonb_to_recordset(${JSON.stringify(vectors)}::jsonb) AS v(id uuid, l text[])
      WHERE m.id = v.id`);
    return claimed.rows.length;
  });
}

/** Indexes everything waiting (tests, and a backfill after the migration on a quiet system). */
export async function indexAllMessagesForSearch(db: Db): Promise<number> {
  let total = 0;
  for (let n = await indexMessagesForSearch(db); n > 0; n = await indexMessagesForSearch(db)) total += n;
  return total;
}
