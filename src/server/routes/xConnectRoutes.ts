import type { Hono } from "hono";
import { z } from "zod";
import { finishXConnect, startXConnect } from "../../commands/xAccountConnector.ts";
import { canManageChannels } from "../../domain/roles.ts";
import type { Db } from "../../store/database.ts";
import type { SecretBox } from "../../store/secretBox.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { forbidden, HttpError } from "../httpError.ts";

/**
 * Settings → Channels → "Connect X account": OAuth 2.0 with PKCE. The admin's browser goes to X's consent page
 * and comes back to /oauth/x/callback, which trades the code for tokens (sealed on the channel).
 */
export function xConnectRoutes(app: Hono<AppEnv>, db: Db, box: SecretBox, publicUrl: string): void {
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/channels/:id/x/authorize",
      summary: "Start connecting an X account: the consent URL to open",
      tag: "channels",
      params: z.object({ id: z.uuid() }),
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      if (!canManageChannels(viewer)) throw forbidden("Only admins connect channels");
      return c.json({ authorizeUrl: await startXConnect(db, box, publicUrl, viewer.workspaceId, params.id) });
    },
  );

  // The browser lands here from X: no API session check is needed, the sealed state is the proof.
  app.get("/oauth/x/callback", async (c) => {
    const code = c.req.query("code");
    const state = c.req.query("state");
    if (!code || !state) return c.text(c.req.query("error") ?? "The callback carries no code", 400);
    try {
      const { channelId } = await finishXConnect(db, box, publicUrl, code, state);
      return c.redirect(`/channels?connected=${encodeURIComponent(channelId)}`);
    } catch (err) {
      if (err instanceof HttpError) return c.text(err.message, err.status as 400);
      throw err;
    }
  });
}
