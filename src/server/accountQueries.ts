import { and, desc, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { apiTokens, sessions, users } from "../store/schema.ts";

/** The person's signed-in browsers, the one asking marked `current`; the token hash never leaves the server. */
export async function listOwnSessions(db: DbOrTx, userId: string, currentSessionHash: string | null) {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((row) => ({
    id: row.id,
    userAgent: row.userAgent,
    ip: row.ip,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
    current: row.tokenHash === currentSessionHash,
  }));
}

export async function listOwnApiTokens(db: DbOrTx, userId: string) {
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
  const now = new Date();
  return rows.map((row) => ({ ...row, expired: row.expiresAt !== null && row.expiresAt <= now }));
}

/** What "My account" shows about the person beyond GET /api/me. */
export async function ownAccount(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
      passwordChangedAt: users.passwordChangedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
