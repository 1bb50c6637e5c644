import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { BackupManifest } from "./backupManifest.ts";
import { fingerprintOf, planSecretKey } from "./secretKeyPlan.ts";

const root = mkdtempSync(path.join(os.tmpdir(), "parley-keyplan-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
function dataDirWith(key: string | null): string {
  const dir = mkdtempSync(path.join(root, "dir-"));
  if (key) writeFileSync(path.join(dir, "secret.key"), key);
  return dir;
}

const backupKey = randomBytes(32).toString("base64");
const otherKey = randomBytes(32).toString("base64");
const manifest = (included: boolean) =>
  ({ secretKey: { fingerprint: fingerprintOf(backupKey), included } }) as BackupManifest;

describe("the secret key at restore", () => {
  it("needs nothing when the data directory already has the backup's key", () => {
    const plan = planSecretKey({
      manifest: manifest(false),
      keyInBackup: null,
      envKey: undefined,
      dataDir: dataDirWith(backupKey),
    });
    expect(plan).toEqual({ write: null, replacesOtherKey: false, problems: [] });
  });

  it("writes the key that came with the backup where there is none", () => {
    const plan = planSecretKey({
      manifest: manifest(true),
      keyInBackup: backupKey,
      envKey: undefined,
      dataDir: dataDirWith(null),
    });
    expect(plan).toEqual({ write: backupKey, replacesOtherKey: false, problems: [] });
  });

  it("says which key is missing and what to copy when the backup holds none", () => {
    const dataDir = dataDirWith(null);
    const plan = planSecretKey({ manifest: manifest(false), keyInBackup: null, envKey: undefined, dataDir });
    expect(plan.write).toBeNull();
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toContain(fingerprintOf(backupKey));
    expect(plan.problems[0]).toContain(`copy secret.key from the old data directory into ${dataDir}`);
  });

  it("objects to another key, in the data directory or in PARLEY_SECRET_KEY", () => {
    const inDir = planSecretKey({
      manifest: manifest(true),
      keyInBackup: backupKey,
      envKey: undefined,
      dataDir: dataDirWith(otherKey),
    });
    expect(inDir.write).toBe(backupKey);
    expect(inDir.replacesOtherKey).toBe(true);
    expect(inDir.problems[0]).toContain(fingerprintOf(otherKey));
    const inEnv = planSecretKey({
      manifest: manifest(false),
      keyInBackup: null,
      envKey: otherKey,
      dataDir: dataDirWith(null),
    });
    expect(inEnv.problems[0]).toContain("PARLEY_SECRET_KEY is another key");
    const sameEnv = planSecretKey({
      manifest: manifest(false),
      keyInBackup: null,
      envKey: backupKey,
      dataDir: dataDirWith(null),
    });
    expect(sameEnv.problems).toEqual([]);
  });
});
