import { quoteIdent, type SqlSession } from "./sqlSession.ts";

/**
 * What backup, restore and the move read from the catalog rather than from schema.ts: the tables and keys
 * a database really has, so a table added by a later migration is counted and copied without touching this
 * file. Parley keeps everything in the `public` schema (drizzle's own bookkeeping aside).
 */

export interface TableColumn {
  name: string;
  /** As format_type prints it, e.g. "timestamp with time zone", "text[]"; used to cast text back. */
  type: string;
}

export interface TableInfo {
  name: string;
  /** Columns that can be written, in their table order (generated columns are computed, never copied). */
  columns: TableColumn[];
}

export interface ForeignKey {
  name: string;
  table: string;
  references: string;
  /** pg_get_constraintdef's text, to add the constraint back exactly as it was. */
  definition: string;
}

export async function parleyTables(session: SqlSession): Promise<TableInfo[]> {
  const rows = await session.query<{ table_name: string; column_name: string; column_type: string }>(
    `SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS column_type
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
  );
  const tables = new Map<string, TableInfo>();
  for (const row of rows) {
    const table = tables.get(row.table_name) ?? { name: row.table_name, columns: [] };
    tables.set(row.table_name, table);
    table.columns.push({ name: row.column_name, type: row.column_type });
  }
  return [...tables.values()];
}

export async function foreignKeys(session: SqlSession): Promise<ForeignKey[]> {
  return session.query<ForeignKey & Record<string, unknown>>(
    `SELECT con.conname AS name, src.relname AS "table", dst.relname AS "references",
            pg_get_constraintdef(con.oid) AS definition
       FROM pg_constraint con
       JOIN pg_class src ON src.oid = con.conrelid
       JOIN pg_class dst ON dst.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = src.relnamespace
      WHERE con.contype = 'f' AND n.nspname = 'public'
      ORDER BY src.relname, con.conname`,
  );
}

/**
 * Orders tables so every table comes after the tables it references. A reference no order can satisfy (a
 * table referring to itself, such as a contact merged into another contact, or a cycle between tables) is
 * returned apart: the move drops those constraints while copying and adds them back, which checks them.
 */
export function dependencyOrder(
  tables: string[],
  keys: ForeignKey[],
): { order: string[]; unorderable: ForeignKey[] } {
  const unorderable = keys.filter((key) => key.table === key.references);
  const pending = new Set(tables);
  const order: string[] = [];
  let edges = keys.filter((key) => key.table !== key.references && pending.has(key.references));
  while (pending.size > 0) {
    const blocked = new Set(edges.filter((key) => pending.has(key.references)).map((key) => key.table));
    let ready = [...pending].filter((table) => !blocked.has(table)).sort();
    if (ready.length === 0) {
      // A cycle: take the first table by name and set aside its references to the tables still waiting.
      const first = [...pending].sort()[0]!;
      const broken = edges.filter((key) => key.table === first && pending.has(key.references));
      unorderable.push(...broken);
      edges = edges.filter((key) => !broken.includes(key));
      ready = [first];
    }
    for (const table of ready) {
      order.push(table);
      pending.delete(table);
    }
  }
  return { order, unorderable };
}

export async function rowCounts(session: SqlSession, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...tables].sort()) {
    const [row] = await session.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteIdent(table)}`);
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

/** The tables that hold at least one row: an empty list means there is no data to lose. */
export async function tablesWithRows(session: SqlSession): Promise<string[]> {
  const found: string[] = [];
  for (const table of await parleyTables(session)) {
    const [row] = await session.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${quoteIdent(table.name)}) AS any`,
    );
    if (row?.any) found.push(table.name);
  }
  return found;
}

export interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export async function sequenceStates(session: SqlSession): Promise<SequenceState[]> {
  const names = await session.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  const states: SequenceState[] = [];
  for (const { name } of names) {
    const [row] = await session.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM ${quoteIdent(name)}`,
    );
    if (row) states.push({ name, lastValue: row.last_value, isCalled: row.is_called });
  }
  return states;
}

/** The server's version as it reports it, e.g. "15.20" or PGlite's "18.6". */
export async function serverVersion(session: SqlSession): Promise<{ text: string; major: number }> {
  const [row] = await session.query<{ version: string; num: string }>(
    "SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num",
  );
  return { text: row?.version ?? "unknown", major: Math.floor(Number(row?.num ?? 0) / 10_000) };
}
