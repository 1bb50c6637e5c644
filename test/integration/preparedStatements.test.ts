import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/store/database.ts";
import { isUniqueViolation } from "../../src/store/pgErrors.ts";
import { createScratchDatabase, dbTargets, type TestDatabase } from "../support/testDatabase.ts";

type Row = Record<string, unknown>;
async function rowsOf(query: Promise<unknown>): Promise<Row[]> {
  return ((await query) as { rows: Row[] }).rows;
}

describe.each(dbTargets())("prepared statements on $name", (target) => {
  let scratch: TestDatabase | undefined;
  let database: Database;
  /** PostgreSQL: a scratch database on the server, one connection; PGlite: in memory. */
  const open = (preparedStatements?: boolean) =>
    openDatabase(
      scratch
        ? { databaseUrl: scratch.databaseUrl, poolSize: 1, preparedStatements }
        : { dataDir: null, preparedStatements },
    );

  beforeAll(async () => {
    if (target.name === "postgres") scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!);
    database = await open();
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

  it("returns every type, null and error as the unnamed statement does, in and out of a transaction", async () => {
    const at = new Date("2026-12-06T10:00:00.123Z");
    const create = (on: Database) =>
      on.db.execute(sql`CREATE TABLE typed (id int PRIMARY KEY, at timestamptz, doc jsonb, tags text[],
        flag boolean, amount numeric, big bigint, day date, note text)`);
    const writeOn = (on: Database, id: number) =>
      on.db.execute(sql`INSERT INTO typed VALUES (${id}, ${at}, ${JSON.stringify({ a: [1, "x"] })}::jsonb,
        ${'{delivery,"late order"}'}, ${id % 2 === 0}, ${"12.50"}, ${"9007199254740993"}, ${"2026-12-06"}, ${null})
        RETURNING *`);
    const readOn = (on: Database, id: number) =>
      rowsOf(on.db.execute(sql`SELECT * FROM typed WHERE id = ${id}`));
    const write = (id: number) => writeOn(database, id);
    const read = (id: number) => readOn(database, id);
    await create(database);
    for (let id = 1; id <= 5; id += 1) await write(id);
    const plain = await open(false);
    try {
      if (!scratch) {
        // PGlite keeps one database per instance: the plain one gets the same rows to compare with.
        await create(plain);
        for (let id = 1; id <= 5; id += 1) await writeOn(plain, id);
      }
      for (let id = 1; id <= 5; id += 1) expect(await read(id)).toEqual(await readOn(plain, id));
    } finally {
      await plain.close();
    }
    const [row] = await read(2);
    expect(row).toMatchObject({
      id: 2,
      doc: { a: [1, "x"] },
      tags: ["delivery", "late order"],
      flag: true,
      note: null,
    });
    expect(new Date(row!.at as string | Date).toISOString()).toBe(at.toISOString());
    // A named statement's error is the database's own, code and all.
    const again = await write(1).catch((err: unknown) => err);
    expect(isUniqueViolation(again)).toBe(true);
    // Inside a transaction: the rows as outside it, and the changes roll back with it.
    await database.db
      .transaction(async (tx) => {
        for (let i = 0; i < 4; i += 1)
          await tx.execute(sql`UPDATE typed SET note = ${"in transaction"} WHERE id = ${3}`);
        const inside = await rowsOf(tx.execute(sql`SELECT * FROM typed WHERE id = ${3}`));
        expect(inside[0]!.note).toBe("in transaction");
        throw new Error("roll back");
      })
      .catch(() => {});
    expect((await read(3))[0]!.note).toBeNull();
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

  it("can be turned off (for a pooler that cannot keep them)", async () => {
    const plain = await open(false);
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
