import type { Hono } from "hono";
import { z } from "zod";
import { DryRunInput, dryRunAutomationRule } from "../../commands/automationDryRun.ts";
import {
  createAutomationRule,
  deleteAutomationRule,
  listAutomationRules,
  listAutomationRuns,
  NewRuleInput,
  RulePatch,
  updateAutomationRule,
} from "../../commands/automationRuleEditor.ts";
import type { Db } from "../../store/database.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { actorOf, requireTriageEditor } from "./triageAccess.ts";

const IdParams = z.object({ id: z.uuid() });
const EDIT = "manage automation rules";

export function automationRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/automation-rules",
      summary: "Automation rules in order, with loop warnings and when each last ran",
      tag: "automation",
      response: { status: 200 },
    },
    async ({ viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json({ items: await listAutomationRules(db, viewer.workspaceId) });
    },
  );
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/automation-rules",
      summary:
        "Add a rule: event, conditions, actions. Saved disabled unless enabled is sent; an enabled rule that can trigger itself is refused",
      tag: "automation",
      body: NewRuleInput,
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json(await createAutomationRule(db, actorOf(viewer), body), 201);
    },
  );
  // Declared before /:id so "dry-run" is never taken for an id (it would not parse as one anyway).
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/automation-rules/dry-run",
      summary:
        "Try a rule (saved or not) on the most recent conversations: which match, what the actions would do, loop warnings. Changes nothing",
      tag: "automation",
      body: DryRunInput,
      response: { status: 200 },
    },
    async ({ body, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json(await dryRunAutomationRule(db, viewer.workspaceId, body));
    },
  );
  apiRoute(
    app,
    {
      method: "patch",
      path: "/api/automation-rules/:id",
      summary: "Change a rule; the rule after the change is validated as a whole",
      tag: "automation",
      params: IdParams,
      body: RulePatch,
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json(await updateAutomationRule(db, actorOf(viewer), params.id, body));
    },
  );
  apiRoute(
    app,
    {
      method: "delete",
      path: "/api/automation-rules/:id",
      summary: "Delete a rule and its run log",
      tag: "automation",
      params: IdParams,
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      await deleteAutomationRule(db, actorOf(viewer), params.id);
      return c.body(null, 204);
    },
  );
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/automation-rules/:id/runs",
      summary: "The rule's run log, newest first",
      tag: "automation",
      params: IdParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { status: 200 },
    },
    async ({ params, query, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json({ items: await listAutomationRuns(db, viewer.workspaceId, params.id, query.limit) });
    },
  );
}
