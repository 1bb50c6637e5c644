import type { MigrationLevel } from "./migrationLevel.ts";
import type { ArchiveInput } from "./tarArchive.ts";

/** One database written out for a backup, with what the manifest says about it. */
export interface DumpedDatabase {
  entry: string;
  source: ArchiveInput["source"];
  serverVersion: string;
  serverMajor: number;
  writtenBy: string;
  toolMajor: number | null;
  schema: MigrationLevel;
  tables: Record<string, number>;
  /** Removes the temporary file the dump was written to, if any. */
  discard(): Promise<void>;
}
