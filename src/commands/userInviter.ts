import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Role } from "../domain/roles.ts";
import { newLinkToken } from "../server/auth/linkTokens.ts";
import { HttpError, notFound } from "../server/httpError.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { isUniqueViolation } from "../store/pgErrors.ts";
import { auditLog, invitations, teams, users } from "../store/schema.ts";
import type { Actor } from "./triageConfigChange.ts";

/** Long enough for a colleague back from a week off; a stale link is simply sent again. */
export const INVITATION_DAYS = 7;

export interface InvitationInput {
  email: string;
  role: Role;
  teamIds: string[];
}

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  teamIds: string[];
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
}

/** E-mail addresses name one person everywhere in Parley (sign-in is by e-mail alone). */
async function emailTaken(db: DbOrTx, email: string): Promise<boolean> {
  const [user] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  return user !== undefined;
}

/**
 * Invites someone by e-mail with a role and teams. Returns the link's token in clear, once, for the mail; only
 * its hash is stored. Inviting an address again replaces its open invitation, so "resend" is this same call and
 * only the newest link works.
 */
export async function inviteUser(
  db: Db,
  actor: Actor,
  input: InvitationInput,
): Promise<{ invitation: InvitationView; token: string }> {
  const email = input.email.trim().toLowerCase();
  const { token, tokenHash } = newLinkToken();
  const invitation = await db
    .transaction(async (tx) => {
      if (await emailTaken(tx, email))
        throw new HttpError(409, "email_taken", "A user with this e-mail already exists");
      if (input.teamIds.length > 0) {
        const own = await tx
          .select({ id: teams.id })
          .from(teams)
          .where(eq(teams.workspaceId, actor.workspaceId));
        const unknown = input.teamIds.find((id) => !own.some((team) => team.id === id));
        if (unknown) throw new HttpError(400, "unknown_team", `No team ${unknown} in this workspace`);
      }
      const replaced = await tx
        .update(invitations)
        .set({ revokedAt: new Date() })
        .where(
          and(
            eq(invitations.workspaceId, actor.workspaceId),
            sql`lower(${invitations.email}) = ${email}`,
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
          ),
        )
        .returning({ id: invitations.id });
      const [row] = await tx
        .insert(invitations)
        .values({
          workspaceId: actor.workspaceId,
          email,
          role: input.role,
          teamIds: [...new Set(input.teamIds)],
          tokenHash,
          invitedBy: actor.userId,
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
        })
        .returning();
      await tx.insert(auditLog).values({
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: "user.invited",
        targetType: "invitation",
        targetId: row!.id,
        details: { email, role: input.role, teamIds: row!.teamIds, replaced: replaced.map((r) => r.id) },
      });
      return row!;
    })
    .catch((err: unknown) => {
      // Two admins inviting the same address at the same moment: the partial unique index lets one through.
      if (isUniqueViolation(err))
        throw new HttpError(
          409,
          "invitation_conflict",
          "This address was invited at the same moment. Try again.",
        );
      throw err;
    });
  return { invitation: presentInvitation(invitation), token };
}

function presentInvitation(row: typeof invitations.$inferSelect, now = new Date()): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    teamIds: row.teamIds,
    invitedBy: row.invitedBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    expired: row.expiresAt <= now,
  };
}

/** Invitations nobody has accepted or withdrawn yet, expired ones included so the admin can send them again. */
export async function listOpenInvitations(db: DbOrTx, workspaceId: string): Promise<InvitationView[]> {
  const rows = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(invitations.createdAt);
  return rows.map((row) => presentInvitation(row));
}

/** Withdraws an open invitation: its link stops working at once. */
export async function revokeInvitation(db: Db, actor: Actor, invitationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.workspaceId, actor.workspaceId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ email: invitations.email });
    if (!row) throw notFound("Invitation");
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "user.invitation_revoked",
      targetType: "invitation",
      targetId: invitationId,
      details: { email: row.email },
    });
  });
}

/** An open, unexpired invitation by its link token, for the page that greets the invitee. */
export async function findUsableInvitation(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  return row ?? null;
}
