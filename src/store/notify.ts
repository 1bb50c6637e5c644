import { sql } from "drizzle-orm";
import type { ChangeNotice } from "../domain/changeNotice.ts";
import type { DbOrTx } from "./database.ts";

export type { ChangeNotice };

export const CHANGES_CHANNEL = "parley_changes";
export const WORK_CHANNEL = "parley_work";

/**
 * Tells every server process (and its browsers) that something changed. Inside a transaction PostgreSQL
 * delivers it only on commit, so a browser never hears of a row it cannot read yet.
 */
export async function notifyChange(db: DbOrTx, notice: ChangeNotice): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify(notice)})`);
}

/** Wakes idle workers at once instead of at their next poll. The payload names the queue. */
export async function notifyWork(
  db: DbOrTx,
  queue: "ingest" | "outbox" | "triage" | "queues" | "webhooks" | "feeds",
): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${WORK_CHANNEL}, ${queue})`);
}
