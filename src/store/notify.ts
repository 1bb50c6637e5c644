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
  const gathered = gathering.get(db);
  if (gathered) {
    gathered.push(notice);
    return;
  }
  await db.execute(sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify(notice)})`);
}

/** Below PostgreSQL's 8,000-byte limit on a notification's payload, with room for the array's brackets. */
const MAX_PAYLOAD_BYTES = 7_500;
const gathering = new WeakMap<DbOrTx, ChangeNotice[]>();

/**
 * Runs `work` in the transaction `tx` with its change notices gathered and sent together at the end, as JSON arrays
 * of notices, one statement per few dozen instead of one per notice. Only for a transaction that commits or rolls
 * back as a whole: a notice gathered here is sent even if a savepoint inside `work` that raised it rolls back.
 */
export async function withGatheredNotices<T>(tx: DbOrTx, work: () => Promise<T>): Promise<T> {
  const notices: ChangeNotice[] = [];
  gathering.set(tx, notices);
  try {
    const result = await work();
    for (const payload of packedPayloads(notices))
      await tx.execute(sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${payload})`);
    return result;
  } finally {
    gathering.delete(tx);
  }
}

/** Notices as JSON arrays of at most MAX_PAYLOAD_BYTES each (a notice is a few hundred bytes at most). */
export function packedPayloads(notices: readonly ChangeNotice[]): string[] {
  const payloads: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const notice of notices) {
    const json = JSON.stringify(notice);
    const size = Buffer.byteLength(json) + 1;
    if (current.length > 0 && bytes + size > MAX_PAYLOAD_BYTES) {
      payloads.push(`[${current.join(",")}]`);
      current = [];
      bytes = 2;
    }
    current.push(json);
    bytes += size;
  }
  if (current.length > 0) payloads.push(`[${current.join(",")}]`);
  return payloads;
}

/** Wakes idle workers at once instead of at their next poll. The payload names the queue. */
export async function notifyWork(
  db: DbOrTx,
  queue: "ingest" | "outbox" | "triage" | "queues" | "webhooks" | "feeds",
): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${WORK_CHANNEL}, ${queue})`);
}
