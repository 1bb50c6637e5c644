import { existsSync, openAsBlob, renameSync, rmSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, pgliteDirectory } from "../store/database.ts";
import type { DataDirLock } from "../store/dataDirLock.ts";
import { type BackupManifest, PGLITE_ENTRY } from "./backupManifest.ts";
import type { DumpedDatabase } from "./dumpedDatabase.ts";
import { databaseMigrationLevel } from "./migrationLevel.ts";
import { differencesFromManifest } from "./restoreVerification.ts";
import { type CredentialCheck, checkChannelCredentials } from "./secretKeyPlan.ts";
import { pgliteSession } from "./sqlSession.ts";
import { parleyTables, rowCounts, serverVersion, tablesWithRows } from "./tableCatalog.ts";
import type { ArchiveEntry } from "./tarArchive.ts";

/**
 * Why the PGlite backup needs Parley stopped: PGlite runs PostgreSQL inside one process, with no shared
 * memory or locks another process could join. A second process opening the data directory to dump it would
 * be a second, unsynchronised server on the same files (it can lose or corrupt the running one's writes),
 * and copying the files underneath a running Parley gives a torn copy that may not open. The alternative, a
 * backup made by the running process itself, would need an admin endpoint streaming a tarball the size of the
 * database out of the server. So: the data directory's lock (dataDirLock.ts) makes the backup wait for no
 * one and refuse while Parley runs; stopped, PGlite's own dumpDataDir() writes a tarball that loadDataDir
 * reads back. Teams that cannot stop for a backup are the ones to move to PostgreSQL (move-to-postgres),
 * where pg_dump reads a consistent snapshot while Parley runs.
 */
export async function dumpPglite(dataDir: string): Promise<DumpedDatabase> {
  if (!existsSync(pgliteDirectory(dataDir)))
    throw new Error(`There is no PGlite database in ${dataDir} (PARLEY_DATA_DIR): nothing to back up.`);
  // Takes the data directory's lock: refuses while a Parley runs on it.
  const database = await openDatabase({ dataDir });
  try {
    const client = database.pglite!;
    const session = pgliteSession(client);
    const version = await serverVersion(session);
    const schema = await databaseMigrationLevel(session);
    const tables = await rowCounts(
      session,
      (await parleyTables(session)).map((table) => table.name),
    );
    // The whole data directory as a gzipped tarball, held in memory: about the database's size on disk.
    const tarball = await client.dumpDataDir("gzip");
    return {
      entry: PGLITE_ENTRY,
      source: { bytes: new Uint8Array(await tarball.arrayBuffer()) },
      serverVersion: version.text,
      serverMajor: version.major,
      writtenBy: `PGlite dumpDataDir (PostgreSQL ${version.text})`,
      toolMajor: null,
      schema,
      tables,
      discard: async () => {},
    };
  } finally {
    await database.close();
  }
}

export interface PgliteRestoreResult {
  /** Where the database the restore replaced was put, when there was one. */
  setAside: string | null;
  credentials: CredentialCheck;
}

/**
 * Unpacks the backup's data directory next to the live one, checks it against the manifest there, and only
 * then swaps the directories: an interrupted or failed restore leaves the old database in place, and a
 * replaced one is kept beside it (`pglite.replaced-…`), never deleted.
 */
export async function restorePglite(input: {
  archive: string;
  entry: ArchiveEntry;
  manifest: BackupManifest;
  dataDir: string;
  lock: DataDirLock;
  force: boolean;
  keyAfterRestore: string | null;
  now: Date;
}): Promise<PgliteRestoreResult> {
  const live = pgliteDirectory(input.dataDir);
  const hasLive = existsSync(live);
  // With --force the live database is set aside unopened: it may be the damaged one being replaced.
  if (hasLive && !input.force) {
    const existing = await openDatabase({ dataDir: input.dataDir, heldLock: input.lock });
    let withRows: string[];
    try {
      withRows = await tablesWithRows(pgliteSession(existing.pglite!));
    } finally {
      await existing.close();
    }
    if (withRows.length > 0)
      throw new Error(
        `${live} already holds a Parley database (rows in ${withRows.slice(0, 5).join(", ")}${withRows.length > 5 ? ", …" : ""}). ` +
          "Restore into an empty PARLEY_DATA_DIR, or add --force to replace it (the current database is kept aside, not deleted).",
      );
  }
  const staging = `${live}.restoring`;
  // A restore interrupted before its swap leaves this behind; it never held the live database.
  rmSync(staging, { recursive: true, force: true });
  const blob = (await openAsBlob(input.archive)).slice(
    input.entry.offset,
    input.entry.offset + input.entry.size,
  );
  let restored: PGlite;
  try {
    restored = await PGlite.create(staging, { loadDataDir: blob });
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `this PGlite could not open the backup's data directory (written by ${input.manifest.database.writtenBy}): ${String(err)}`,
    );
  }
  let credentials: CredentialCheck;
  try {
    const session = pgliteSession(restored);
    const differences = await differencesFromManifest(session, input.manifest);
    if (differences.length > 0)
      throw new Error(`the restored database differs from the backup's manifest: ${differences.join("; ")}`);
    credentials = await checkChannelCredentials(session, input.keyAfterRestore);
  } catch (err) {
    await restored.close().catch(() => {});
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  await restored.close();
  let setAside: string | null = null;
  if (hasLive) {
    setAside = `${live}.replaced-${input.now
      .toISOString()
      .replaceAll(":", "")
      .replace(/\.\d+Z$/, "Z")}`;
    renameSync(live, setAside);
  }
  renameSync(staging, live);
  return { setAside, credentials };
}
