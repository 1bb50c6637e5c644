import { randomBytes } from "node:crypto";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { PARLEY_APPLICATION_NAME } from "../store/database.ts";
import { type BackupManifest, POSTGRES_ENTRY } from "./backupManifest.ts";
import type { DumpedDatabase } from "./dumpedDatabase.ts";
import { databaseMigrationLevel } from "./migrationLevel.ts";
import { connectionForTool, findPgTool, runPgTool } from "./pgTools.ts";
import { differencesFromManifest } from "./restoreVerification.ts";
import { type CredentialCheck, checkChannelCredentials } from "./secretKeyPlan.ts";
import { pgClientSession, type SqlSession } from "./sqlSession.ts";
import { parleyTables, rowCounts, serverVersion, tablesWithRows } from "./tableCatalog.ts";
import { type ArchiveEntry, streamEntry } from "./tarArchive.ts";

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  return client;
}

/**
 * pg_dump in custom format while Parley keeps running: this process opens a repeatable-read transaction,
 * counts the rows and reads the migration level in it, and hands its snapshot to pg_dump (--snapshot), so
 * the manifest's counts describe exactly the rows in the dump.
 */
export async function dumpPostgres(url: string, workDir: string): Promise<DumpedDatabase> {
  const client = await connect(url);
  const file = path.join(workDir, `.parley-dump-${randomBytes(6).toString("hex")}.partial`);
  const discard = () => rm(file, { force: true });
  try {
    const session = pgClientSession(client);
    const version = await serverVersion(session);
    const tool = await findPgTool("pg_dump", version.major);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const [snapshot] = await session.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
    const schema = await databaseMigrationLevel(session);
    const tables = await rowCounts(
      session,
      (await parleyTables(session)).map((table) => table.name),
    );
    const { dbname, env } = connectionForTool(url);
    // The whole database, not `--schema=public`: with that option pg_dump writes CREATE SCHEMA public, which
    // fails on every server where the schema exists.
    await runPgTool(
      tool,
      ["--format=custom", `--snapshot=${snapshot!.id}`, `--file=${file}`, `--dbname=${dbname}`],
      env,
    );
    await client.query("COMMIT");
    return {
      entry: POSTGRES_ENTRY,
      source: { path: file, size: (await stat(file)).size },
      serverVersion: version.text,
      serverMajor: version.major,
      writtenBy: tool.version,
      toolMajor: tool.major,
      schema,
      tables,
      discard,
    };
  } catch (err) {
    await discard();
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface PostgresRestoreResult {
  credentials: CredentialCheck;
}

/** Where a restore puts the schemas it replaces until the new ones are restored and checked. */
const SET_ASIDE = { public: "parley_replaced_public", drizzle: "parley_replaced_drizzle" } as const;

/**
 * pg_restore in one transaction (--single-transaction): it restores everything or nothing. A database that
 * already has Parley's schema is first set aside by renaming its schemas (one quick transaction), so the
 * restore never meets old objects; if pg_restore or the check against the manifest fails, the old schemas
 * are put back, and only after a complete restore are they dropped.
 */
export async function restorePostgres(input: {
  archive: string;
  entry: ArchiveEntry;
  manifest: BackupManifest;
  url: string;
  force: boolean;
  keyAfterRestore: string | null;
}): Promise<PostgresRestoreResult> {
  const client = await connect(input.url);
  try {
    const session = pgClientSession(client);
    const version = await serverVersion(session);
    // pg_restore must read the archive (at least the pg_dump that wrote it) and speak to this server.
    const tool = await findPgTool(
      "pg_restore",
      Math.max(version.major, input.manifest.database.toolMajor ?? 0),
    );
    const [leftover] = await session.query<{ name: string }>(
      "SELECT nspname AS name FROM pg_namespace WHERE nspname IN ($1, $2) LIMIT 1",
      [SET_ASIDE.public, SET_ASIDE.drizzle],
    );
    if (leftover)
      throw new Error(
        `schema ${leftover.name} exists: an earlier restore was interrupted and it holds the data that restore replaced. ` +
          `Rename it back (ALTER SCHEMA ${leftover.name} RENAME TO …) or drop it, then restore again.`,
      );
    await refuseRunningParley(session, "restoring into it");
    const withRows = await tablesWithRows(session);
    if (withRows.length > 0 && !input.force)
      throw new Error(
        `the database already holds Parley data (rows in ${withRows.slice(0, 5).join(", ")}${withRows.length > 5 ? ", …" : ""}). ` +
          "Restore into an empty database, or add --force to replace it.",
      );
    const setAside = await hasParleySchema(session);
    if (setAside) await setSchemasAside(client);
    try {
      const { dbname, env } = connectionForTool(input.url);
      await runPgTool(
        tool,
        ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${dbname}`],
        env,
        streamEntry(input.archive, input.entry),
      );
      const differences = await differencesFromManifest(session, input.manifest);
      if (differences.length > 0)
        throw new Error(
          `the restored database differs from the backup's manifest: ${differences.join("; ")}`,
        );
    } catch (err) {
      if (setAside) await putSchemasBack(client);
      throw err;
    }
    if (setAside) {
      await client.query(`DROP SCHEMA IF EXISTS ${SET_ASIDE.public} CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS ${SET_ASIDE.drizzle} CASCADE`);
    }
    return { credentials: await checkChannelCredentials(session, input.keyAfterRestore) };
  } finally {
    await client.end().catch(() => {});
  }
}

async function hasParleySchema(session: SqlSession): Promise<boolean> {
  const [row] = await session.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'drizzle')
         OR EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm')) AS present`,
  );
  return row?.present === true;
}

async function setSchemasAside(client: pg.Client): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query(`ALTER SCHEMA public RENAME TO ${SET_ASIDE.public}`);
    const [drizzle] = (await client.query("SELECT 1 FROM pg_namespace WHERE nspname = 'drizzle'")).rows;
    if (drizzle) await client.query(`ALTER SCHEMA drizzle RENAME TO ${SET_ASIDE.drizzle}`);
    await client.query("CREATE SCHEMA public");
    await client.query("GRANT USAGE ON SCHEMA public TO PUBLIC");
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}

async function putSchemasBack(client: pg.Client): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query("DROP SCHEMA IF EXISTS drizzle CASCADE");
    await client.query("DROP SCHEMA IF EXISTS public CASCADE");
    await client.query(`ALTER SCHEMA ${SET_ASIDE.public} RENAME TO public`);
    const [drizzle] = (
      await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [SET_ASIDE.drizzle])
    ).rows;
    if (drizzle) await client.query(`ALTER SCHEMA ${SET_ASIDE.drizzle} RENAME TO drizzle`);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}

/**
 * A Parley connected to the database (its connections are named "parley" in pg_stat_activity) would mix its
 * writes with a restore's or a move's. PostgreSQL shows every session's database and name to every user, so
 * this check needs no privilege.
 */
export async function refuseRunningParley(session: SqlSession, what: string): Promise<void> {
  const [row] = await session.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1`,
    [PARLEY_APPLICATION_NAME],
  );
  const sessions = Number(row?.n ?? 0);
  if (sessions > 0)
    throw new Error(
      `${sessions} Parley connection${sessions === 1 ? " is" : "s are"} open on this database: stop every Parley process using it before ${what}.`,
    );
}
