import type { BackupManifest } from "./backupManifest.ts";
import { databaseMigrationLevel } from "./migrationLevel.ts";
import type { SqlSession } from "./sqlSession.ts";
import { parleyTables, rowCounts } from "./tableCatalog.ts";

/**
 * Compares a restored database with what its manifest says was backed up: the same migration level and the
 * same number of rows in every table. Returns what differs; empty means the restore is complete.
 */
export async function differencesFromManifest(
  session: SqlSession,
  manifest: BackupManifest,
): Promise<string[]> {
  const differences: string[] = [];
  const level = await databaseMigrationLevel(session);
  if (level.when !== manifest.schema.when)
    differences.push(
      `schema is at ${level.tag ?? "nothing"}, the backup at ${manifest.schema.tag ?? "nothing"}`,
    );
  const tables = (await parleyTables(session)).map((table) => table.name);
  const counts = await rowCounts(session, tables);
  for (const [table, expected] of Object.entries(manifest.tables)) {
    const found = counts[table];
    if (found === undefined) differences.push(`table ${table} is missing`);
    else if (found !== expected) differences.push(`${table} has ${found} rows, the backup ${expected}`);
  }
  for (const table of tables)
    if (!(table in manifest.tables)) differences.push(`table ${table} is not in the backup`);
  return differences;
}
