import type { Hono } from "hono";
import { z } from "zod";
import {
  createSlaPolicy,
  deleteSlaPolicy,
  listSlaPolicies,
  SlaPolicyInput,
  SlaPolicyPatch,
  updateSlaPolicy,
} from "../../commands/slaPolicyEditor.ts";
import type { Db } from "../../store/database.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { actorOf, requireTriageEditor } from "./triageAccess.ts";

const IdParams = z.object({ id: z.uuid() });
const EDIT = "manage SLA policies";

export function slaPolicyRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/sla-policies",
      summary: "SLA policies: response-time targets per team and priority, with escalation",
      tag: "sla",
      response: { status: 200 },
    },
    async ({ viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json({ items: await listSlaPolicies(db, viewer.workspaceId) });
    },
  );
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/sla-policies",
      summary: "Add an SLA policy (targets in working seconds, warning at a share of the target)",
      tag: "sla",
      body: SlaPolicyInput,
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json(await createSlaPolicy(db, actorOf(viewer), body), 201);
    },
  );
  apiRoute(
    app,
    {
      method: "patch",
      path: "/api/sla-policies/:id",
      summary: "Change an SLA policy",
      tag: "sla",
      params: IdParams,
      body: SlaPolicyPatch,
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json(await updateSlaPolicy(db, actorOf(viewer), params.id, body));
    },
  );
  apiRoute(
    app,
    {
      method: "delete",
      path: "/api/sla-policies/:id",
      summary: "Delete an SLA policy",
      tag: "sla",
      params: IdParams,
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      await deleteSlaPolicy(db, actorOf(viewer), params.id);
      return c.body(null, 204);
    },
  );
}
