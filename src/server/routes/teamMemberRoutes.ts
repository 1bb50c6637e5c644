import { eq } from "drizzle-orm";
import type { Hono } from "hono";
import { z } from "zod";
import { deactivateMember, reactivateMember } from "../../commands/memberDeactivator.ts";
import { changeMemberRole } from "../../commands/memberRoleChanger.ts";
import { issueResetLinkFor } from "../../commands/passwordResetter.ts";
import { inviteUser, listOpenInvitations, revokeInvitation } from "../../commands/userInviter.ts";
import { canManageUsers, ROLES, type Viewer } from "../../domain/roles.ts";
import type { Logger } from "../../logger.ts";
import { deliverAccountLink, invitationMail, passwordResetMail } from "../../notifications/accountMail.ts";
import { MAIL_LOCALES, mailLocaleOf } from "../../notifications/accountMailTexts.ts";
import type { MailSender } from "../../notifications/mailSender.ts";
import type { Db } from "../../store/database.ts";
import { users, workspaces } from "../../store/schema.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { accountLinkUrl } from "../auth/linkTokens.ts";
import { forbidden } from "../httpError.ts";

export interface AccountMailDeps {
  /** Absent when no SMTP server is configured: links then go back to the admin to pass on. */
  mailer: MailSender | undefined;
  publicUrl: string;
  log: Logger;
}

const IdParams = z.object({ id: z.uuid() });

function requireAdmin(viewer: Viewer): void {
  if (!canManageUsers(viewer)) throw forbidden("Only admins manage team members");
}

/** The Team members tab: invitations, roles, deactivation and reset links. Admins only, every change audited. */
export function teamMemberRoutes(app: Hono<AppEnv>, db: Db, deps: AccountMailDeps): void {
  const { mailer, publicUrl, log } = deps;

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/invitations",
      summary: "Open invitations (expired ones included, to send again), and whether e-mail can be sent",
      tag: "users",
      response: { status: 200 },
    },
    async ({ viewer }, c) => {
      requireAdmin(viewer);
      return c.json({
        items: await listOpenInvitations(db, viewer.workspaceId),
        mailConfigured: mailer !== undefined,
      });
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/invitations",
      summary:
        "Invite someone by e-mail with a role; again for the same address sends a new link. Without SMTP the link is in the answer",
      tag: "users",
      body: z.object({
        email: z.email().max(320),
        role: z.enum(ROLES),
        teamIds: z.array(z.uuid()).max(100).default([]),
        /** The language of the e-mail: the inviting admin's interface language (else their browser's). */
        language: z.enum(MAIL_LOCALES).optional(),
      }),
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => {
      requireAdmin(viewer);
      const { invitation, token } = await inviteUser(db, viewer, body);
      const [names] = await db
        .select({ inviter: users.name, workspace: workspaces.name })
        .from(users)
        .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
        .where(eq(users.id, viewer.userId));
      const link = accountLinkUrl(publicUrl, "invitation", token);
      const mail = invitationMail(
        {
          workspaceName: names?.workspace ?? "Parley",
          inviterName: names?.inviter ?? "An admin",
          role: body.role,
          link,
          expiresAt: invitation.expiresAt,
        },
        mailLocaleOf(body.language, c.req.header("accept-language")),
      );
      const outcome = await deliverAccountLink(mailer, invitation.email, mail, link);
      if (outcome.delivery === "failed")
        log.warn({ err: outcome.error, invitationId: invitation.id }, "invitation e-mail not sent");
      return c.json({ invitation, ...outcome }, 201);
    },
  );

  apiRoute(
    app,
    {
      method: "delete",
      path: "/api/invitations/:id",
      summary: "Withdraw an open invitation; its link stops working",
      tag: "users",
      params: IdParams,
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      requireAdmin(viewer);
      await revokeInvitation(db, viewer, params.id);
      return c.body(null, 204);
    },
  );

  apiRoute(
    app,
    {
      method: "put",
      path: "/api/users/:id/role",
      summary: "Change a member's role (not one's own; the workspace keeps an active admin)",
      tag: "users",
      params: IdParams,
      body: z.object({ role: z.enum(ROLES) }),
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      requireAdmin(viewer);
      return c.json(await changeMemberRole(db, viewer, params.id, body.role));
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/users/:id/deactivate",
      summary:
        "Deactivate a member: sessions and API tokens end at once, open conversations go back to the queue",
      tag: "users",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      requireAdmin(viewer);
      return c.json(await deactivateMember(db, viewer, params.id));
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/users/:id/reactivate",
      summary: "Let a deactivated member sign in again",
      tag: "users",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      requireAdmin(viewer);
      return c.json(await reactivateMember(db, viewer, params.id));
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/users/:id/password-reset",
      summary: "Send a member a password reset link; without SMTP the link is in the answer",
      tag: "users",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      requireAdmin(viewer);
      const reset = await issueResetLinkFor(db, viewer, params.id);
      const link = accountLinkUrl(publicUrl, "password_reset", reset.token);
      const outcome = await deliverAccountLink(
        mailer,
        reset.email,
        passwordResetMail(
          { link, expiresAt: reset.expiresAt },
          mailLocaleOf(c.req.header("accept-language")),
        ),
        link,
      );
      if (outcome.delivery === "failed")
        log.warn({ err: outcome.error, userId: params.id }, "password reset e-mail not sent");
      return c.json({ expiresAt: reset.expiresAt, ...outcome });
    },
  );
}
