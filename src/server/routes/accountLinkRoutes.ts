import type { Hono } from "hono";
import { z } from "zod";
import { acceptInvitation, describeInvitation } from "../../commands/invitationAccepter.ts";
import { requestPasswordReset, resetPassword } from "../../commands/passwordResetter.ts";
import { deliverAccountLink, passwordResetMail } from "../../notifications/accountMail.ts";
import { mailLocaleOf } from "../../notifications/accountMailTexts.ts";
import type { Db } from "../../store/database.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { accountLinkUrl } from "../auth/linkTokens.ts";
import { LinkToken, NewPassword, PersonName } from "./accountSchemas.ts";
import type { AccountMailDeps } from "./teamMemberRoutes.ts";

/**
 * The pages a person reaches from an e-mailed link, before they can sign in: accepting an invitation and choosing
 * a new password. The token comes in the body (the page reads it from the URL fragment), never in a URL.
 */
export function accountLinkRoutes(app: Hono<AppEnv>, db: Db, deps: AccountMailDeps): void {
  const { mailer, publicUrl, log } = deps;

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/auth/invitation",
      summary:
        "What an invitation link is for (address, role, workspace); 410 when expired, used or withdrawn",
      tag: "auth",
      body: z.object({ token: LinkToken }),
      response: { status: 200 },
      public: true,
    },
    async ({ body }, c) => c.json(await describeInvitation(db, body.token)),
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/auth/invitation/accept",
      summary: "Accept an invitation with one's own name and password; then sign in",
      tag: "auth",
      body: z.object({ token: LinkToken, name: PersonName, password: NewPassword }),
      response: { status: 201 },
      public: true,
    },
    async ({ body }, c) => {
      const account = await acceptInvitation(db, body.token, body);
      return c.json({ email: account.email }, 201);
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/auth/password-reset",
      summary:
        "Ask for a password reset link by e-mail; the same answer whether or not the address has an account",
      tag: "auth",
      body: z.object({ email: z.string().trim().min(1).max(320) }),
      response: { status: 202 },
      public: true,
    },
    async ({ body }, c) => {
      const reset = await requestPasswordReset(db, body.email, c.get("ip"));
      if (reset) {
        const link = accountLinkUrl(publicUrl, "password_reset", reset.token);
        // Not awaited: a slow or refusing mail server must not make the answer for a real account look different.
        void deliverAccountLink(
          mailer,
          reset.email,
          passwordResetMail(
            { link, expiresAt: reset.expiresAt },
            mailLocaleOf(c.req.header("accept-language")),
          ),
          link,
        ).then((outcome) => {
          if (outcome.delivery !== "sent")
            log.warn(
              { delivery: outcome.delivery, err: "error" in outcome ? outcome.error : undefined },
              "password reset e-mail not sent; an admin can make a reset link under Settings → Team members",
            );
        });
      }
      return c.json(
        { message: "If an account uses this address, a link to choose a new password is on its way." },
        202,
      );
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/auth/password-reset/confirm",
      summary: "Choose a new password with a reset link; ends every session of the account",
      tag: "auth",
      body: z.object({ token: LinkToken, password: NewPassword }),
      response: { status: 200 },
      public: true,
    },
    async ({ body }, c) => c.json(await resetPassword(db, body.token, body.password, c.get("ip"))),
  );
}
