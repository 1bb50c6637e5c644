import { sql } from "drizzle-orm";
import type { Db } from "../store/database.ts";

/** How often the embedded database's tables are vacuumed and analyzed; tests shorten it. */
export const PGLITE_VACUUM_INTERVAL_MS = 10 * 60_000;

/**
 * PGlite runs PostgreSQL in single-user mode, where no autovacuum runs: every update and delete leaves its old row
 * version behind for good, and the planner's statistics stay those of the day the table was created. Measured, a
 * table updated 20 times over grew twentyfold, and a queue's plan made on its empty table took 300 ms a pick once it
 * held thousands of rows. This does autovacuum's job for it: VACUUM (ANALYZE) each of Parley's tables in turn, one
 * statement per table, so that webhooks' acknowledgements get the thread between tables (the worker's database
 * handle yields to them). Repeated runs are cheap: VACUUM skips the pages its visibility map says are clean.
 * Returns how many tables were vacuumed.
 */
export async function vacuumPglite(db: Db): Promise<number> {
  const tables = (await db.execute(sql`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`)) as unknown as {
    rows: { name: string }[];
  };
  for (const { name } of tables.rows) await db.execute(sql`VACUUM (ANALYZE) ${sql.identifier(name)}`);
  return tables.rows.length;
}
