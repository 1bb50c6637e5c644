import { sql } from "drizzle-orm";
import { silentLogger } from "../../../src/logger.ts";
import type { RunningParley } from "../../../src/parley.ts";
import { createApp } from "../../../src/server/app.ts";
import { createApiToken, createSession, SESSION_COOKIE } from "../../../src/server/auth/sessions.ts";
import { ChangeHub } from "../../../src/server/realtime.ts";
import type { Db } from "../../../src/store/database.ts";
import type { ApiClient } from "../apiClient.ts";
import type { SimulatedParley } from "../simulatedParley.ts";
import { waitFor } from "../testParley.ts";
import { knock, openWebhookDoors, silenceSimulatorWebhooks, type WebhookDoor } from "../webhookDoors.ts";
import type { Caller, FuzzRoute, JsonSchema } from "./apiInputs.ts";

/** Everything the campaign knocks on and asks with, prepared on a running Parley and its simulator. */
export interface FuzzTarget {
  url: string;
  db: Db;
  doors: WebhookDoor[];
  /** Every route the app serves outside /webhooks, found in the app itself, so new routes are fuzzed too. */
  routes: FuzzRoute[];
  /** Ids Parley holds, for path parameters; refreshed as the campaign creates things. */
  pool: string[];
  refreshPool(): Promise<void>;
  /** Fresh sessions and tokens for each caller (a fuzzed sign-out or role change must not stop the campaign). */
  headersFor(): Promise<Record<Caller, Record<string, string>>>;
  /** Credentials of the doors' channels: no API answer may ever contain one. */
  secrets: string[];
}

interface RoleUser {
  id: string;
  workspaceId: string;
}

async function rows<T>(db: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

/** Lists the app's routes the way Hono registered them, joined with the OpenAPI document's schemas. */
function appRoutes(parley: RunningParley, openApi: OpenApiDocument): FuzzRoute[] {
  const app = createApp({
    database: parley.database,
    box: parley.box,
    hub: new ChangeHub(parley.database),
    log: silentLogger(),
    publicUrl: "http://127.0.0.1:9",
  });
  const seen = new Set<string>();
  const routes: FuzzRoute[] = [];
  for (const { method, path } of app.routes) {
    if (method === "ALL" || path.includes("*") || path.startsWith("/webhooks/")) continue;
    const key = `${method} ${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const operation = openApi.paths[path.replace(/:([A-Za-z]+)/g, "{$1}")]?.[method.toLowerCase()];
    const query: Record<string, JsonSchema> = {};
    for (const parameter of operation?.parameters ?? [])
      if (parameter.in === "query") query[parameter.name] = parameter.schema ?? {};
    routes.push({
      method,
      path,
      bodySchema: operation?.requestBody?.content?.["application/json"]?.schema,
      query,
      public: Array.isArray(operation?.security) && operation.security.length === 0,
    });
  }
  return routes;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; schema?: JsonSchema }[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        security?: unknown[];
      }
    >
  >;
}

async function createUser(api: ApiClient, role: string, teamId: string): Promise<string> {
  const created = await api.post("/api/users", {
    email: `fuzz-${role}-${Date.now()}@example.test`,
    name: `Fuzz ${role}`,
    role,
    password: `fuzz-${role}-password`,
    teamIds: [teamId],
  });
  if (created.status !== 201)
    throw new Error(`user not created: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id as string;
}

/**
 * Opens the doors, seeds the inbox with recorded payloads, adds a supervisor and an agent, and lists the
 * routes. The callers' own users and the doors' channels stay out of the id pool, so the campaign cannot disable
 * its own credentials; a spare user and a spare channel stand in for them.
 */
export async function prepareFuzzTarget(simulated: SimulatedParley): Promise<FuzzTarget> {
  const { app, sim, api } = simulated;
  const { db } = app.parley.database;
  const doors = await openWebhookDoors(api, sim);
  // Two recorded payloads per door seed the inbox; the campaign sends them all, mutated and not, later.
  for (const door of doors)
    for (const recorded of door.recorded.slice(0, 2)) {
      const answer = await knock(door, door.signed(recorded));
      if (answer.status >= 500) throw new Error(`seeding ${door.platform} answered ${answer.status}`);
    }
  // Enough of the inbox for the id pool; the rest (hydration retries and all) goes on during the campaign.
  await waitFor(
    async () => (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM conversations`))[0]!.n >= 3,
    30_000,
    "the recorded payloads to become conversations",
  );

  silenceSimulatorWebhooks(sim);
  const teamId = app.parley.bootstrap.teamId;
  const supervisorId = await createUser(api, "supervisor", teamId);
  const agentId = await createUser(api, "agent", teamId);
  await createUser(api, "agent", teamId); // the spare, for the pool
  const spareChannel = await api.post("/api/channels", {
    platform: "telegram",
    name: "Spare",
    settings: { botToken: "1:spare", webhookSecret: "spare-secret", mode: "webhook" },
    apiBaseUrl: "http://127.0.0.1:9",
  });
  if (spareChannel.status !== 201) throw new Error(`spare channel: ${spareChannel.status}`);

  const me = await api.get("/api/me");
  const adminId = me.body.user.id as string;
  const workspaceId = me.body.workspace.id as string;
  const own = new Set([adminId, supervisorId, agentId, ...doors.map((door) => door.channelId)]);
  const users: Record<"admin" | "supervisor" | "agent", RoleUser> = {
    admin: { id: adminId, workspaceId },
    supervisor: { id: supervisorId, workspaceId },
    agent: { id: agentId, workspaceId },
  };
  const agentToken = await createApiToken(db, users.agent, "fuzz");

  const openApi = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as OpenApiDocument;
  const target: FuzzTarget = {
    url: app.url,
    db,
    doors,
    routes: appRoutes(app.parley, openApi),
    pool: [],
    async refreshPool() {
      const tables = await rows<{ table_name: string }>(
        db,
        sql`SELECT table_name FROM information_schema.columns
            WHERE table_schema = 'public' AND column_name = 'id' AND data_type IN ('uuid', 'bigint', 'integer')
              AND table_name NOT IN ('sessions', 'api_tokens', 'workspaces')`,
      );
      const ids: string[] = [];
      for (const { table_name } of tables) {
        const found = await rows<{ id: string }>(
          db,
          sql`SELECT id::text AS id FROM ${sql.identifier(table_name)} ORDER BY id DESC LIMIT 4`,
        );
        ids.push(...found.map((row) => row.id).filter((id) => !own.has(id)));
      }
      target.pool = ids.length > 0 ? ids : ["00000000-0000-4000-8000-000000000000"];
    },
    async headersFor() {
      const session = async (user: RoleUser) => {
        const { token, csrfToken } = await createSession(db, user);
        return { cookie: `${SESSION_COOKIE}=${token}`, "x-csrf-token": csrfToken };
      };
      const admin = await session(users.admin);
      return {
        nobody: {},
        admin,
        admin_without_csrf: { cookie: admin.cookie },
        supervisor: await session(users.supervisor),
        agent: await session(users.agent),
        agent_token: { authorization: `Bearer ${agentToken}` },
        made_up_token: { authorization: "Bearer prly_made-up-token" },
      };
    },
    secrets: [
      "fuzz-meta-app-secret",
      "fuzz-telegram-secret",
      "fuzz-vk-secret",
      "770077:fuzz-bot-token",
      "fuzz-vk-token",
      "fuzz-page-token",
      "fuzz-ig-token",
      "fuzz-wa-token",
    ],
  };
  await target.refreshPool();
  return target;
}
