import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { hashPassword } from "../server/auth/password.ts";
import { sha256 } from "../server/auth/sessions.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { isUniqueViolation } from "../store/pgErrors.ts";
import { auditLog, invitations, teamMembers, teams, users, workspaces } from "../store/schema.ts";
import { findUsableInvitation } from "./userInviter.ts";

export const invalidLink = () =>
  new HttpError(410, "invalid_link", "This link has expired or has already been used. Ask for a new one.");

/** What the invitee's page shows before they choose a name and password. */
export async function describeInvitation(db: Db, token: string) {
  const invitation = await findUsableInvitation(db, sha256(token));
  if (!invitation) throw invalidLink();
  const [workspace] = await db
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, invitation.workspaceId));
  return {
    email: invitation.email,
    role: invitation.role,
    workspace: workspace?.name ?? "",
    expiresAt: invitation.expiresAt,
  };
}

/**
 * Turns an invitation into an account with the name and password the invitee chose. Taking the invitation is one
 * conditional UPDATE, so two clicks on the same link (or two tabs) create one account, and an expired or withdrawn
 * link creates none.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { name: string; password: string },
): Promise<{ userId: string; email: string }> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [invitation] = await tx
        .update(invitations)
        .set({ acceptedAt: new Date() })
        .where(
          and(
            eq(invitations.tokenHash, sha256(token)),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, new Date()),
          ),
        )
        .returning();
      if (!invitation) throw invalidLink();
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${invitation.email}`);
      if (taken)
        throw new HttpError(409, "email_taken", "An account with this e-mail already exists. Sign in.");
      const [user] = await tx
        .insert(users)
        .values({
          workspaceId: invitation.workspaceId,
          email: invitation.email,
          name: input.name,
          role: invitation.role,
          passwordHash,
          // The password is their own from the start.
          passwordChangedAt: new Date(),
        })
        .returning({ id: users.id });
      // A team deleted since the invitation was sent is skipped, not an error the invitee could do anything about.
      const stillThere =
        invitation.teamIds.length === 0
          ? []
          : await tx
              .select({ id: teams.id })
              .from(teams)
              .where(
                and(eq(teams.workspaceId, invitation.workspaceId), inArray(teams.id, invitation.teamIds)),
              );
      for (const team of stillThere)
        await tx
          .insert(teamMembers)
          .values({ workspaceId: invitation.workspaceId, teamId: team.id, userId: user!.id });
      await tx.update(invitations).set({ userId: user!.id }).where(eq(invitations.id, invitation.id));
      await tx.insert(auditLog).values({
        workspaceId: invitation.workspaceId,
        actorUserId: user!.id,
        action: "user.invitation_accepted",
        targetType: "user",
        targetId: user!.id,
        details: {
          invitationId: invitation.id,
          role: invitation.role,
          invitedBy: invitation.invitedBy,
          teamIds: stillThere.map((t) => t.id),
        },
      });
      return { userId: user!.id, email: invitation.email };
    });
  } catch (err) {
    // The same address registered between the check and the insert.
    if (isUniqueViolation(err))
      throw new HttpError(409, "email_taken", "An account with this e-mail already exists. Sign in.");
    throw err;
  }
}
