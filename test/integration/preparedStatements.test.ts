import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/store/database.ts";
import { createScratchDatabase, type TestDatabase } from "../support/testDatabase.ts";

type Row = Record<string, unknown>;
async function rowsOf(query: Promise<unknown>): Promise<Row[]> {
  return ((await query) as { rows: Row[] }).rows;
}

const serverUrl = process.env.TEST_DATABASE_URL;
const onServer = serverUrl !== undefined && process.env.TEST_DB_TARGET !== "pglite";

// Prepared statements exist on a PostgreSQL server's connections only; PGlite runs every statement in-process.
describe.skipIf(!onServer)("prepared statements on PostgreSQL", () => {
  let scratch: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl!);
    database = await openDatabase({ databaseUrl: scratch.databaseUrl, poolSize: 1 });
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it("prepares a statement sent again and again, once, and answers it as before", async () => {
    const answers: unknown[] = [];
    for (let i = 0; i < 5; i += 1)
      answers.push((await rowsOf(database.db.execute(sql`SELECT ${i}::int + 1 AS n`)))[0]);
    expect(answers).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
    const prepared = await rowsOf(
      database.db.execute(
        sql`SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1::int + 1%'`,
      ),
    );
    expect(prepared).toHaveLength(1);
    expect(String(prepared[0]!.name)).toMatch(/^parley_\d+$/);
  });

  it("recovers when a migration changes the shape of a prepared statement's table", async () => {
    await database.db.execute(sql`CREATE TABLE shaped (id int PRIMARY KEY, a text)`);
    await database.db.execute(sql`INSERT INTO shaped VALUES (1, 'one')`);
    const read = () => rowsOf(database.db.execute(sql`SELECT * FROM shaped WHERE id = ${1}`));
    for (let i = 0; i < 4; i += 1) expect(await read()).toEqual([{ id: 1, a: "one" }]);
    await database.db.execute(sql`ALTER TABLE shaped ADD COLUMN b text DEFAULT 'two'`);
    // Outside a transaction the refused statement is asked again at once, unnamed, and named afresh later.
    for (let i = 0; i < 4; i += 1) expect(await read()).toEqual([{ id: 1, a: "one", b: "two" }]);
    // Inside one, the transaction fails once (it is aborted by the refusal); the next one is planned afresh.
    await database.db.execute(sql`ALTER TABLE shaped ADD COLUMN c int DEFAULT 3`);
    const inTransaction = () =>
      database.db.transaction((tx) => rowsOf(tx.execute(sql`SELECT * FROM shaped WHERE id = ${1}`)));
    const first = await inTransaction().catch((err: Error) => String(err.cause ?? err));
    expect(first).toMatch(/cached plan must not change result type/);
    expect(await inTransaction()).toEqual([{ id: 1, a: "one", b: "two", c: 3 }]);
  });

  it("can be turned off for a pooler that cannot keep them", async () => {
    const plain = await openDatabase({
      databaseUrl: scratch.databaseUrl,
      poolSize: 1,
      preparedStatements: false,
    });
    try {
      for (let i = 0; i < 5; i += 1) await plain.db.execute(sql`SELECT ${i}::int * 7 AS n`);
      const prepared = await rowsOf(
        plain.db.execute(
          sql`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1::int * 7%'`,
        ),
      );
      expect(prepared).toEqual([{ n: 0 }]);
    } finally {
      await plain.close();
    }
  });
});
