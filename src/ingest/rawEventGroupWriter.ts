import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../store/database.ts";
import { WORK_CHANNEL } from "../store/notify.ts";
import { rawEvents } from "../store/schema.ts";

/** One row for raw_events, as storeRawEvents prepares it. */
export type RawEventRow = typeof rawEvents.$inferInsert;

interface Waiting {
  rows: RawEventRow[];
  resolve(stored: number): void;
  reject(err: unknown): void;
}

/** Rows one statement may carry: far above any burst of concurrent webhooks, well below PostgreSQL's 65,535 parameters. */
const MAX_ROWS_PER_GROUP = 500;

/**
 * Group commit for acknowledgements. Webhooks that arrive while a store is in flight wait for it and are then
 * written together, in one multi-row INSERT and one commit, so a burst of platform deliveries costs a few round
 * trips instead of one each, and no request waits longer than the store before it. A lone webhook is written after
 * one turn of the event loop: nothing is held back longer to gather a group. On PGlite, where statements run one at a time, this is what keeps
 * acknowledgements ahead of the worker's transactions.
 *
 * Each request hears how many of its own events were new. A group that fails is written again request by
 * request, so one request's bad row never fails another's acknowledgement.
 */
export class RawEventGroupWriter {
  readonly #db: Db;
  #waiting: Waiting[] = [];
  #writing = false;

  constructor(db: Db) {
    this.#db = db;
  }

  store(rows: RawEventRow[]): Promise<number> {
    if (rows.length === 0) return Promise.resolve(0);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ rows, resolve, reject });
      if (this.#writing) return;
      this.#writing = true;
      // One turn of the event loop first: requests whose bytes already arrived reach this point in it and join.
      // Without it PGlite, which runs a statement on this very thread, finishes each write before the next request
      // is even read, and no group ever forms.
      setImmediate(() => void this.#drain());
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#waiting.length > 0) {
        const group = this.#takeGroup();
        await this.#write(group);
      }
    } finally {
      this.#writing = false;
    }
  }

  #takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    let rows = 0;
    while (this.#waiting.length > 0) {
      const next = this.#waiting[0]!;
      if (group.length > 0 && rows + next.rows.length > MAX_ROWS_PER_GROUP) break;
      group.push(this.#waiting.shift()!);
      rows += next.rows.length;
    }
    return group;
  }

  async #write(group: Waiting[]): Promise<void> {
    if (group.length === 1) {
      const only = group[0]!;
      await insertRows(this.#db, only.rows).then(
        (keys) => only.resolve(keys.length),
        (err: unknown) => only.reject(err),
      );
      return;
    }
    let keys: string[];
    try {
      keys = await insertRows(
        this.#db,
        group.flatMap((waiting) => waiting.rows),
      );
    } catch {
      for (const waiting of group)
        await insertRows(this.#db, waiting.rows).then(
          (own) => waiting.resolve(own.length),
          (err: unknown) => waiting.reject(err),
        );
      return;
    }
    // A delivery repeated within one group (a platform retrying while the first is in flight) is new once: it counts
    // for the request that came first.
    const fresh = new Set(keys);
    for (const waiting of group) {
      let stored = 0;
      for (const row of waiting.rows) if (fresh.delete(rowKey(row.channelId, row.dedupKey))) stored += 1;
      waiting.resolve(stored);
    }
  }
}

const rowKey = (channelId: string, dedupKey: string): string => `${channelId}\u0000${dedupKey}`;

/**
 * One statement stores the rows and wakes the workers: the acknowledgement waits for a single round trip.
 * Returns the keys of the rows that were new.
 */
export async function insertRows(db: DbOrTx, rows: RawEventRow[]): Promise<string[]> {
  const inserted = db.$with("inserted").as(
    db
      .insert(rawEvents)
      .values(rows)
      .onConflictDoNothing({ target: [rawEvents.channelId, rawEvents.dedupKey] })
      .returning({ channelId: rawEvents.channelId, dedupKey: rawEvents.dedupKey }),
  );
  const result = (await db
    .with(inserted)
    .select({
      keys: sql<
        [string, string][] | null
      >`json_agg(json_build_array(${inserted.channelId}, ${inserted.dedupKey}))`,
      woken: sql`CASE WHEN count(*) > 0 THEN pg_notify(${WORK_CHANNEL}, 'ingest') END`,
    })
    .from(inserted)) as { keys: [string, string][] | null }[];
  return (result[0]?.keys ?? []).map(([channelId, dedupKey]) => rowKey(channelId, dedupKey));
}

const writers = new WeakMap<Db, RawEventGroupWriter>();

/** The process's one writer for this database: every webhook route shares it, which is what makes groups. */
export function rawEventWriterFor(db: Db): RawEventGroupWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new RawEventGroupWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
