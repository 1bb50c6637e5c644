import type { Hono } from "hono";
import { z } from "zod";
import {
  createRoutingRule,
  deleteRoutingRule,
  listRoutingRules,
  RoutingRuleInput,
  RoutingRulePatch,
  reorderRoutingRules,
  updateRoutingRule,
} from "../../commands/routingRuleEditor.ts";
import type { Db } from "../../store/database.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { actorOf, requireTriageEditor } from "./triageAccess.ts";

const IdParams = z.object({ id: z.uuid() });
const EDIT = "manage routing rules";

export function routingRuleRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/routing-rules",
      summary:
        "Routing rules in order (the first enabled match wins), with warnings about rules that never apply",
      tag: "routing",
      response: { status: 200 },
    },
    async ({ viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json(await listRoutingRules(db, viewer.workspaceId));
    },
  );
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/routing-rules",
      summary: "Add a routing rule at the end of the list",
      tag: "routing",
      body: RoutingRuleInput,
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json(await createRoutingRule(db, actorOf(viewer), body), 201);
    },
  );
  // Declared before /:id: "order" is not an id.
  apiRoute(
    app,
    {
      method: "put",
      path: "/api/routing-rules/order",
      summary: "Put the routing rules in a new order (every id once)",
      tag: "routing",
      body: z.object({ ids: z.array(z.uuid()).max(1000) }),
      response: { status: 200 },
    },
    async ({ body, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json(await reorderRoutingRules(db, actorOf(viewer), body.ids));
    },
  );
  apiRoute(
    app,
    {
      method: "patch",
      path: "/api/routing-rules/:id",
      summary: "Change a routing rule",
      tag: "routing",
      params: IdParams,
      body: RoutingRulePatch,
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json(await updateRoutingRule(db, actorOf(viewer), params.id, body));
    },
  );
  apiRoute(
    app,
    {
      method: "delete",
      path: "/api/routing-rules/:id",
      summary: "Delete a routing rule",
      tag: "routing",
      params: IdParams,
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      await deleteRoutingRule(db, actorOf(viewer), params.id);
      return c.body(null, 204);
    },
  );
}
