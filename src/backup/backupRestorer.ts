import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { acquireDataDirLock } from "../store/dataDirLock.ts";
import { configuredSecretKey, secretKeyFile } from "../store/secretBox.ts";
import { type BackupManifest, MANIFEST_ENTRY, parseManifest, SECRET_KEY_ENTRY } from "./backupManifest.ts";
import { codeMigrationLevel, describeLevel, isNewerThanCode } from "./migrationLevel.ts";
import { restorePglite } from "./pgliteBackup.ts";
import { restorePostgres } from "./postgresBackup.ts";
import { type CredentialCheck, fingerprintOf, planSecretKey } from "./secretKeyPlan.ts";
import { type ArchiveEntry, listArchive, readEntry, streamEntry } from "./tarArchive.ts";

export interface RestoreRequest {
  file: string;
  dataDir: string;
  /** Set: restore into this PostgreSQL database; unset: into the PGlite database in dataDir. */
  databaseUrl: string | undefined;
  secretKey: string | undefined;
  /** Replace a database that holds data, accept a newer schema or a secret key that does not match. */
  force: boolean;
  now?: Date;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** What --force let through, said once more at the end. */
  warnings: string[];
  /** PGlite only: where the replaced database was kept. */
  setAside: string | null;
  keyWritten: string | null;
  credentials: CredentialCheck;
}

/**
 * Restores a backup made by `createBackup`. Everything that can refuse is checked before anything changes:
 * the manifest, the archive's checksum, the schema level, the target's emptiness and the secret key.
 */
export async function restoreBackup(request: RestoreRequest): Promise<RestoreResult> {
  const now = request.now ?? new Date();
  const entries = await listArchive(request.file);
  const manifestEntry = entries.find((entry) => entry.name === MANIFEST_ENTRY);
  if (!manifestEntry) throw new Error(`${request.file} is not a Parley backup: it has no ${MANIFEST_ENTRY}`);
  const manifest = parseManifest(
    (await readEntry(request.file, manifestEntry)).toString("utf8"),
    request.file,
  );
  const warnings: string[] = [];
  const refuseOrWarn = (problem: string) => {
    if (!request.force) throw new Error(problem);
    warnings.push(problem);
  };

  const kind = manifest.database.kind;
  if (kind === "pglite" && request.databaseUrl)
    throw new Error(
      "This is a backup of a PGlite installation: restore it with DATABASE_URL unset, into PARLEY_DATA_DIR; " +
        "to then run on PostgreSQL, use `node src/main.ts move-to-postgres --to postgres://…`.",
    );
  if (kind === "postgres" && !request.databaseUrl)
    throw new Error(
      "This is a backup of a PostgreSQL database: set DATABASE_URL to the (empty) database to restore it into.",
    );

  const code = codeMigrationLevel();
  if (isNewerThanCode(manifest.schema, code))
    refuseOrWarn(
      `The backup's schema (${describeLevel(manifest.schema)}) is newer than this Parley's (${describeLevel(code)}): ` +
        `it was made by Parley ${manifest.parleyVersion}. Restore it with that version or later` +
        (request.force
          ? "; restored anyway because of --force, and this Parley may misread it."
          : ", or add --force."),
    );

  const databaseEntry = entries.find((entry) => entry.name === manifest.database.entry);
  if (!databaseEntry) throw new Error(`${request.file} is damaged: ${manifest.database.entry} is missing`);
  await verifyChecksum(request.file, databaseEntry, manifest);

  const keyInBackup = manifest.secretKey.included ? await readKey(request.file, entries, manifest) : null;
  const keyPlan = planSecretKey({
    manifest,
    keyInBackup,
    envKey: request.secretKey,
    dataDir: request.dataDir,
  });
  for (const problem of keyPlan.problems) refuseOrWarn(problem);
  const keyAfterRestore =
    request.secretKey ?? keyPlan.write ?? configuredSecretKey(undefined, request.dataDir);

  let setAside: string | null = null;
  let credentials: CredentialCheck;
  if (kind === "pglite") {
    // Held from the first look at the target to the swap: no Parley may start on the directory meanwhile.
    const lock = acquireDataDirLock(request.dataDir);
    try {
      const result = await restorePglite({
        archive: request.file,
        entry: databaseEntry,
        manifest,
        dataDir: request.dataDir,
        lock,
        force: request.force,
        keyAfterRestore,
        now,
      });
      setAside = result.setAside;
      credentials = result.credentials;
      writeKey(request.dataDir, keyPlan.write, now);
    } finally {
      lock.release();
    }
  } else {
    const result = await restorePostgres({
      archive: request.file,
      entry: databaseEntry,
      manifest,
      url: request.databaseUrl!,
      force: request.force,
      keyAfterRestore,
    });
    credentials = result.credentials;
    writeKey(request.dataDir, keyPlan.write, now);
  }
  if (credentials.unreadable.length > 0)
    warnings.push(
      `the credentials of ${credentials.unreadable.length} of ${credentials.channels} channels do not open with the secret key Parley will use (${credentials.unreadable.join(", ")}): put the backup's key in place before starting Parley`,
    );
  return {
    manifest,
    warnings,
    setAside,
    keyWritten: keyPlan.write ? secretKeyFile(request.dataDir) : null,
    credentials,
  };
}

async function verifyChecksum(file: string, entry: ArchiveEntry, manifest: BackupManifest): Promise<void> {
  if (entry.size !== manifest.database.bytes)
    throw new Error(
      `${file} is damaged: ${entry.name} has ${entry.size} bytes, the manifest says ${manifest.database.bytes}`,
    );
  const hash = createHash("sha256");
  for await (const chunk of streamEntry(file, entry)) hash.update(chunk as Buffer);
  if (hash.digest("hex") !== manifest.database.sha256)
    throw new Error(`${file} is damaged: ${entry.name} does not match the checksum in its manifest`);
}

async function readKey(file: string, entries: ArchiveEntry[], manifest: BackupManifest): Promise<string> {
  const entry = entries.find((candidate) => candidate.name === SECRET_KEY_ENTRY);
  if (!entry)
    throw new Error(`${file} is damaged: its manifest says it holds the secret key, but it does not`);
  const key = (await readEntry(file, entry)).toString("utf8").trim();
  if (fingerprintOf(key) !== manifest.secretKey.fingerprint)
    throw new Error(`${file} is damaged: its secret key does not match the fingerprint in its manifest`);
  return key;
}

function writeKey(dataDir: string, key: string | null, now: Date): void {
  if (!key) return;
  mkdirSync(dataDir, { recursive: true });
  const file = secretKeyFile(dataDir);
  if (existsSync(file))
    renameSync(
      file,
      `${file}.replaced-${now
        .toISOString()
        .replaceAll(":", "")
        .replace(/\.\d+Z$/, "Z")}`,
    );
  // Owner-only, like the key Parley generates.
  writeFileSync(file, key, { mode: 0o600, flag: "wx" });
}
