import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The archive's entries: the manifest first, so it is found without reading past the database. */
export const MANIFEST_ENTRY = "manifest.json";
export const PGLITE_ENTRY = "pglite-datadir.tar.gz";
export const POSTGRES_ENTRY = "postgres.pgdump";
export const SECRET_KEY_ENTRY = "secret.key";

const migrationLevelSchema = z.object({
  tag: z.string().nullable(),
  when: z.number().nullable(),
  applied: z.number().int().nonnegative(),
});

export const backupManifestSchema = z.object({
  format: z.literal("parley-backup"),
  formatVersion: z.literal(1),
  parleyVersion: z.string(),
  createdAt: z.string(),
  database: z.object({
    kind: z.enum(["pglite", "postgres"]),
    /** The server that was backed up, e.g. "15.20", or PGlite's PostgreSQL version. */
    serverVersion: z.string(),
    serverMajor: z.number().int(),
    /** What wrote the database entry: "pg_dump (PostgreSQL) 15.20 …" or "PGlite 0.5.16 dumpDataDir". */
    writtenBy: z.string(),
    /** The major version of pg_dump (PostgreSQL only): pg_restore must be at least this. */
    toolMajor: z.number().int().nullable(),
    entry: z.string(),
    bytes: z.number().int().nonnegative(),
    sha256: z.string(),
  }),
  schema: migrationLevelSchema,
  /** Rows per table at the instant of the backup; a restore checks it got every one. */
  tables: z.record(z.string(), z.number().int().nonnegative()),
  secretKey: z.object({
    /** Which key sealed the channel credentials (a one-way fingerprint), null when none was configured. */
    fingerprint: z.string().nullable(),
    /** True when the key itself is in the archive: then the file is as sensitive as the data directory. */
    included: z.boolean(),
  }),
});

export type BackupManifest = z.infer<typeof backupManifestSchema>;

export function parseManifest(text: string, file: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file}: its manifest is not JSON`);
  }
  const parsed = backupManifestSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${file}: not a backup this Parley can read (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})`,
    );
  return parsed.data;
}

export function parleyVersion(): string {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

/** `parley-backup-2026-01-31T235959Z-pglite.tar`: sorts by time, and carries no ":" for other file systems. */
export function backupFileName(kind: "pglite" | "postgres", at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replaceAll(":", "");
  return `parley-backup-${stamp}-${kind}.tar`;
}
