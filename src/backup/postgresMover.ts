import { existsSync } from "node:fs";
import pg from "pg";
import { openDatabase, pgliteDirectory } from "../store/database.ts";
import { configuredSecretKey } from "../store/secretBox.ts";
import {
  codeMigrationLevel,
  databaseMigrationLevel,
  describeLevel,
  isNewerThanCode,
  type MigrationLevel,
} from "./migrationLevel.ts";
import { refuseRunningParley } from "./postgresBackup.ts";
import { type CredentialCheck, checkChannelCredentials } from "./secretKeyPlan.ts";
import { pgClientSession, pgliteSession, quoteIdent, type SqlSession } from "./sqlSession.ts";
import {
  dependencyOrder,
  foreignKeys,
  parleyTables,
  rowCounts,
  sequenceStates,
  type TableInfo,
  tablesWithRows,
} from "./tableCatalog.ts";

export interface MoveRequest {
  /** The PGlite installation to move: PARLEY_DATA_DIR. */
  dataDir: string;
  /** An empty PostgreSQL database. */
  targetUrl: string;
  secretKey: string | undefined;
  /** Rows read from PGlite per round; inserts are further cut to stay under a few megabytes each. */
  batchSize?: number;
  onProgress?: (progress: MoveProgress) => void;
}

export type MoveProgress =
  | { step: "migrated"; level: MigrationLevel }
  | { step: "copying"; table: string; rows: number }
  | { step: "copied"; table: string; rows: number };

export interface MoveResult {
  tables: Record<string, number>;
  sequences: number;
  level: MigrationLevel;
  credentials: CredentialCheck;
}

const DEFAULT_BATCH = 500;
const INSERT_BYTES = 8 * 1024 * 1024;

/**
 * Copies a PGlite installation into an empty PostgreSQL database: migrations first (the same ones, so both
 * sides have one schema), then every table's rows in one transaction on the target, so an interrupted move
 * leaves the target without data and can simply be run again. The PGlite side is only read (after being
 * migrated, as `start` would), under the data directory's lock, so no Parley runs on it meanwhile.
 */
export async function moveToPostgres(request: MoveRequest): Promise<MoveResult> {
  const protocol = safeProtocol(request.targetUrl);
  if (protocol !== "postgres:" && protocol !== "postgresql:")
    throw new Error("--to must be a PostgreSQL URL: postgres://user:password@host:5432/database");
  if (!existsSync(pgliteDirectory(request.dataDir)))
    throw new Error(`There is no PGlite database in ${request.dataDir} (PARLEY_DATA_DIR): nothing to move.`);
  const progress = request.onProgress ?? (() => {});
  const code = codeMigrationLevel();

  // Takes the data directory's lock: refuses while a Parley runs on it.
  const source = await openDatabase({ dataDir: request.dataDir });
  try {
    await source.migrate();
    const from = pgliteSession(source.pglite!);
    const sourceLevel = await databaseMigrationLevel(from);
    if (sourceLevel.when !== code.when)
      throw new Error(
        `The PGlite database's schema (${describeLevel(sourceLevel)}) is newer than this Parley's (${describeLevel(code)}): move it with the Parley that last ran on it.`,
      );
    await checkTarget(request.targetUrl);
    const target = await openDatabase({ databaseUrl: request.targetUrl, poolSize: 1 });
    try {
      await target.migrate();
    } finally {
      await target.close();
    }
    progress({ step: "migrated", level: sourceLevel });

    const client = new pg.Client({ connectionString: request.targetUrl, application_name: "parley-move" });
    client.on("error", () => {});
    await client.connect();
    try {
      const tables = await copyEverything(from, client, request.batchSize ?? DEFAULT_BATCH, progress);
      const keyText = configuredSecretKey(request.secretKey, request.dataDir);
      const credentials = await checkChannelCredentials(pgClientSession(client), keyText);
      return { ...tables, level: sourceLevel, credentials };
    } finally {
      await client.end().catch(() => {});
    }
  } finally {
    await source.close();
  }
}

function safeProtocol(url: string): string | null {
  try {
    return new URL(url).protocol;
  } catch {
    return null;
  }
}

/** Refuses a target with data, a newer schema or a Parley connected; a migrated but empty one is fine. */
async function checkTarget(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: "parley-move" });
  client.on("error", () => {});
  await client.connect();
  try {
    const session = pgClientSession(client);
    await refuseRunningParley(session, "moving into it");
    const level = await databaseMigrationLevel(session);
    if (isNewerThanCode(level))
      throw new Error(`The target's schema (${describeLevel(level)}) is newer than this Parley's.`);
    const withRows = await tablesWithRows(session);
    if (withRows.length > 0)
      throw new Error(
        `The target database is not empty (rows in ${withRows.slice(0, 5).join(", ")}${withRows.length > 5 ? ", …" : ""}): ` +
          "move into a new, empty database.",
      );
  } finally {
    await client.end().catch(() => {});
  }
}

async function copyEverything(
  from: SqlSession,
  client: pg.Client,
  batchSize: number,
  progress: (progress: MoveProgress) => void,
): Promise<{ tables: Record<string, number>; sequences: number }> {
  const to = pgClientSession(client);
  // Text is how both sides exchange values exactly (as pg_dump does); these settings make it unambiguous.
  const textSettings = [
    "SET LOCAL TimeZone = 'UTC'",
    "SET LOCAL DateStyle = 'ISO, YMD'",
    "SET LOCAL IntervalStyle = 'postgres'",
    "SET LOCAL extra_float_digits = 3",
  ];
  await from.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  await client.query("BEGIN");
  try {
    for (const setting of textSettings) {
      await from.query(setting);
      await client.query(setting);
    }
    const sourceTables = await parleyTables(from);
    const targetTables = new Map((await parleyTables(to)).map((table) => [table.name, table]));
    refuseDifferentSchemas(sourceTables, targetTables);

    const keys = await foreignKeys(to);
    const { order, unorderable } = dependencyOrder(
      sourceTables.map((table) => table.name),
      keys,
    );
    // A contact merged into another contact refers to its own table: no order of rows is guaranteed to
    // satisfy that, so such constraints are dropped for the copy and added back (and so checked) before commit.
    for (const key of unorderable)
      await client.query(`ALTER TABLE ${quoteIdent(key.table)} DROP CONSTRAINT ${quoteIdent(key.name)}`);
    // Triggers describe changes; a copy is not a change. (Today only a text edit clears a search vector.)
    const triggered = await tablesWithUserTriggers(to);
    for (const table of triggered)
      await client.query(`ALTER TABLE ${quoteIdent(table)} DISABLE TRIGGER USER`);

    const tables: Record<string, number> = {};
    const byName = new Map(sourceTables.map((table) => [table.name, table]));
    for (const name of order)
      tables[name] = await copyTable(from, client, byName.get(name)!, batchSize, progress);

    const sequences = await sequenceStates(from);
    for (const sequence of sequences)
      await client.query("SELECT setval($1::regclass, $2::bigint, $3)", [
        quoteIdent(sequence.name),
        sequence.lastValue,
        sequence.isCalled,
      ]);
    for (const table of triggered) await client.query(`ALTER TABLE ${quoteIdent(table)} ENABLE TRIGGER USER`);
    for (const key of unorderable)
      await client.query(
        `ALTER TABLE ${quoteIdent(key.table)} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition}`,
      );

    const expected = await rowCounts(from, order);
    const found = await rowCounts(to, order);
    const differences = order.filter((table) => expected[table] !== found[table]);
    if (differences.length > 0)
      throw new Error(
        `row counts differ after the copy, nothing was committed: ${differences.map((t) => `${t} ${found[t]} of ${expected[t]}`).join(", ")}`,
      );
    await client.query("COMMIT");
    await from.query("COMMIT");
    return { tables: expected, sequences: sequences.length };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    await from.query("ROLLBACK").catch(() => {});
    throw err;
  }
}

function refuseDifferentSchemas(source: TableInfo[], target: Map<string, TableInfo>): void {
  const differences: string[] = [];
  for (const table of source) {
    const other = target.get(table.name);
    const columnList = (t: TableInfo) => t.columns.map((c) => `${c.name} ${c.type}`).join(", ");
    if (!other) differences.push(`${table.name} is missing`);
    else if (columnList(other) !== columnList(table)) differences.push(`${table.name} has other columns`);
  }
  if (differences.length > 0)
    throw new Error(`The target's tables do not match the PGlite database's: ${differences.join("; ")}`);
}

async function tablesWithUserTriggers(session: SqlSession): Promise<string[]> {
  const rows = await session.query<{ name: string }>(
    `SELECT DISTINCT c.relname AS name FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/**
 * One table, read through a cursor in batches and written with one INSERT per few megabytes: each column
 * travels as a text array and is cast back to its type, so no value passes through a JavaScript number or
 * Date. The table is locked first and must still be empty: nothing else may be writing into the target.
 */
async function copyTable(
  from: SqlSession,
  client: pg.Client,
  table: TableInfo,
  batchSize: number,
  progress: (progress: MoveProgress) => void,
): Promise<number> {
  const name = quoteIdent(table.name);
  await client.query(`LOCK TABLE ${name} IN ACCESS EXCLUSIVE MODE`);
  const [present] = (await client.query(`SELECT EXISTS (SELECT 1 FROM ${name}) AS any`)).rows;
  if (present?.any) throw new Error(`rows appeared in the target's ${table.name} during the move`);

  const columns = table.columns.map((column) => quoteIdent(column.name));
  const insert =
    `INSERT INTO ${name} (${columns.join(", ")}) OVERRIDING SYSTEM VALUE ` +
    `SELECT ${table.columns.map((column, i) => `u.c${i}::${column.type}`).join(", ")} ` +
    `FROM unnest(${table.columns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) ` +
    `AS u(${table.columns.map((_, i) => `c${i}`).join(", ")})`;
  await from.query(
    `DECLARE parley_move NO SCROLL CURSOR FOR SELECT ${columns.map((column) => `${column}::text`).join(", ")} FROM ${name}`,
  );
  let copied = 0;
  for (;;) {
    const rows = (await from.queryArrays(`FETCH ${batchSize} FROM parley_move`)) as (string | null)[][];
    if (rows.length === 0) break;
    let start = 0;
    while (start < rows.length) {
      let end = start;
      let bytes = 0;
      while (end < rows.length && (end === start || bytes < INSERT_BYTES)) {
        for (const value of rows[end]!) bytes += value?.length ?? 0;
        end++;
      }
      const slice = rows.slice(start, end);
      await client.query(
        insert,
        table.columns.map((_, i) => slice.map((row) => row[i] ?? null)),
      );
      start = end;
    }
    copied += rows.length;
    progress({ step: "copying", table: table.name, rows: copied });
  }
  // On an error the transaction's rollback closes the cursor.
  await from.query("CLOSE parley_move");
  progress({ step: "copied", table: table.name, rows: copied });
  return copied;
}
