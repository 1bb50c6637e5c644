import { randomBytes } from "node:crypto";
import pg from "pg";

export interface DbTarget {
  name: "pglite" | "postgres";
}

/**
 * PGlite always; the PostgreSQL server too when TEST_DATABASE_URL points at one (npm test finds it).
 * TEST_DB_TARGET=pglite|postgres keeps one of them: `npm test` runs the two as concurrent processes.
 */
export function dbTargets(): DbTarget[] {
  const all: DbTarget[] = process.env.TEST_DATABASE_URL
    ? [{ name: "pglite" }, { name: "postgres" }]
    : [{ name: "pglite" }];
  const only = process.env.TEST_DB_TARGET;
  return only ? all.filter((target) => target.name === only) : all;
}

export interface TestDatabase {
  /** undefined means PGlite (in the test's data dir). */
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

/** A database of its own for each test file, so files never see each other's rows. */
export async function createTestDatabase(target: DbTarget): Promise<TestDatabase> {
  if (target.name === "pglite") return { databaseUrl: undefined, drop: async () => {} };
  return createScratchDatabase(process.env.TEST_DATABASE_URL!);
}

/** A new, empty database on the server `adminUrl` points at, dropped again by `drop()`. */
export async function createScratchDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `parley_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
