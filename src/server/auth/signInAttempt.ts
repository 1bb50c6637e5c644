import { sql } from "drizzle-orm";
import { throttleKindsFor } from "../../domain/signInThrottle.ts";
import type { Db } from "../../store/database.ts";
import { auditLog, users } from "../../store/schema.ts";
import { isKnownSource, knownDeviceHash, rememberDevice } from "./knownDevices.ts";
import { verifyPassword } from "./password.ts";
import { signInSourceOf } from "./signInSource.ts";
import { reserveSignInAttempt, settleSuccessfulSignIn, throttleKey } from "./signInThrottles.ts";

type User = typeof users.$inferSelect;

export type SignInOutcome =
  | { kind: "signed_in"; user: User; source: string; deviceToken: string | null }
  /** Wrong e-mail or password; the next attempt from here must wait this long (0: at once). */
  | { kind: "refused"; retryAfterSeconds: number }
  /** Not heard: this account from here, or this address, is still waiting. */
  | { kind: "throttled"; retryAfterSeconds: number };

// Hashed for unknown users too, so the answer time does not reveal which e-mails exist.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
// Unknown e-mails look their device up under an id nobody has, for the same reason.
const NOBODY = "00000000-0000-0000-0000-000000000000";

/**
 * One sign-in with the throttle around it (src/domain/signInThrottle.ts says who is slowed down and why):
 * the attempt is counted before the password is checked, refused unheard while its keys wait, and taken
 * back when the password is right.
 */
export async function attemptSignIn(
  db: Db,
  input: { email: string; password: string; ip: string; deviceCookie: string | undefined },
): Promise<SignInOutcome> {
  const email = input.email.trim().toLowerCase();
  const source = signInSourceOf(input.ip);
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  const deviceHash = await knownDeviceHash(db, input.deviceCookie, user?.id ?? NOBODY);
  const knownSource = !deviceHash && (await isKnownSource(db, user?.id ?? NOBODY, source));
  const workspaceId = user?.workspaceId ?? null;
  const keys = throttleKindsFor({ knownDevice: deviceHash !== null, knownSource }).map((kind) =>
    throttleKey(kind, { email, source, deviceHash, workspaceId }),
  );

  const reservation = await reserveSignInAttempt(db, keys);
  if (!reservation.admitted) return { kind: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };

  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) {
    await db.insert(auditLog).values({
      workspaceId,
      action: "auth.login_failed",
      details: { email, source, nextAttemptInSeconds: reservation.retryAfterSeconds },
      ip: input.ip,
    });
    for (const key of reservation.newlyThrottled)
      await db.insert(auditLog).values({
        workspaceId: key.workspaceId,
        action: "auth.sign_in_throttled",
        targetType: "sign_in_throttle",
        targetId: key.key,
        details: { kind: key.kind, email: key.email, source: key.source },
        ip: input.ip,
      });
    return { kind: "refused", retryAfterSeconds: reservation.retryAfterSeconds };
  }
  await settleSuccessfulSignIn(db, keys);
  const deviceToken = await rememberDevice(db, user.id, source, deviceHash);
  return { kind: "signed_in", user, source, deviceToken };
}
