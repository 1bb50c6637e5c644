import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BackupManifest,
  backupFileName,
  MANIFEST_ENTRY,
  parleyVersion,
  parseManifest,
} from "../../src/backup/backupManifest.ts";
import { codeMigrationLevel } from "../../src/backup/migrationLevel.ts";
import { pgClientSession, pgliteSession, type SqlSession } from "../../src/backup/sqlSession.ts";
import { parleyTables, rowCounts, sequenceStates } from "../../src/backup/tableCatalog.ts";
import { listArchive, readEntry, writeArchive } from "../../src/backup/tarArchive.ts";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { openDatabase } from "../../src/store/database.ts";
import { SecretBox, secretKeyFile } from "../../src/store/secretBox.ts";
import { ApiClient } from "../support/apiClient.ts";
import { parleyCommand, spawnParleyCommand } from "../support/parleyCommand.ts";
import {
  conversationOf,
  customerWrites,
  replyDelivered,
  reportSnapshot,
  type SeededInstallation,
  seedInstallation,
} from "../support/seededInstallation.ts";
import { createTestDatabase, dbTargets, type TestDatabase } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Rows per table and sequence positions of a database, read the way the backup code does not. */
async function contentsOf(place: { dataDir: string; databaseUrl?: string | undefined }) {
  const read = async (session: SqlSession) => ({
    counts: await rowCounts(
      session,
      (await parleyTables(session)).map((t) => t.name),
    ),
    sequences: await sequenceStates(session),
  });
  if (!place.databaseUrl) {
    const database = await openDatabase({ dataDir: place.dataDir });
    try {
      return await read(pgliteSession(database.pglite!));
    } finally {
      await database.close();
    }
  }
  const client = new pg.Client({ connectionString: place.databaseUrl });
  await client.connect();
  try {
    return await read(pgClientSession(client));
  } finally {
    await client.end();
  }
}

describe.each(dbTargets())("Backup and restore on $name", (target) => {
  let sim: RunningSimulator;
  let database: TestDatabase;
  let dataDir: string;
  let source: TestParley | null = null;
  let seeded: SeededInstallation;
  let backupFile: string;
  let backedUp: BackupManifest;
  const outDir = tempDir("parley-backups-");
  const restoredDatabases: TestDatabase[] = [];
  // The new machine: its own data directory (and, on PostgreSQL, its own database).
  let newDataDir: string;
  let newDatabase: TestDatabase;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    database = await createTestDatabase(target);
    dataDir = tempDir("parley-source-");
    source = await startTestParley(target, { dataDir, databaseUrl: database.databaseUrl });
    seeded = await seedInstallation(source, sim);
    newDataDir = tempDir("parley-new-machine-");
    newDatabase = await createTestDatabase(target);
    restoredDatabases.push(newDatabase);
  }, 120_000);

  afterAll(async () => {
    await source?.stop();
    await sim?.stop();
    await database?.drop();
    for (const restored of restoredDatabases) await restored.drop();
  });

  const sourcePlace = () => ({ dataDir, databaseUrl: database.databaseUrl });
  const newPlace = () => ({ dataDir: newDataDir, databaseUrl: newDatabase.databaseUrl });

  it(target.name === "pglite"
    ? "refuses to back up PGlite while its Parley runs, and backs it up once stopped"
    : "backs up PostgreSQL while Parley runs", async () => {
    if (target.name === "pglite") {
      const refused = await parleyCommand(["backup", "--out", outDir], sourcePlace());
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`is in use by process ${process.pid}`);
      expect(readdirSync(outDir)).toEqual([]);
      await source!.stop();
      source = null;
    }
    const made = await parleyCommand(["backup", "--out", outDir], sourcePlace());
    expect(made.code, made.stderr).toBe(0);
    if (source) {
      await source.stop();
      source = null;
    }
    const files = readdirSync(outDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^parley-backup-\\d{4}-\\d\\d-\\d\\dT\\d{6}Z-${target.name}\\.tar$`));
    backupFile = path.join(outDir, files[0]!);
    expect(made.stdout).toContain(backupFile);
    expect(made.stdout).toContain("The secret key is not in the backup");

    const entries = await listArchive(backupFile);
    expect(entries.map((e) => e.name)).toEqual([
      MANIFEST_ENTRY,
      target.name === "pglite" ? "pglite-datadir.tar.gz" : "postgres.pgdump",
    ]);
    const manifest = parseManifest((await readEntry(backupFile, entries[0]!)).toString("utf8"), backupFile);
    expect(manifest.parleyVersion).toBe(parleyVersion());
    expect(manifest.database.kind).toBe(target.name);
    expect(manifest.schema.tag).toBe(codeMigrationLevel().tag);
    expect(files[0]).toBe(backupFileName(target.name, new Date(manifest.createdAt)));
    expect(manifest.secretKey).toEqual({
      fingerprint: SecretBox.existing(undefined, dataDir)!.fingerprint(),
      included: false,
    });
    // Stopped, PGlite holds exactly what was backed up; a running Parley on PostgreSQL may have moved on.
    if (target.name === "pglite") expect(manifest.tables).toEqual((await contentsOf(sourcePlace())).counts);
    expect(manifest.tables.channels).toBe(1);
    expect(manifest.tables.messages).toBe(5);
    expect(manifest.tables.report_facts).toBeGreaterThan(0);
    backedUp = manifest;
  }, 120_000);

  it("restores on a new machine: refuses without the secret key, then brings back every row and a channel whose credentials open", async () => {
    const withoutKey = await parleyCommand(["restore", backupFile], newPlace());
    expect(withoutKey.code).toBe(1);
    expect(withoutKey.stderr).toContain("does not contain the secret key");
    expect(withoutKey.stderr).toContain(SecretBox.existing(undefined, dataDir)!.fingerprint());
    expect(existsSync(path.join(newDataDir, "pglite"))).toBe(false);

    // What the README tells the operator to copy.
    copyFileSync(secretKeyFile(dataDir), secretKeyFile(newDataDir));
    const restored = await parleyCommand(["restore", backupFile], newPlace());
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain("every count as in the backup");
    expect(restored.stdout).toContain("all 1 channels' credentials open");
    const after = await contentsOf(newPlace());
    expect(after.counts).toEqual(backedUp.tables);
    if (target.name === "pglite")
      expect(after.sequences).toEqual((await contentsOf(sourcePlace())).sequences);

    // Parley starts on it: same people, same cases, same reports, and the channel still talks to Telegram.
    const app = await startTestParley(target, { dataDir: newDataDir, databaseUrl: newDatabase.databaseUrl });
    try {
      const api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
      const list = await api.get("/api/conversations?limit=100");
      expect((list.body.items as { id: string }[]).map((c) => c.id).sort()).toEqual(
        [...seeded.conversationIds].sort(),
      );
      expect(await reportSnapshot(api)).toEqual(seeded.reports);
      // The webhook secret opened: the customer's new message is accepted and stored.
      await customerWrites(
        app.url,
        seeded.webhookPath,
        { id: 9103, name: "Chloe" },
        "Still nothing, any news?",
      );
      const chloe = await conversationOf(api, "Chloe", 2);
      expect(chloe).toBe(seeded.conversationIds[2]);
      // The bot token opened: the reply reached the platform.
      await replyDelivered(api, chloe, "Chloe, the courier has it: tomorrow.");
      expect(
        sim.state
          .callsOf("telegram", "sendMessage")
          .filter((c) => c.params.text === "Chloe, the courier has it: tomorrow."),
      ).toHaveLength(1);
    } finally {
      await app.stop();
    }
  }, 120_000);

  it("replaces a database that holds data only with --force", async () => {
    const refused = await parleyCommand(["restore", backupFile], newPlace());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds (a )?Parley (database|data)/);

    const forced = await parleyCommand(["restore", backupFile, "--force"], newPlace());
    expect(forced.code, forced.stderr).toBe(0);
    // Chloe's second message, written after the backup, is gone again: the backup's state is back.
    expect((await contentsOf(newPlace())).counts).toEqual(backedUp.tables);
    if (target.name === "pglite") {
      const kept = readdirSync(newDataDir).filter((name) => name.startsWith("pglite.replaced-"));
      expect(kept).toHaveLength(1);
      expect(forced.stdout).toContain(kept[0]);
    }
  }, 120_000);

  it("refuses a backup made by a newer Parley, before touching the target", async () => {
    const entries = await listArchive(backupFile);
    const manifest = parseManifest((await readEntry(backupFile, entries[0]!)).toString("utf8"), backupFile);
    const future = {
      ...manifest,
      parleyVersion: "9.0.0",
      schema: { tag: "0099_future", when: codeMigrationLevel().when! + 1, applied: 100 },
    };
    const newer = path.join(tempDir("parley-future-"), "parley-backup-future.tar");
    await writeArchive(newer, [
      { name: MANIFEST_ENTRY, source: { bytes: Buffer.from(JSON.stringify(future)) } },
      ...(await Promise.all(
        entries.slice(1).map(async (entry) => ({
          name: entry.name,
          source: { bytes: await readEntry(backupFile, entry) },
        })),
      )),
    ]);
    const emptyDir = tempDir("parley-empty-");
    const emptyDatabase = await createTestDatabase(target);
    restoredDatabases.push(emptyDatabase);
    copyFileSync(secretKeyFile(dataDir), secretKeyFile(emptyDir));
    const refused = await parleyCommand(["restore", newer], {
      dataDir: emptyDir,
      databaseUrl: emptyDatabase.databaseUrl,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("is newer than this Parley's");
    expect(refused.stderr).toContain("Parley 9.0.0");
    expect(readdirSync(emptyDir)).toEqual(["secret.key"]);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("Moving a PGlite installation to PostgreSQL", () => {
  let sim: RunningSimulator;
  let dataDir: string;
  let app: TestParley | null = null;
  let seeded: SeededInstallation;
  let target: TestDatabase;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    dataDir = tempDir("parley-moving-");
    app = await startTestParley({ name: "pglite" }, { dataDir });
    seeded = await seedInstallation(app, sim);
    target = await createTestDatabase({ name: "postgres" });
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
    await target?.drop();
  });

  const moveArgs = () => ["move-to-postgres", "--to", target.databaseUrl!];

  it("refuses while the PGlite Parley runs", async () => {
    const refused = await parleyCommand(moveArgs(), { dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`is in use by process ${process.pid}`);
    await app!.stop();
    app = null;
  });

  it("leaves the target without data when killed before its commit, and the next run completes", async () => {
    // The target is migrated already (as a first run that died after migrating would leave it), so this test
    // can hold report_events: the move copies every table before it, then waits for the lock.
    const migrated = await openDatabase({ databaseUrl: target.databaseUrl });
    await migrated.migrate();
    await migrated.close();
    const blocker = new pg.Client({ connectionString: target.databaseUrl });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query("LOCK TABLE report_events IN ACCESS SHARE MODE");
    // Watched from another session: pg_stat_activity stays the same inside one transaction.
    const watcher = new pg.Client({ connectionString: target.databaseUrl });
    await watcher.connect();
    const child = spawnParleyCommand([...moveArgs(), "--batch-size", "1"], { dataDir });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      await waitFor(
        async () => {
          const waiting = await watcher.query(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = 'parley-move' AND wait_event_type = 'Lock'",
          );
          return waiting.rows.length > 0;
        },
        60_000,
        "the move to wait for report_events",
      );
      // It copied conversations and messages already, in its transaction.
      expect(child.output.stdout).toContain(`  conversations: ${seeded.conversationIds.length} rows`);
      expect(child.output.stdout).toMatch(/ {2}messages: \d+ rows/);
    } finally {
      child.kill("SIGKILL");
      await exited;
      await blocker.query("ROLLBACK");
      await blocker.end();
      await watcher.end();
    }
    const after = await contentsOf({ dataDir, databaseUrl: target.databaseUrl });
    expect(Object.values(after.counts).every((n) => n === 0)).toBe(true);
    // The killed process could not remove its lock; the next run sees its owner is gone.
    expect(JSON.parse(readFileSync(path.join(dataDir, "pglite.lock"), "utf8")).pid).toBe(child.pid);

    const moved = await parleyCommand(moveArgs(), { dataDir });
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain("Moved and committed");
    expect(moved.stdout).toContain("all 1 channels' credentials open");
    const from = await contentsOf({ dataDir });
    const to = await contentsOf({ dataDir, databaseUrl: target.databaseUrl });
    expect(to.counts).toEqual(from.counts);
    expect(to.counts.messages).toBe(5);
    expect(to.sequences).toEqual(from.sequences);
  }, 180_000);

  it("runs Parley on PostgreSQL afterwards: the same cases and reports, new rows get new ids, replies reach the platform", async () => {
    const onPostgres = await startTestParley(
      { name: "postgres" },
      { dataDir, databaseUrl: target.databaseUrl },
    );
    try {
      const api = await ApiClient.login(onPostgres.url, ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(await reportSnapshot(api)).toEqual(seeded.reports);
      const client = new pg.Client({ connectionString: target.databaseUrl });
      await client.connect();
      const maxId = async () =>
        Number((await client.query("SELECT max(id)::text AS id FROM conversation_events")).rows[0].id);
      const before = await maxId();
      await customerWrites(
        onPostgres.url,
        seeded.webhookPath,
        { id: 9104, name: "Dainis" },
        "Hello, is the shop open?",
      );
      const dainis = await conversationOf(api, "Dainis");
      await replyDelivered(api, dainis, "Dainis, yes, until nine.");
      expect(await maxId()).toBeGreaterThan(before);
      await client.end();
    } finally {
      await onPostgres.stop();
    }
  }, 120_000);

  it("refuses a target that already holds data", async () => {
    const again = await parleyCommand(moveArgs(), { dataDir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("The target database is not empty");
  });
});
