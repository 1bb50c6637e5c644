import type { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { AppEnv } from "../apiRoute.ts";
import { HttpError } from "../httpError.ts";
import type { ChangeHub } from "../realtime.ts";

const HEARTBEAT_MS = 20_000;

export function eventRoutes(app: Hono<AppEnv>, hub: ChangeHub): void {
  app.get("/api/events", (c) => {
    const viewer = c.get("viewer");
    if (!viewer) throw new HttpError(401, "unauthenticated", "Sign in first");
    return streamSSE(c, async (stream) => {
      let id = 0;
      const unsubscribe = hub.subscribe(viewer, (notice) => {
        const { workspaceId: _ws, ...data } = notice;
        void stream.writeSSE({ event: "change", data: JSON.stringify(data), id: String(++id) });
      });
      stream.onAbort(unsubscribe);
      await stream.writeSSE({ event: "ready", data: "{}" });
      // Comments keep proxies from closing an idle stream.
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(HEARTBEAT_MS);
        await stream.write(": heartbeat\n\n");
      }
      unsubscribe();
    });
  });
}
