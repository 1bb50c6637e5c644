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

const gzipOrDeflate = compress();

/** What Parley builds whole in memory (c.json, c.text, a webhook's answer); never a file or a stream. */
const BUILT_IN_MEMORY = /^(application\/json|text\/plain)\b/i;

/**
 * gzip or deflate as the client asks, for JSON, HTML and CSV; event streams and responses under 1 KB are
 * left alone (hono's own rules), and precompressed assets already carry their Content-Encoding. Hono's 1 KB
 * threshold reads Content-Length, which a body built from a string lacks: such bodies get their length first, or
 * every two-byte webhook acknowledgement would go through a compression stream (half a millisecond each).
 */
export const compressResponses: MiddlewareHandler = (c, next) =>
  gzipOrDeflate(c, async () => {
    await next();
    const res = c.res;
    const type = res.headers.get("Content-Type") ?? "";
    if (!res.body || res.headers.has("Content-Length") || res.headers.has("Content-Disposition")) return;
    if (!BUILT_IN_MEMORY.test(type)) return;
    const bytes = await res.arrayBuffer();
    c.res = new Response(bytes, res);
    c.res.headers.set("Content-Length", String(bytes.byteLength));
  });
