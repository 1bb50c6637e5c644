import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { Role, Viewer } from "../../domain/roles.ts";
import type { Db } from "../../store/database.ts";
import { apiTokens, sessions, teamMembers, users } from "../../store/schema.ts";
import { markSessionSeen } from "./sessionActivity.ts";

export const SESSION_COOKIE = "parley_session";
export const SESSION_DAYS = 14;

export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export async function createSession(
  db: Db,
  user: { id: string; workspaceId: string },
  device: { userAgent?: string | undefined; ip?: string | undefined } = {},
) {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    workspaceId: user.workspaceId,
    userId: user.id,
    csrfToken,
    expiresAt,
    // Shown in the person's list of sessions, so they can tell which one to sign out.
    userAgent: device.userAgent?.slice(0, 512) ?? null,
    ip: device.ip ?? null,
  });
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

/** Creates an API token for outside tools; the clear value is returned once and only its hash is kept. */
export async function createApiToken(
  db: Db,
  user: { id: string; workspaceId: string },
  name: string,
  expiresAt: Date | null = null,
) {
  const token = `prly_${randomBytes(32).toString("base64url")}`;
  await db
    .insert(apiTokens)
    .values({ workspaceId: user.workspaceId, userId: user.id, name, tokenHash: sha256(token), expiresAt });
  return token;
}

async function viewerFor(db: Db, userId: string): Promise<Viewer | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.disabled) return null;
  const memberships = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, userId));
  return {
    userId: user.id,
    workspaceId: user.workspaceId,
    role: user.role as Role,
    teamIds: memberships.map((m) => m.teamId),
  };
}

export type Authentication =
  | { kind: "none" }
  | { kind: "session"; viewer: Viewer; csrfToken: string }
  | { kind: "bearer"; viewer: Viewer };

export async function authenticate(
  db: Db,
  cookieToken: string | undefined,
  authorization: string | undefined,
): Promise<Authentication> {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) {
    const [token] = await db
      .select()
      .from(apiTokens)
      .where(
        and(
          eq(apiTokens.tokenHash, sha256(bearer)),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
        ),
      );
    if (!token) return { kind: "none" };
    const viewer = await viewerFor(db, token.userId);
    if (!viewer) return { kind: "none" };
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, token.id));
    return { kind: "bearer", viewer };
  }
  if (!cookieToken) return { kind: "none" };
  const [session] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, sha256(cookieToken)), gt(sessions.expiresAt, new Date())));
  if (!session) return { kind: "none" };
  await markSessionSeen(db, session);
  const viewer = await viewerFor(db, session.userId);
  return viewer ? { kind: "session", viewer, csrfToken: session.csrfToken } : { kind: "none" };
}

export async function csrfTokenOf(db: Db, cookieToken: string): Promise<string | null> {
  const [session] = await db
    .select({ csrfToken: sessions.csrfToken })
    .from(sessions)
    .where(eq(sessions.tokenHash, sha256(cookieToken)));
  return session?.csrfToken ?? null;
}
