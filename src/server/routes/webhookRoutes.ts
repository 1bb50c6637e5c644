import type { Context, Hono } from "hono";
import { receiveWebhook } from "../../ingest/webhookReceiver.ts";
import { ChannelCache } from "../../store/channelCache.ts";
import type { Db } from "../../store/database.ts";
import type { SecretBox } from "../../store/secretBox.ts";
import type { AppEnv } from "../apiRoute.ts";

export function webhookRoutes(app: Hono<AppEnv>, db: Db, box: SecretBox): void {
  const channels = new ChannelCache(db, box);
  const handle = async (c: Context<AppEnv>) => {
    // The body's size is limited before this runs (bodyLimits.ts). Signatures cover the exact bytes, so the
    // bytes go along with their UTF-8 reading.
    const rawBytes = c.req.method === "GET" ? new Uint8Array() : new Uint8Array(await c.req.arrayBuffer());
    const rawBody = new TextDecoder().decode(rawBytes);
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    const answer = await receiveWebhook(db, channels, c.req.param("platform")!, c.req.param("channelId")!, {
      method: c.req.method,
      headers,
      query: c.req.query(),
      rawBody,
      rawBytes,
    });
    return c.body(answer.body, answer.status as 200, {
      "content-type": `${answer.contentType}; charset=utf-8`,
    });
  };
  app.post("/webhooks/:platform/:channelId", handle);
  app.get("/webhooks/:platform/:channelId", handle);
}
