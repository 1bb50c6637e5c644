import type { Hono } from "hono";
import { z } from "zod";
import { AgentPatch, AVAILABILITIES, setAvailability, updateAgent } from "../../commands/agentEditor.ts";
import type { Db } from "../../store/database.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { actorOf, requireTriageEditor } from "./triageAccess.ts";

export function agentRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "patch",
      path: "/api/users/:id",
      summary:
        "Change a member's capacity (0–200 open conversations) or availability (supervisors and admins)",
      tag: "users",
      params: z.object({ id: z.uuid() }),
      body: AgentPatch,
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      requireTriageEditor(viewer, "change other people's capacity and availability");
      return c.json(await updateAgent(db, actorOf(viewer), params.id, body));
    },
  );
  apiRoute(
    app,
    {
      method: "put",
      path: "/api/me/availability",
      summary: "Set your own availability: online agents get new conversations, away and offline do not",
      tag: "users",
      body: z.object({ availability: z.enum(AVAILABILITIES) }),
      response: { status: 200 },
    },
    async ({ body, viewer }, c) => {
      await setAvailability(db, actorOf(viewer), body.availability, true);
      return c.json({ availability: body.availability });
    },
  );
}
