import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { newLinkToken } from "../server/auth/linkTokens.ts";
import { hashPassword } from "../server/auth/password.ts";
import { sha256 } from "../server/auth/sessions.ts";
import { HttpError, notFound } from "../server/httpError.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import { auditLog, passwordResets, sessions, users } from "../store/schema.ts";
import { invalidLink } from "./invitationAccepter.ts";
import type { Actor } from "./triageConfigChange.ts";

/** A reset link is a key to the account: short-lived, and only the newest one of a person works. */
export const RESET_MINUTES = 60;
const REQUEST_WINDOW_MINUTES = 15;
/** Mails per address in the window: enough for a lost mail, too few to flood someone's inbox. */
const MAILS_PER_EMAIL = 3;
const REQUESTS_PER_IP = 20;

interface IssuedReset {
  email: string;
  token: string;
  expiresAt: Date;
}

/** A new link for this person; their older unused links stop working. */
async function issueReset(
  db: DbOrTx,
  user: { id: string; workspaceId: string; email: string },
  createdBy: string | null,
): Promise<IssuedReset> {
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(Date.now() + RESET_MINUTES * 60_000);
  await db
    .delete(passwordResets)
    .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
  await db
    .insert(passwordResets)
    .values({ tokenHash, workspaceId: user.workspaceId, userId: user.id, createdBy, expiresAt });
  return { email: user.email, token, expiresAt };
}

async function recentRequests(db: Db, email: string, ip: string) {
  const result = (await db.execute(sql`
    SELECT
      count(*) FILTER (WHERE details->>'email' = ${email}) AS by_email,
      count(*) FILTER (WHERE ip = ${ip}) AS by_ip
    FROM ${auditLog}
    WHERE action = 'auth.password_reset_requested'
      AND created_at > now() - make_interval(mins => ${REQUEST_WINDOW_MINUTES})`)) as unknown as {
    rows: { by_email: string | number; by_ip: string | number }[];
  };
  const row = result.rows[0];
  return { byEmail: Number(row?.by_email ?? 0), byIp: Number(row?.by_ip ?? 0) };
}

/**
 * "Forgot password": a link for an active account with this e-mail, or null. The caller answers the same either
 * way and sends the mail without waiting for it, so neither the answer nor its timing tells whether the address
 * has an account.
 */
export async function requestPasswordReset(
  db: Db,
  rawEmail: string,
  ip: string,
): Promise<IssuedReset | null> {
  const email = rawEmail.trim().toLowerCase();
  const recent = await recentRequests(db, email, ip);
  // Per address and source, not per account: the limit must not behave differently for unknown addresses.
  if (recent.byIp >= REQUESTS_PER_IP)
    throw new HttpError(429, "too_many_attempts", "Too many requests. Wait 15 minutes and try again.");
  const [user] = await db
    .select({ id: users.id, workspaceId: users.workspaceId, email: users.email, disabled: users.disabled })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  const eligible = user !== undefined && !user.disabled && recent.byEmail < MAILS_PER_EMAIL;
  return db.transaction(async (tx) => {
    await tx.insert(auditLog).values({
      workspaceId: user?.workspaceId ?? null,
      actorUserId: null,
      action: "auth.password_reset_requested",
      targetType: user ? "user" : null,
      targetId: user?.id ?? null,
      details: { email, linkCreated: eligible },
      ip,
    });
    return eligible ? issueReset(tx, user, null) : null;
  });
}

/** An admin makes a reset link for a member (to mail, or to hand over when no SMTP server is configured). */
export async function issueResetLinkFor(db: Db, actor: Actor, userId: string): Promise<IssuedReset> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, workspaceId: users.workspaceId, email: users.email, disabled: users.disabled })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.workspaceId, actor.workspaceId)));
    if (!user) throw notFound("User");
    if (user.disabled)
      throw new HttpError(409, "user_deactivated", "Reactivate this member before resetting their password");
    const reset = await issueReset(tx, user, actor.userId);
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "user.password_reset_link_created",
      targetType: "user",
      targetId: user.id,
      details: { expiresAt: reset.expiresAt.toISOString() },
    });
    return reset;
  });
}

/**
 * Sets a new password from a reset link. The link is taken by one conditional UPDATE (used, expired or replaced
 * links take nothing), and every session of the person ends: whoever knew the old password is out.
 */
export async function resetPassword(
  db: Db,
  token: string,
  password: string,
  ip: string,
): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResets.tokenHash, sha256(token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, new Date()),
        ),
      )
      .returning({ userId: passwordResets.userId });
    if (!reset) throw invalidLink();
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date() })
      .where(and(eq(users.id, reset.userId), eq(users.disabled, false)))
      .returning({ id: users.id, workspaceId: users.workspaceId, email: users.email });
    if (!user) throw invalidLink();
    const ended = await tx
      .delete(sessions)
      .where(eq(sessions.userId, user.id))
      .returning({ id: sessions.id });
    await tx.insert(auditLog).values({
      workspaceId: user.workspaceId,
      actorUserId: user.id,
      action: "auth.password_reset",
      targetType: "user",
      targetId: user.id,
      details: { sessionsEnded: ended.length },
      ip,
    });
    await notifyChange(tx, { workspaceId: user.workspaceId, type: "access.changed", userId: user.id });
    return { email: user.email };
  });
}
