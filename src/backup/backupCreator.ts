import { createHash } from "node:crypto";
import { createReadStream, mkdirSync } from "node:fs";
import { link, rm } from "node:fs/promises";
import path from "node:path";
import { configuredSecretKey, secretKeyFile } from "../store/secretBox.ts";
import {
  type BackupManifest,
  backupFileName,
  MANIFEST_ENTRY,
  parleyVersion,
  SECRET_KEY_ENTRY,
} from "./backupManifest.ts";
import type { DumpedDatabase } from "./dumpedDatabase.ts";
import { dumpPglite } from "./pgliteBackup.ts";
import { dumpPostgres } from "./postgresBackup.ts";
import { fingerprintOf } from "./secretKeyPlan.ts";
import { type ArchiveInput, writeArchive } from "./tarArchive.ts";

export interface BackupRequest {
  dataDir: string;
  /** Set: back up this PostgreSQL database; unset: the PGlite database in dataDir. */
  databaseUrl: string | undefined;
  /** PARLEY_SECRET_KEY, when the key is configured that way rather than generated into dataDir. */
  secretKey: string | undefined;
  outDir: string;
  includeSecretKey: boolean;
  now?: Date;
}

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
  /** Where the key lives when it is not in the backup: what must be kept safe beside the backups. */
  keyLocation: string | null;
}

/**
 * Writes one backup file: a tar of the manifest, the database (PGlite's data directory tarball or a pg_dump
 * archive) and, only when asked, the secret key. It is written under a temporary name and linked to its
 * final one when complete, so a file with a backup's name is always a whole backup.
 */
export async function createBackup(request: BackupRequest): Promise<BackupResult> {
  const now = request.now ?? new Date();
  const keyText = configuredSecretKey(request.secretKey, request.dataDir);
  if (request.includeSecretKey && !keyText)
    throw new Error(
      `--include-secret-key: there is no key to include (neither PARLEY_SECRET_KEY nor ${secretKeyFile(request.dataDir)}).`,
    );
  mkdirSync(request.outDir, { recursive: true });
  const kind = request.databaseUrl ? "postgres" : "pglite";
  const dumped: DumpedDatabase = request.databaseUrl
    ? await dumpPostgres(request.databaseUrl, request.outDir)
    : await dumpPglite(request.dataDir);
  const file = path.join(request.outDir, backupFileName(kind, now));
  const partial = `${file}.partial`;
  try {
    const manifest: BackupManifest = {
      format: "parley-backup",
      formatVersion: 1,
      parleyVersion: parleyVersion(),
      createdAt: now.toISOString(),
      database: {
        kind,
        serverVersion: dumped.serverVersion,
        serverMajor: dumped.serverMajor,
        writtenBy: dumped.writtenBy,
        toolMajor: dumped.toolMajor,
        entry: dumped.entry,
        bytes: "bytes" in dumped.source ? dumped.source.bytes.length : dumped.source.size,
        sha256: await sha256Of(dumped.source),
      },
      schema: dumped.schema,
      tables: dumped.tables,
      secretKey: {
        fingerprint: keyText ? fingerprintOf(keyText) : null,
        included: request.includeSecretKey,
      },
    };
    const entries: ArchiveInput[] = [
      {
        name: MANIFEST_ENTRY,
        mode: 0o644,
        source: { bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
      },
      { name: dumped.entry, source: dumped.source },
    ];
    if (request.includeSecretKey && keyText)
      entries.push({ name: SECRET_KEY_ENTRY, mode: 0o600, source: { bytes: Buffer.from(`${keyText}\n`) } });
    await rm(partial, { force: true });
    await writeArchive(partial, entries, now);
    // link() fails when the name is taken: a backup is never written over another.
    await link(partial, file);
    return {
      file,
      manifest,
      keyLocation: request.secretKey ? "PARLEY_SECRET_KEY" : keyText ? secretKeyFile(request.dataDir) : null,
    };
  } finally {
    await rm(partial, { force: true });
    await dumped.discard();
  }
}

async function sha256Of(source: ArchiveInput["source"]): Promise<string> {
  const hash = createHash("sha256");
  if ("bytes" in source) return hash.update(source.bytes).digest("hex");
  for await (const chunk of createReadStream(source.path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
