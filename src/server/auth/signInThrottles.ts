import { and, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import {
  delayAfterFailures,
  failuresAfterOneMore,
  THROTTLE_POLICIES,
  type ThrottleKind,
} from "../../domain/signInThrottle.ts";
import type { Db, DbOrTx } from "../../store/database.ts";
import { signInThrottles } from "../../store/schema.ts";

export interface ThrottleKey {
  key: string;
  kind: ThrottleKind;
  email: string | null;
  source: string | null;
  workspaceId: string | null;
}

export function throttleKey(
  kind: ThrottleKind,
  attempt: { email: string; source: string; deviceHash: string | null; workspaceId: string | null },
): ThrottleKey {
  const { email, source, workspaceId } = attempt;
  switch (kind) {
    case "account_source":
      return { key: `account:${email}|source:${source}`, kind, email, source, workspaceId };
    case "account_device":
      return { key: `account:${email}|device:${attempt.deviceHash}`, kind, email, source, workspaceId };
    case "source":
      return { key: `source:${source}`, kind, email: null, source, workspaceId: null };
  }
}

export type Reservation =
  /** The password may be checked. The attempt is already counted as a failure; a success takes it back. */
  | { admitted: true; retryAfterSeconds: number; newlyThrottled: ThrottleKey[] }
  /** Refused unheard: some key is still waiting. */
  | { admitted: false; retryAfterSeconds: number };

async function databaseNow(tx: DbOrTx): Promise<Date> {
  const result = (await tx.execute(sql`SELECT now() AS now`)) as unknown as {
    rows: { now: Date | string }[];
  };
  return new Date(result.rows[0]!.now);
}

const secondsUntil = (until: Date, now: Date) =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/**
 * Counts the attempt on every key before the password is checked, in one transaction under the keys' row
 * locks: parallel guesses from one source queue up here and each sees the wait the previous one set, so a
 * burst cannot slip past the throttle. If any key is still waiting, nothing is counted and the attempt is
 * refused with the longest remaining wait.
 */
export async function reserveSignInAttempt(db: Db, keys: ThrottleKey[]): Promise<Reservation> {
  // One lock order for every transaction, so two attempts sharing keys cannot deadlock.
  const ordered = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  return db.transaction(async (tx) => {
    const now = await databaseNow(tx);
    const current = [];
    for (const key of ordered) {
      await tx
        .insert(signInThrottles)
        .values({ ...key, failures: 0, lastFailureAt: now, firstFailureAt: now })
        .onConflictDoNothing({ target: signInThrottles.key });
      const [row] = await tx
        .select()
        .from(signInThrottles)
        .where(eq(signInThrottles.key, key.key))
        .for("update");
      current.push({ key, row: row! });
    }
    const waiting = current.filter(({ row }) => row.blockedUntil && row.blockedUntil > now);
    if (waiting.length > 0) {
      await tx
        .update(signInThrottles)
        .set({ refused: sql`${signInThrottles.refused} + 1` })
        .where(
          inArray(
            signInThrottles.id,
            waiting.map(({ row }) => row.id),
          ),
        );
      const until = Math.max(...waiting.map(({ row }) => row.blockedUntil!.getTime()));
      return { admitted: false, retryAfterSeconds: secondsUntil(new Date(until), now) };
    }
    let retryAfterSeconds = 0;
    const newlyThrottled: ThrottleKey[] = [];
    for (const { key, row } of current) {
      const policy = THROTTLE_POLICIES[key.kind];
      const failures = failuresAfterOneMore(row.failures > 0 ? row : null, now, policy);
      const delay = delayAfterFailures(failures, policy);
      if (delay > 0 && delayAfterFailures(failures - 1, policy) === 0) newlyThrottled.push(key);
      retryAfterSeconds = Math.max(retryAfterSeconds, delay);
      await tx
        .update(signInThrottles)
        .set({
          failures,
          // The newest e-mail's workspace, so the row shows where admins look.
          workspaceId: key.workspaceId ?? row.workspaceId,
          firstFailureAt: failures === 1 ? now : row.firstFailureAt,
          lastFailureAt: now,
          blockedUntil: delay > 0 ? new Date(now.getTime() + delay * 1000) : null,
        })
        .where(eq(signInThrottles.id, row.id));
    }
    return { admitted: true, retryAfterSeconds, newlyThrottled };
  });
}

/**
 * Takes back a successful attempt: the account's own keys start over, and the address's count drops by the
 * one this attempt added (without forgiving anyone else's failures there).
 */
export async function settleSuccessfulSignIn(db: Db, keys: ThrottleKey[]): Promise<void> {
  const own = keys.filter((k) => k.kind !== "source").map((k) => k.key);
  const shared = keys.filter((k) => k.kind === "source").map((k) => k.key);
  if (own.length > 0) await db.delete(signInThrottles).where(inArray(signInThrottles.key, own));
  if (shared.length === 0) return;
  await db
    .update(signInThrottles)
    .set({
      failures: sql`greatest(${signInThrottles.failures} - 1, 0)`,
      blockedUntil: sql`CASE WHEN ${signInThrottles.failures} - 1 > ${THROTTLE_POLICIES.source.freeFailures}
        THEN ${signInThrottles.blockedUntil} END`,
    })
    .where(inArray(signInThrottles.key, shared));
  await db
    .delete(signInThrottles)
    .where(and(inArray(signInThrottles.key, shared), eq(signInThrottles.failures, 0)));
}

/** What admins see: keys with failures in the last day, or still waiting; the workspace's and addresses'. */
export async function listSignInThrottles(db: Db, workspaceId: string) {
  const rows = await db
    .select()
    .from(signInThrottles)
    .where(
      and(
        gt(signInThrottles.failures, 0),
        or(eq(signInThrottles.workspaceId, workspaceId), isNull(signInThrottles.workspaceId)),
        or(
          gt(signInThrottles.blockedUntil, sql`now()`),
          gt(signInThrottles.lastFailureAt, sql`now() - interval '1 day'`),
        ),
      ),
    )
    .orderBy(desc(signInThrottles.lastFailureAt))
    .limit(500);
  const now = Date.now();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    email: row.email,
    source: row.source,
    failures: row.failures,
    refused: row.refused,
    firstFailureAt: row.firstFailureAt,
    lastFailureAt: row.lastFailureAt,
    blockedUntil: row.blockedUntil,
    retryAfterSeconds: row.blockedUntil
      ? Math.max(0, Math.ceil((row.blockedUntil.getTime() - now) / 1000))
      : 0,
  }));
}

/** Deletes one key, so its next attempt is heard at once; null when it is not this workspace's to clear. */
export async function deleteSignInThrottle(db: DbOrTx, workspaceId: string, id: string) {
  const [row] = await db
    .delete(signInThrottles)
    .where(
      and(
        eq(signInThrottles.id, id),
        or(eq(signInThrottles.workspaceId, workspaceId), isNull(signInThrottles.workspaceId)),
      ),
    )
    .returning();
  return row ?? null;
}
