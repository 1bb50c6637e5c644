import type { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { streamSSE } from "hono/streaming";
import type { Db } from "../../store/database.ts";
import type { AppEnv } from "../apiRoute.ts";
import { authenticate, SESSION_COOKIE } from "../auth/sessions.ts";
import { HttpError } from "../httpError.ts";
import type { ChangeHub } from "../realtime.ts";

const HEARTBEAT_MS = 20_000;

export function eventRoutes(app: Hono<AppEnv>, hub: ChangeHub, db: Db): void {
  app.get("/api/events", (c) => {
    const viewer = c.get("viewer");
    if (!viewer) throw new HttpError(401, "unauthenticated", "Sign in first");
    const cookie = getCookie(c, SESSION_COOKIE);
    const authorization = c.req.header("authorization");
    return streamSSE(c, async (stream) => {
      let id = 0;
      const unsubscribe = hub.subscribe(
        viewer,
        (notice) => {
          const { workspaceId: _ws, ...data } = notice;
          void stream.writeSSE({ event: "change", data: JSON.stringify(data), id: String(++id) });
        },
        {
          recheck: async () => {
            const auth = await authenticate(db, cookie, authorization);
            return auth.kind === "none" ? null : auth.viewer;
          },
          close: () => void stream.close(),
        },
      );
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
