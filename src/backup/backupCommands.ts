import path from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../config.ts";
import { secretKeyFile } from "../store/secretBox.ts";
import { createBackup } from "./backupCreator.ts";
import { restoreBackup } from "./backupRestorer.ts";
import { describeLevel } from "./migrationLevel.ts";
import { moveToPostgres } from "./postgresMover.ts";
import type { CredentialCheck } from "./secretKeyPlan.ts";

/** `node src/main.ts backup|restore|move-to-postgres …`: argument parsing and what the operator reads. */

export const BACKUP_USAGE = `  backup     write a backup file of the database (PGlite: Parley must be stopped; PostgreSQL: while it runs)
             [--out DIR] (default ./backups)  [--include-secret-key] (the file then opens channel credentials)
  restore    restore a backup file into PARLEY_DATA_DIR (PGlite) or DATABASE_URL (PostgreSQL)
             FILE [--force] (replace a database that holds data, accept a newer schema or another key)
  move-to-postgres
             copy the PGlite installation in PARLEY_DATA_DIR into an empty PostgreSQL database
             --to postgres://user:password@host:5432/database [--batch-size N]`;

type Print = (line: string) => void;

export async function runBackupCommand(
  command: "backup" | "restore" | "move-to-postgres",
  args: string[],
  config: Config,
  print: Print = (line) => console.log(line),
): Promise<void> {
  try {
    if (command === "backup") await backup(args, config, print);
    else if (command === "restore") await restore(args, config, print);
    else await move(args, config, print);
  } catch (err) {
    // Refusals are sentences for the operator; a stack trace would bury them.
    console.error(`${command}: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

async function backup(args: string[], config: Config, print: Print): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { out: { type: "string", default: "backups" }, "include-secret-key": { type: "boolean" } },
  });
  const result = await createBackup({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    secretKey: config.secretKey,
    outDir: path.resolve(values.out),
    includeSecretKey: values["include-secret-key"] === true,
  });
  const { manifest } = result;
  print(
    `Backed up ${manifest.database.kind === "pglite" ? `the PGlite database in ${config.dataDir}` : maskUrl(config.databaseUrl!)} ` +
      `(schema ${describeLevel(manifest.schema)}, ${summarize(manifest.tables)}) to ${result.file} (${megabytes(manifest.database.bytes)}).`,
  );
  const fingerprint = manifest.secretKey.fingerprint;
  if (manifest.secretKey.included)
    print(
      `The backup contains the secret key (fingerprint ${fingerprint}): whoever has this file can use the channels' credentials. Keep it as safe as the key itself.`,
    );
  else if (fingerprint)
    print(
      `The secret key is not in the backup. Channel credentials open only with the key in ${result.keyLocation} (fingerprint ${fingerprint}): keep a copy of it apart from the backups, a restore needs it.`,
    );
  else if ((manifest.tables.channels ?? 0) > 0)
    print(
      `Warning: no secret key was found (neither PARLEY_SECRET_KEY nor ${secretKeyFile(config.dataDir)}), so the backup cannot name the key its ${manifest.tables.channels} channels' credentials need. Run backup with Parley's own PARLEY_SECRET_KEY or PARLEY_DATA_DIR, and keep that key.`,
    );
  else print("No secret key is configured and there are no channels: no credentials depend on a key.");
}

async function restore(args: string[], config: Config, print: Print): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: "boolean" } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error("name one backup file: restore FILE [--force]");
  const result = await restoreBackup({
    file: path.resolve(file),
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    secretKey: config.secretKey,
    force: values.force === true,
  });
  const { manifest } = result;
  print(
    `Restored ${file} (${manifest.database.kind}, made ${manifest.createdAt} by Parley ${manifest.parleyVersion}, schema ${describeLevel(manifest.schema)}) ` +
      `into ${manifest.database.kind === "pglite" ? config.dataDir : maskUrl(config.databaseUrl!)}: ${summarize(manifest.tables)}, every count as in the backup.`,
  );
  if (result.setAside) print(`The database that was there is kept in ${result.setAside}.`);
  if (result.keyWritten) print(`The backup's secret key was written to ${result.keyWritten}.`);
  print(credentialLine(result.credentials));
  for (const warning of result.warnings) print(`Warning: ${warning}`);
  print("Start Parley as usual; it applies any newer migrations on the way.");
}

async function move(args: string[], config: Config, print: Print): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { to: { type: "string" }, "batch-size": { type: "string" } },
  });
  if (!values.to)
    throw new Error("say where to: move-to-postgres --to postgres://user:password@host:5432/database");
  const batchSize = values["batch-size"] ? Number(values["batch-size"]) : undefined;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1))
    throw new Error("--batch-size must be a whole number of at least 1");
  print(`Moving the PGlite installation in ${config.dataDir} to ${maskUrl(values.to)}`);
  const result = await moveToPostgres({
    dataDir: config.dataDir,
    targetUrl: values.to,
    secretKey: config.secretKey,
    batchSize,
    onProgress(progress) {
      if (progress.step === "migrated") print(`  target migrated to ${describeLevel(progress.level)}`);
      else if (progress.step === "copied") print(`  ${progress.table}: ${progress.rows} rows`);
    },
  });
  print(
    `Moved and committed: ${summarize(result.tables)}, ${result.sequences} sequences carried over, every table's count checked.`,
  );
  print(credentialLine(result.credentials));
  const key = config.secretKey
    ? "the same PARLEY_SECRET_KEY"
    : `PARLEY_SECRET_KEY=$(cat ${secretKeyFile(config.dataDir)})`;
  print(
    `Next: start every Parley process with DATABASE_URL=${maskUrl(values.to)} (with its password) and ${key}. ` +
      `The PGlite data in ${config.dataDir} is left as it was: do not start Parley on it again, or the two copies drift apart.`,
  );
}

function credentialLine(check: CredentialCheck): string {
  if (check.channels === 0) return "No channels, so no credentials to check.";
  if (check.unreadable.length === 0)
    return `Channel credentials: all ${check.channels} channels' credentials open with the secret key Parley will use.`;
  return `Channel credentials: ${check.unreadable.length} of ${check.channels} do NOT open with the secret key Parley will use (${check.unreadable.join(", ")}).`;
}

function summarize(tables: Record<string, number>): string {
  const rows = Object.values(tables).reduce((sum, n) => sum + n, 0);
  return `${Object.keys(tables).length} tables, ${rows.toLocaleString("en")} rows`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** URLs are printed without their password. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
