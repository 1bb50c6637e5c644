import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const KEY_FILE = "secret.key";

/** Where a generated key lives: the data directory, beside (not inside) PGlite's files. */
export function secretKeyFile(dataDir: string): string {
  return path.join(dataDir, KEY_FILE);
}

/**
 * The base64 key `SecretBox.fromConfig` would use, without generating one when there is none: backup and
 * restore must not invent a key the data was never sealed with.
 */
export function configuredSecretKey(secretKey: string | undefined, dataDir: string): string | null {
  if (secretKey) return secretKey;
  const file = secretKeyFile(dataDir);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : null;
}

/**
 * Encrypts channel credentials at rest with AES-256-GCM. The key comes from PARLEY_SECRET_KEY (base64 of 32
 * bytes) or is generated once into the data directory, readable by the owner only.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error("PARLEY_SECRET_KEY must be 32 bytes, base64-encoded");
    this.#key = key;
  }

  static fromConfig(secretKey: string | undefined, dataDir: string): SecretBox {
    if (secretKey) return new SecretBox(Buffer.from(secretKey, "base64"));
    const file = path.join(dataDir, KEY_FILE);
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    }
    return new SecretBox(Buffer.from(readFileSync(file, "utf8").trim(), "base64"));
  }

  /** The key `fromConfig` would use, or null where it would generate one. */
  static existing(secretKey: string | undefined, dataDir: string): SecretBox | null {
    const text = configuredSecretKey(secretKey, dataDir);
    return text ? new SecretBox(Buffer.from(text, "base64")) : null;
  }

  /** Names the key without revealing it (a hash of 256 random bits), so a backup can say which key it needs. */
  fingerprint(): string {
    return createHash("sha256").update("parley secret key\0").update(this.#key).digest("hex").slice(0, 16);
  }

  seal(value: Record<string, unknown>): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
    return [
      "v1",
      iv.toString("base64"),
      cipher.getAuthTag().toString("base64"),
      body.toString("base64"),
    ].join(".");
  }

  open(sealed: string): Record<string, unknown> {
    const [version, iv, tag, body] = sealed.split(".");
    if (version !== "v1" || !iv || !tag || !body) throw new Error("Unknown secret format");
    const decipher = createDecipheriv("aes-256-gcm", this.#key, Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]);
    return JSON.parse(plain.toString("utf8")) as Record<string, unknown>;
  }
}
