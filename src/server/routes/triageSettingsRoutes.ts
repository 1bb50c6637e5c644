import type { Hono } from "hono";
import {
  getTriageSettings,
  TriageSettingsInput,
  updateTriageSettings,
} from "../../commands/triageSettingsEditor.ts";
import type { Db } from "../../store/database.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { actorOf, requireTriageEditor } from "./triageAccess.ts";

const EDIT = "manage triage settings";

export function triageSettingsRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/triage/settings",
      summary: "Priority, FAQ bot, community rules and alert settings, with the built-in defaults",
      tag: "triage",
      response: { status: 200 },
    },
    async ({ viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json(await getTriageSettings(db, viewer.workspaceId));
    },
  );
  apiRoute(
    app,
    {
      method: "put",
      path: "/api/triage/settings",
      summary: "Change triage settings; fields left out keep their value, null restores a built-in default",
      tag: "triage",
      body: TriageSettingsInput,
      response: { status: 200 },
    },
    async ({ body, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json(await updateTriageSettings(db, actorOf(viewer), body));
    },
  );
}
