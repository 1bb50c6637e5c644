import { existsSync, readFileSync } from "node:fs";
import { SecretBox, secretKeyFile } from "../store/secretBox.ts";
import type { BackupManifest } from "./backupManifest.ts";
import type { SqlSession } from "./sqlSession.ts";

export function fingerprintOf(keyText: string): string {
  return new SecretBox(Buffer.from(keyText, "base64")).fingerprint();
}

/**
 * What a restore does about the secret key, decided before anything is changed. Channel credentials in the
 * backup open only with the key that sealed them (its fingerprint is in the manifest); the key comes with the
 * backup only when it was made with --include-secret-key, otherwise it must already be here.
 */
export interface SecretKeyPlan {
  /** Key text to write to the data directory's secret.key (it comes with the backup and none is here). */
  write: string | null;
  /** The data directory's secret.key holds another key; with --force it is set aside and replaced. */
  replacesOtherKey: boolean;
  /** Why channel credentials would not open after the restore; empty when they will. */
  problems: string[];
}

export function planSecretKey(input: {
  manifest: BackupManifest;
  keyInBackup: string | null;
  envKey: string | undefined;
  dataDir: string;
}): SecretKeyPlan {
  const needed = input.manifest.secretKey.fingerprint;
  const file = secretKeyFile(input.dataDir);
  const fileKey = existsSync(file) ? readFileSync(file, "utf8").trim() : null;
  const plan: SecretKeyPlan = { write: null, replacesOtherKey: false, problems: [] };
  if (needed === null) return plan;
  const copy = `copy secret.key from the old data directory into ${input.dataDir} (or set PARLEY_SECRET_KEY to the key) and run the restore again`;
  if (input.envKey) {
    if (fingerprintOf(input.envKey) !== needed)
      plan.problems.push(
        `PARLEY_SECRET_KEY is another key (fingerprint ${fingerprintOf(input.envKey)}) than the one that sealed this backup's channel credentials (${needed})${input.keyInBackup ? ": unset it, and the key that comes with the backup is used" : `: ${copy}`}`,
      );
    return plan;
  }
  if (fileKey !== null && fingerprintOf(fileKey) === needed) return plan;
  if (input.keyInBackup !== null) {
    plan.write = input.keyInBackup;
    if (fileKey !== null) {
      plan.replacesOtherKey = true;
      plan.problems.push(
        `${file} holds another key (fingerprint ${fingerprintOf(fileKey)}) than the backup's (${needed}); with --force it is set aside and replaced by the backup's`,
      );
    }
    return plan;
  }
  plan.problems.push(
    fileKey === null
      ? `this backup does not contain the secret key that sealed its channel credentials (fingerprint ${needed}), and there is none here: ${copy}`
      : `${file} holds another key (fingerprint ${fingerprintOf(fileKey)}) than the one that sealed this backup's channel credentials (${needed}): ${copy}`,
  );
  return plan;
}

export interface CredentialCheck {
  channels: number;
  /** Channels whose credentials did not open with the key: they cannot reach their platform. */
  unreadable: string[];
}

/** Opens every channel's sealed credentials with `keyText`, as Parley will when it starts on the data. */
export async function checkChannelCredentials(
  session: SqlSession,
  keyText: string | null,
): Promise<CredentialCheck> {
  const [present] = await session.query<{ present: boolean }>(
    "SELECT to_regclass('public.channels') IS NOT NULL AS present",
  );
  if (!present?.present) return { channels: 0, unreadable: [] };
  const rows = await session.query<{ name: string; secrets_encrypted: string }>(
    "SELECT name, secrets_encrypted FROM channels ORDER BY created_at",
  );
  const box = keyText ? new SecretBox(Buffer.from(keyText, "base64")) : null;
  const unreadable: string[] = [];
  for (const row of rows) {
    try {
      if (!box) throw new Error("no key");
      box.open(row.secrets_encrypted);
    } catch {
      unreadable.push(row.name);
    }
  }
  return { channels: rows.length, unreadable };
}
