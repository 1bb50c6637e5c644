import type { Hono } from "hono";
import { z } from "zod";
import { clearSignInThrottle } from "../../commands/signInThrottleClearer.ts";
import { canManageUsers, type Viewer } from "../../domain/roles.ts";
import type { Db } from "../../store/database.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { listSignInThrottles } from "../auth/signInThrottles.ts";
import { forbidden } from "../httpError.ts";

function requireAdmin(viewer: Viewer): void {
  if (!canManageUsers(viewer)) throw forbidden("Only admins see and clear sign-in throttles");
}

export function securityRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/security/sign-in-throttles",
      summary:
        "Accounts and addresses with failed sign-ins in the last day, and how long each must still wait (admins)",
      tag: "security",
      response: { status: 200 },
    },
    async ({ viewer }, c) => {
      requireAdmin(viewer);
      return c.json({ items: await listSignInThrottles(db, viewer.workspaceId) });
    },
  );

  apiRoute(
    app,
    {
      method: "delete",
      path: "/api/security/sign-in-throttles/:id",
      summary: "Clear one throttle, so that account or address may try again at once (admins; audited)",
      tag: "security",
      params: z.object({ id: z.uuid() }),
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      requireAdmin(viewer);
      await clearSignInThrottle(db, viewer, params.id, c.get("ip"));
      return c.body(null, 204);
    },
  );
}
