import { readFileSync } from "node:fs";
import path from "node:path";
import { MIGRATIONS_FOLDER } from "../store/database.ts";
import type { SqlSession } from "./sqlSession.ts";

/**
 * How far a database's schema has been migrated. Drizzle's migrator records each applied migration's journal
 * `when` in drizzle.__drizzle_migrations and applies only those with a later `when`, so the latest `when` is
 * the schema's level and comparing levels is comparing those numbers.
 */
export interface MigrationLevel {
  /** The journal tag of the latest migration applied, e.g. "0006_contacts_search"; null on an empty database. */
  tag: string | null;
  when: number | null;
  applied: number;
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

function journal(): JournalEntry[] {
  const file = path.join(MIGRATIONS_FOLDER, "meta", "_journal.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { entries: JournalEntry[] }).entries;
}

/** The level this Parley's code migrates a database to. */
export function codeMigrationLevel(): MigrationLevel {
  const entries = journal();
  const last = entries.reduce<JournalEntry | null>((a, b) => (a && a.when > b.when ? a : b), null);
  return { tag: last?.tag ?? null, when: last?.when ?? null, applied: entries.length };
}

export async function databaseMigrationLevel(session: SqlSession): Promise<MigrationLevel> {
  const [table] = await session.query<{ present: boolean }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present",
  );
  if (!table?.present) return { tag: null, when: null, applied: 0 };
  const [row] = await session.query<{ when: string | null; applied: string }>(
    "SELECT max(created_at)::text AS when, count(*)::text AS applied FROM drizzle.__drizzle_migrations",
  );
  const when = row?.when == null ? null : Number(row.when);
  if (when === null) return { tag: null, when: null, applied: 0 };
  const known = journal().find((entry) => entry.when === when);
  return {
    tag: known?.tag ?? `unknown migration of ${new Date(when).toISOString()}`,
    when,
    applied: Number(row?.applied),
  };
}

/** True when `level` was made by a Parley with migrations this one does not have. */
export function isNewerThanCode(level: MigrationLevel, code: MigrationLevel = codeMigrationLevel()): boolean {
  return level.when !== null && (code.when === null || level.when > code.when);
}

export function describeLevel(level: MigrationLevel): string {
  return level.tag ? `${level.tag} (${level.applied} migrations)` : "no schema";
}
