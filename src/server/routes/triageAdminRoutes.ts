import type { Hono } from "hono";
import type { Db } from "../../store/database.ts";
import type { AppEnv } from "../apiRoute.ts";
import { agentRoutes } from "./agentRoutes.ts";
import { automationRoutes } from "./automationRoutes.ts";
import { categoryRoutes } from "./categoryRoutes.ts";
import { routingRuleRoutes } from "./routingRuleRoutes.ts";
import { slaPolicyRoutes } from "./slaPolicyRoutes.ts";
import { teamRoutes } from "./teamRoutes.ts";
import { triageSettingsRoutes } from "./triageSettingsRoutes.ts";

/** Everything an admin configures about how conversations are sorted, assigned, timed and automated. */
export function triageAdminRoutes(app: Hono<AppEnv>, db: Db): void {
  teamRoutes(app, db);
  agentRoutes(app, db);
  categoryRoutes(app, db);
  routingRuleRoutes(app, db);
  slaPolicyRoutes(app, db);
  automationRoutes(app, db);
  triageSettingsRoutes(app, db);
}
