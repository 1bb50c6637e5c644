import type { Hono } from "hono";
import { z } from "zod";
import { loadPreferences, savePreferences } from "../../commands/preferencesSaver.ts";
import { THEMES } from "../../domain/userPreferences.ts";
import type { Db } from "../../store/database.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";

const Preferences = z.object({
  theme: z.enum(THEMES),
  alerts: z.object({ sound: z.boolean(), desktop: z.boolean() }),
});

/** Strict, so a misspelt field is refused by name instead of being dropped without a word. */
const PreferencesChange = z.strictObject({
  theme: z.enum(THEMES).optional(),
  alerts: z.strictObject({ sound: z.boolean().optional(), desktop: z.boolean().optional() }).optional(),
});

/** Each person's own theme and alert switches; nobody reads or writes anyone else's. */
export function preferenceRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/account/preferences",
      summary:
        "The signed-in person's preferences: theme (system, light, dark) and alert sound and desktop alerts",
      tag: "account",
      response: { status: 200, schema: Preferences },
    },
    async ({ viewer }, c) => c.json(await loadPreferences(db, viewer.userId)),
  );

  apiRoute(
    app,
    {
      method: "put",
      path: "/api/account/preferences",
      summary: "Save one's own preferences; fields left out keep their value. Answers with the whole set",
      tag: "account",
      body: PreferencesChange,
      response: { status: 200, schema: Preferences },
    },
    async ({ body, viewer }, c) => c.json(await savePreferences(db, viewer, body)),
  );
}
