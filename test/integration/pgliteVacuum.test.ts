import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbTargets } from "../support/testDatabase.ts";
import { startTestParley, type TestParley, waitFor } from "../support/testParley.ts";

type Row = Record<string, unknown>;
async function rowsOf<T = Row>(query: Promise<unknown>): Promise<T[]> {
  return ((await query) as { rows: T[] }).rows;
}

const onPglite = dbTargets().some((target) => target.name === "pglite");

// PostgreSQL servers run autovacuum themselves; PGlite, in single-user mode, does not.
describe.skipIf(!onPglite)("the worker vacuums the embedded database", () => {
  let app: TestParley;

  beforeAll(async () => {
    app = await startTestParley({ name: "pglite" }, { workerOptions: { vacuumIntervalMs: 300 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("reuses the space of old row versions and keeps the planner's statistics current", async () => {
    const db = app.parley.database.db;
    await db.execute(sql`CREATE TABLE churn (id int PRIMARY KEY, v int)`);
    await db.execute(sql`INSERT INTO churn SELECT g, 0 FROM generate_series(1, 2000) g`);
    const churn = async (times: number) => {
      for (let i = 0; i < times; i += 1) await db.execute(sql`UPDATE churn SET v = v + 1`);
    };
    const size = async () =>
      (await rowsOf<{ bytes: number }>(db.execute(sql`SELECT pg_relation_size('churn')::int AS bytes`)))[0]!
        .bytes;
    const analyzedRows = async () =>
      (
        await rowsOf<{ tuples: number }>(
          db.execute(sql`SELECT reltuples::int AS tuples FROM pg_class WHERE relname = 'churn'`),
        )
      )[0]!.tuples;

    await churn(10);
    const churned = await size();
    // One more row tells a run that began after the churn (PGlite runs one statement at a time, so a table's
    // VACUUM (ANALYZE) that counts it started after the updates) from one that may have come in the middle of it.
    await db.execute(sql`INSERT INTO churn VALUES (2001, 0)`);
    // Analyzed: the planner knows the table's row count (-1 means never).
    await waitFor(async () => (await analyzedRows()) === 2001, 30_000, "the churned table analyzed");
    // Vacuumed by the same run (VACUUM (ANALYZE) does both): the next updates reuse the dead rows' space, where
    // without it five more updates of every row would grow the table by half again.
    await churn(5);
    expect(await size()).toBeLessThanOrEqual(churned);
  });
});
