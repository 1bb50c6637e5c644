import { eq, sql } from "drizzle-orm";
import type { Hono } from "hono";
import { z } from "zod";
import { listAgents } from "../../commands/agentEditor.ts";
import { canManageUsers, ROLES } from "../../domain/roles.ts";
import type { Db } from "../../store/database.ts";
import { auditLog, teamMembers, teams, users } from "../../store/schema.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { hashPassword } from "../auth/password.ts";
import { createApiToken } from "../auth/sessions.ts";
import { forbidden, HttpError } from "../httpError.ts";

const CreateUserBody = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  password: z.string().min(10, "Use at least 10 characters").max(1024),
  teamIds: z.array(z.uuid()).default([]),
});

export function userRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/users",
      summary: "Members of the workspace, with capacity, availability and open conversations",
      tag: "users",
      response: { status: 200 },
    },
    async ({ viewer }, c) => c.json({ items: await listAgents(db, viewer.workspaceId) }),
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/users",
      summary: "Invite a member with a role and teams (admins only)",
      tag: "users",
      body: CreateUserBody,
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => {
      if (!canManageUsers(viewer)) throw forbidden("Only admins manage users");
      const [taken] = await db
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${body.email.toLowerCase()}`);
      if (taken) throw new HttpError(409, "email_taken", "A user with this e-mail already exists");
      const created = await db.transaction(async (tx) => {
        const [user] = await tx
          .insert(users)
          .values({
            workspaceId: viewer.workspaceId,
            email: body.email.toLowerCase(),
            name: body.name,
            role: body.role,
            passwordHash: await hashPassword(body.password),
          })
          .returning({ id: users.id, name: users.name, email: users.email, role: users.role });
        const ownTeams = body.teamIds.length
          ? await tx.select({ id: teams.id }).from(teams).where(eq(teams.workspaceId, viewer.workspaceId))
          : [];
        for (const teamId of body.teamIds) {
          if (!ownTeams.some((t) => t.id === teamId))
            throw new HttpError(400, "unknown_team", `No team ${teamId} in this workspace`);
          await tx.insert(teamMembers).values({ workspaceId: viewer.workspaceId, teamId, userId: user!.id });
        }
        await tx.insert(auditLog).values({
          workspaceId: viewer.workspaceId,
          actorUserId: viewer.userId,
          action: "user.created",
          targetType: "user",
          targetId: user!.id,
          details: { role: body.role, teamIds: body.teamIds },
        });
        return user!;
      });
      return c.json(created, 201);
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/tokens",
      summary: "Create a bearer API token for the signed-in user; shown once",
      tag: "auth",
      body: z.object({ name: z.string().trim().min(1).max(200) }),
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => {
      const token = await createApiToken(
        db,
        { id: viewer.userId, workspaceId: viewer.workspaceId },
        body.name,
      );
      await db.insert(auditLog).values({
        workspaceId: viewer.workspaceId,
        actorUserId: viewer.userId,
        action: "api_token.created",
        details: { name: body.name },
      });
      return c.json({ token }, 201);
    },
  );
}
