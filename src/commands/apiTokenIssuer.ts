import { and, eq } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import { createApiToken } from "../server/auth/sessions.ts";
import { notFound } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { apiTokens, auditLog } from "../store/schema.ts";

export const MAX_TOKEN_DAYS = 365;

/**
 * A personal API token acting as its owner, with their role. The clear value is in this answer only; the list
 * shows name, creation, last use and expiry, never the token.
 */
export async function issueApiToken(
  db: Db,
  viewer: Viewer,
  input: { name: string; expiresInDays: number | null },
): Promise<{ token: string; name: string; expiresAt: Date | null }> {
  const expiresAt =
    input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * 86_400_000);
  const token = await createApiToken(
    db,
    { id: viewer.userId, workspaceId: viewer.workspaceId },
    input.name,
    expiresAt,
  );
  await db.insert(auditLog).values({
    workspaceId: viewer.workspaceId,
    actorUserId: viewer.userId,
    action: "api_token.created",
    details: { name: input.name, expiresAt: expiresAt?.toISOString() ?? null },
  });
  return { token, name: input.name, expiresAt };
}

/** Revokes one of the person's own tokens: the next request made with it is refused. */
export async function revokeApiToken(db: Db, viewer: Viewer, tokenId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, viewer.userId)))
      .returning({ name: apiTokens.name });
    if (!revoked) throw notFound("API token");
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "api_token.revoked",
      targetType: "api_token",
      targetId: tokenId,
      details: { name: revoked.name },
    });
  });
}
