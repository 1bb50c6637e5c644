import type { Hono } from "hono";
import { z } from "zod";
import {
  createTeam,
  deleteTeam,
  listTeams,
  setTeamMembers,
  TeamInput,
  TeamPatch,
  updateTeam,
} from "../../commands/teamEditor.ts";
import type { Db } from "../../store/database.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { actorOf, requireTriageEditor } from "./triageAccess.ts";

const IdParams = z.object({ id: z.uuid() });

export function teamRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/teams",
      summary: "Teams of the workspace, with members, business hours and assignment strategy",
      tag: "teams",
      response: { status: 200 },
    },
    async ({ viewer }, c) => c.json({ items: await listTeams(db, viewer.workspaceId) }),
  );
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/teams",
      summary: "Create a team (supervisors and admins)",
      tag: "teams",
      body: TeamInput,
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => {
      requireTriageEditor(viewer, "manage teams");
      return c.json(await createTeam(db, actorOf(viewer), body), 201);
    },
  );
  apiRoute(
    app,
    {
      method: "patch",
      path: "/api/teams/:id",
      summary: "Change a team's name, description, business hours or assignment strategy",
      tag: "teams",
      params: IdParams,
      body: TeamPatch,
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      requireTriageEditor(viewer, "manage teams");
      return c.json(await updateTeam(db, actorOf(viewer), params.id, body));
    },
  );
  apiRoute(
    app,
    {
      method: "delete",
      path: "/api/teams/:id",
      summary:
        "Delete a team with its routing rules and SLA policies (refused while other rules point at it)",
      tag: "teams",
      params: IdParams,
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      requireTriageEditor(viewer, "manage teams");
      await deleteTeam(db, actorOf(viewer), params.id);
      return c.body(null, 204);
    },
  );
  apiRoute(
    app,
    {
      method: "put",
      path: "/api/teams/:id/members",
      summary: "Replace a team's members",
      tag: "teams",
      params: IdParams,
      body: z.object({ userIds: z.array(z.uuid()).max(1000) }),
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      requireTriageEditor(viewer, "manage teams");
      return c.json(await setTeamMembers(db, actorOf(viewer), params.id, body.userIds));
    },
  );
}
