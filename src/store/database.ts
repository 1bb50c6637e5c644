import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { acquireDataDirLock, type DataDirLock } from "./dataDirLock.ts";
import { gatedClient, PglitePriority } from "./pglitePriority.ts";
import { pgliteStatements } from "./pgliteStatements.ts";
import { namingClientClass, statementNaming } from "./preparedStatements.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** Both drivers expose the same query builder; code above this file never knows which one runs. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  /** For the server's requests. */
  db: Db;
  /**
   * For background work (the worker's loops). The same database; on PGlite it yields to `db` (see
   * pglitePriority.ts), on PostgreSQL it is `db` itself, the server ordering its connections.
   */
  background: Db;
  kind: "pglite" | "postgres";
  /** On PGlite, whether requests are using the one thread (now or a moment ago): background work then slices. */
  foregroundActive?: () => boolean;
  /** Subscribes to a NOTIFY channel; resolves once listening. Returns the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The embedded client, for what only PGlite can do (dumping its data directory); absent on PostgreSQL. */
  pglite?: PGlite;
}

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
export const PARLEY_APPLICATION_NAME = "parley";
/** Any constant works: it only has to be the same in every Parley process sharing one server. */
const MIGRATION_LOCK_ID = 7_406_013;
/**
 * A statement is prepared on its third use; at most 400 texts per process (a few dozen make up ingest and triage),
 * so that the server's memory per connection stays small.
 */
const STATEMENT_NAMING = { after: 3, limit: 400 };

export interface DatabaseOptions {
  /** postgres://… for a PostgreSQL server; otherwise PGlite keeps data in `dataDir` (or memory when null). */
  databaseUrl?: string | undefined;
  dataDir?: string | null | undefined;
  poolSize?: number | undefined;
  /**
   * Name repeated statements so the database prepares them once (per connection on PostgreSQL; on PGlite each run is
   * then also one call into the backend instead of six); default on.
   */
  preparedStatements?: boolean | undefined;
  /** The caller already holds the data directory's lock (restore holds it across several opens). */
  heldLock?: DataDirLock | undefined;
}

/** Where PGlite keeps its files inside Parley's data directory. */
export function pgliteDirectory(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl)
    return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.preparedStatements ?? true);
  return openPglite(options.dataDir ?? null, options.heldLock, options.preparedStatements ?? true);
}

async function openPostgres(url: string, poolSize: number, prepared: boolean): Promise<Database> {
  // Named in pg_stat_activity (unless the URL names it otherwise), so restore and move-to-postgres can tell
  // that a Parley is connected to the database they are about to fill.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    fallback_application_name: PARLEY_APPLICATION_NAME,
    ...(prepared ? { Client: namingClientClass(statementNaming(STATEMENT_NAMING)) } : {}),
  });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    background: db,
    kind: "postgres",
    async listen(channel, onPayload) {
      const client = new pg.Client({
        connectionString: url,
        fallback_application_name: PARLEY_APPLICATION_NAME,
      });
      client.on("error", () => {});
      await client.connect();
      client.on("notification", (msg) => {
        if (msg.channel === channel && msg.payload !== undefined) onPayload(msg.payload);
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    async migrate() {
      // Several processes may start at once on one server: the advisory lock lets one migrate at a time.
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(
  dataDir: string | null,
  heldLock: DataDirLock | undefined,
  prepared: boolean,
): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // One process per data directory: see dataDirLock.ts.
  const ownLock = dataDir && !heldLock ? acquireDataDirLock(dataDir) : null;
  let client: PGlite;
  try {
    client = dataDir ? await PGlite.create(pgliteDirectory(dataDir)) : await PGlite.create();
  } catch (err) {
    ownLock?.release();
    throw err;
  }
  const priority = new PglitePriority();
  const statements = prepared ? pgliteStatements(client, statementNaming(STATEMENT_NAMING)) : null;
  const sideOf = (side: <T>(run: () => Promise<T>) => Promise<T>) =>
    drizzlePglite({ client: gatedClient(client, side, statements) as PGlite, schema }) as unknown as Db;
  return {
    db: sideOf((run) => priority.foreground(run)),
    background: sideOf((run) => priority.background(run)),
    kind: "pglite",
    foregroundActive: () => priority.foregroundActive(),
    pglite: client,
    async listen(channel, onPayload) {
      const unsubscribe = await client.listen(channel, onPayload);
      return unsubscribe;
    },
    async migrate() {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    async close() {
      try {
        await client.close();
      } finally {
        ownLock?.release();
      }
    },
  };
}
