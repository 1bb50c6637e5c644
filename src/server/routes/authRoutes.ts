import { eq } from "drizzle-orm";
import type { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { setAvailability } from "../../commands/agentEditor.ts";
import type { Db } from "../../store/database.ts";
import { auditLog, users, workspaces } from "../../store/schema.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { DEVICE_COOKIE, DEVICE_DAYS } from "../auth/knownDevices.ts";
import { createSession, csrfTokenOf, deleteSession, SESSION_COOKIE, SESSION_DAYS } from "../auth/sessions.ts";
import { attemptSignIn } from "../auth/signInAttempt.ts";
import { HttpError } from "../httpError.ts";

const LoginBody = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

async function presentMe(db: Db, userId: string) {
  const [row] = await db
    .select({ user: users, workspace: workspaces })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(eq(users.id, userId));
  if (!row) throw new HttpError(401, "unauthenticated", "Sign in first");
  const { id, email, name, role, locale, availability } = row.user;
  return {
    user: { id, email, name, role, locale, availability },
    workspace: { id: row.workspace.id, name: row.workspace.name },
  };
}

export function authRoutes(app: Hono<AppEnv>, db: Db, secureCookies: boolean): void {
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/auth/login",
      summary: "Sign in with e-mail and password (sets a session cookie)",
      tag: "auth",
      body: LoginBody,
      response: { status: 200 },
      public: true,
    },
    async ({ body }, c) => {
      const ip = c.get("ip");
      const outcome = await attemptSignIn(db, {
        email: body.email,
        password: body.password,
        ip,
        deviceCookie: getCookie(c, DEVICE_COOKIE),
      });
      if (outcome.kind !== "signed_in") {
        // The guesser waits; the owner at another address, or on a known device, is not affected.
        if (outcome.retryAfterSeconds > 0) c.header("Retry-After", String(outcome.retryAfterSeconds));
        const details = { retryAfterSeconds: outcome.retryAfterSeconds };
        if (outcome.kind === "throttled")
          throw new HttpError(
            429,
            "sign_in_throttled",
            `Too many failed sign-ins. Try again in ${outcome.retryAfterSeconds} s.`,
            details,
          );
        throw new HttpError(401, "invalid_credentials", "Wrong e-mail or password", details);
      }
      const user = outcome.user;
      const session = await createSession(db, user, { userAgent: c.req.header("user-agent"), ip });
      // Signing in means being at work: new conversations may come to this person now.
      await setAvailability(db, { workspaceId: user.workspaceId, userId: user.id }, "online", false);
      await db
        .insert(auditLog)
        .values({ workspaceId: user.workspaceId, actorUserId: user.id, action: "auth.login", ip });
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: "Lax",
        secure: secureCookies,
        path: "/",
        maxAge: SESSION_DAYS * 86_400,
      });
      // After the session cookie, so clients that read only the first Set-Cookie still get the session.
      if (outcome.deviceToken)
        setCookie(c, DEVICE_COOKIE, outcome.deviceToken, {
          httpOnly: true,
          sameSite: "Strict",
          secure: secureCookies,
          path: "/api/auth",
          maxAge: DEVICE_DAYS * 86_400,
        });
      return c.json({ ...(await presentMe(db, user.id)), csrfToken: session.csrfToken });
    },
  );

  apiRoute(
    app,
    { method: "post", path: "/api/auth/logout", summary: "Sign out", tag: "auth", response: { status: 204 } },
    async ({ viewer }, c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deleteSession(db, token);
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      await setAvailability(db, { workspaceId: viewer.workspaceId, userId: viewer.userId }, "offline", false);
      await db.insert(auditLog).values({
        workspaceId: viewer.workspaceId,
        actorUserId: viewer.userId,
        action: "auth.logout",
        ip: c.get("ip"),
      });
      return c.body(null, 204);
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/me",
      summary: "The signed-in user, workspace and CSRF token",
      tag: "auth",
      response: { status: 200 },
    },
    async ({ viewer }, c) => {
      const token = getCookie(c, SESSION_COOKIE);
      const csrfToken = token ? await csrfTokenOf(db, token) : null;
      return c.json({ ...(await presentMe(db, viewer.userId)), csrfToken });
    },
  );
}
