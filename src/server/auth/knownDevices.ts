import { randomBytes } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../../store/database.ts";
import { signInDevices } from "../../store/schema.ts";
import { sha256 } from "./sessions.ts";

/** A long-lived cookie naming a browser that signed in before; only its hash is stored. */
export const DEVICE_COOKIE = "parley_device";
export const DEVICE_DAYS = 180;
/** An address the account signed in from within this many days is the owner's own. */
const KNOWN_SOURCE_DAYS = 90;

/** The hash of the device cookie when it belongs to this user's browser, else null. */
export async function knownDeviceHash(
  db: Db,
  cookie: string | undefined,
  userId: string,
): Promise<string | null> {
  if (!cookie) return null;
  const hash = sha256(cookie);
  const [device] = await db
    .select({ userId: signInDevices.userId })
    .from(signInDevices)
    .where(
      and(
        eq(signInDevices.tokenHash, hash),
        gt(signInDevices.lastUsedAt, sql`now() - make_interval(days => ${DEVICE_DAYS})`),
      ),
    );
  return device?.userId === userId ? hash : null;
}

export async function isKnownSource(db: Db, userId: string, source: string): Promise<boolean> {
  const [device] = await db
    .select({ userId: signInDevices.userId })
    .from(signInDevices)
    .where(
      and(
        eq(signInDevices.userId, userId),
        eq(signInDevices.source, source),
        gt(signInDevices.lastUsedAt, sql`now() - make_interval(days => ${KNOWN_SOURCE_DAYS})`),
      ),
    )
    .limit(1);
  return device !== undefined;
}

/**
 * After a successful sign-in: the known device is seen again from `source`, or the browser becomes one.
 * Returns the new cookie value to set, or null when the browser's cookie stays.
 */
export async function rememberDevice(
  db: Db,
  userId: string,
  source: string,
  knownHash: string | null,
): Promise<string | null> {
  if (knownHash) {
    await db
      .update(signInDevices)
      .set({ source, lastUsedAt: new Date() })
      .where(eq(signInDevices.tokenHash, knownHash));
    return null;
  }
  const token = randomBytes(32).toString("base64url");
  await db.insert(signInDevices).values({ tokenHash: sha256(token), userId, source });
  return token;
}
