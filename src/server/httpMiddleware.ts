import type { MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { routePath } from "hono/route";
import { httpRequestDuration } from "../observability/processMetrics.ts";

/**
 * Times every request under its route pattern (`/api/conversations/:id`), never its concrete path, so the
 * number of series stays bounded however many conversations exist.
 */
export const measureRequests: MiddlewareHandler = async (c, next) => {
  const stop = httpRequestDuration.startTimer();
  try {
    await next();
  } finally {
    stop({ method: c.req.method, route: routePath(c, -1), status: String(c.res.status) });
  }
};

/**
 * gzip or deflate as the client asks, for JSON, HTML and CSV; event streams and responses under 1 KB are
 * left alone (hono's own rules), and precompressed assets already carry their Content-Encoding.
 */
export const compressResponses: MiddlewareHandler = compress();
