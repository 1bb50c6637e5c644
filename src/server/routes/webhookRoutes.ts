import type { Context, Hono } from "hono";
import { receiveWebhook } from "../../ingest/webhookReceiver.ts";
import { ChannelCache } from "../../store/channelCache.ts";
import type { Db } from "../../store/database.ts";
import type { SecretBox } from "../../store/secretBox.ts";
import type { AppEnv } from "../apiRoute.ts";

/** Platforms rarely send more; a larger body is refused before it is read into memory twice. */
const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

export function webhookRoutes(app: Hono<AppEnv>, db: Db, box: SecretBox): void {
  const channels = new ChannelCache(db, box);
  const handle = async (c: Context<AppEnv>) => {
    const length = Number(c.req.header("content-length") ?? 0);
    if (length > MAX_WEBHOOK_BYTES) {
      return c.json({ error: { code: "payload_too_large", message: "Webhook body too large" } }, 413);
    }
    const rawBody = c.req.method === "GET" ? "" : await c.req.text();
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    const answer = await receiveWebhook(db, channels, c.req.param("platform")!, c.req.param("channelId")!, {
      method: c.req.method,
      headers,
      query: c.req.query(),
      rawBody,
    });
    return c.body(answer.body, answer.status as 200, {
      "content-type": `${answer.contentType}; charset=utf-8`,
    });
  };
  app.post("/webhooks/:platform/:channelId", handle);
  app.get("/webhooks/:platform/:channelId", handle);
}
