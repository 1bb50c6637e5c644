import type { Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { issueApiToken, MAX_TOKEN_DAYS, revokeApiToken } from "../../commands/apiTokenIssuer.ts";
import { changePassword } from "../../commands/passwordChanger.ts";
import { endOtherSessions, endSession } from "../../commands/sessionEnder.ts";
import type { Db } from "../../store/database.ts";
import { listOwnApiTokens, listOwnSessions, ownAccount } from "../accountQueries.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { SESSION_COOKIE, sha256 } from "../auth/sessions.ts";
import { notFound } from "../httpError.ts";
import { NewPassword } from "./accountSchemas.ts";

const IdParams = z.object({ id: z.uuid() });

/** The session making this request, if it came with the cookie rather than an API token. */
function currentSessionHash(c: Context<AppEnv>): string | null {
  if (/^Bearer\s/i.test(c.req.header("authorization") ?? "")) return null;
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? sha256(cookie) : null;
}

/** "My account": every signed-in person manages their own password, sessions and API tokens, and no one else's. */
export function accountRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/me/account",
      summary: "The signed-in person's account: name, role, when the password was last changed",
      tag: "account",
      response: { status: 200 },
    },
    async ({ viewer }, c) => {
      const account = await ownAccount(db, viewer.userId);
      if (!account) throw notFound("User");
      return c.json(account);
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/me/password",
      summary: "Change one's own password (needs the current one); signs out one's other sessions",
      tag: "account",
      body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: NewPassword }),
      response: { status: 200 },
    },
    async ({ body, viewer }, c) =>
      c.json(await changePassword(db, viewer, body, currentSessionHash(c), c.get("ip"))),
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/me/sessions",
      summary: "One's signed-in sessions with device and last seen; the current one is marked",
      tag: "account",
      response: { status: 200 },
    },
    async ({ viewer }, c) =>
      c.json({ items: await listOwnSessions(db, viewer.userId, currentSessionHash(c)) }),
  );

  apiRoute(
    app,
    {
      method: "delete",
      path: "/api/me/sessions/:id",
      summary: "Sign out one of one's sessions",
      tag: "account",
      params: IdParams,
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      await endSession(db, viewer, params.id, c.get("ip"));
      return c.body(null, 204);
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/me/sessions/end-others",
      summary: "Sign out every other session of one's own",
      tag: "account",
      response: { status: 200 },
    },
    async ({ viewer }, c) => c.json(await endOtherSessions(db, viewer, currentSessionHash(c), c.get("ip"))),
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/me/tokens",
      summary: "One's personal API tokens with last use and expiry (never the token itself)",
      tag: "account",
      response: { status: 200 },
    },
    async ({ viewer }, c) => c.json({ items: await listOwnApiTokens(db, viewer.userId) }),
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/me/tokens",
      summary: "Create a personal API token, optionally expiring; the token is in this answer only",
      tag: "account",
      body: z.object({
        name: z.string().trim().min(1).max(200),
        expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).nullable().default(null),
      }),
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => c.json(await issueApiToken(db, viewer, body), 201),
  );

  apiRoute(
    app,
    {
      method: "delete",
      path: "/api/me/tokens/:id",
      summary: "Revoke one of one's personal API tokens",
      tag: "account",
      params: IdParams,
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      await revokeApiToken(db, viewer, params.id);
      return c.body(null, 204);
    },
  );
}
