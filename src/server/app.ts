import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { sentimentProvider } from "../listening/sentiment/activeProvider.ts";
import type { Logger } from "../logger.ts";
import { parseAllowList } from "../net/addressPolicy.ts";
import type { Database } from "../store/database.ts";
import type { SecretBox } from "../store/secretBox.ts";
import { type AppEnv, openApiDocument } from "./apiRoute.ts";
import { authenticate, SESSION_COOKIE, safeEqual } from "./auth/sessions.ts";
import { clientAddress } from "./clientAddress.ts";
import { faqRoutes } from "./faqPage.ts";
import { errorBody, HttpError } from "./httpError.ts";
import type { ChangeHub } from "./realtime.ts";
import { authRoutes } from "./routes/authRoutes.ts";
import { channelRoutes, inboundProblemRoutes } from "./routes/channelRoutes.ts";
import { contactRoutes } from "./routes/contactRoutes.ts";
import { conversationRoutes } from "./routes/conversationRoutes.ts";
import { eventRoutes } from "./routes/eventRoutes.ts";
import { inboxViewRoutes } from "./routes/inboxViewRoutes.ts";
import { listeningRoutes } from "./routes/listeningRoutes.ts";
import { playbookRoutes } from "./routes/playbookRoutes.ts";
import { reportRoutes } from "./routes/reportRoutes.ts";
import { securityRoutes } from "./routes/securityRoutes.ts";
import { sentimentRoutes } from "./routes/sentimentRoutes.ts";
import { surveyRoutes } from "./routes/surveyRoutes.ts";
import { triageAdminRoutes } from "./routes/triageAdminRoutes.ts";
import { triageInboxRoutes } from "./routes/triageInboxRoutes.ts";
import { userRoutes } from "./routes/userRoutes.ts";
import { webhookRoutes } from "./routes/webhookRoutes.ts";

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface AppDeps {
  database: Database;
  box: SecretBox;
  hub: ChangeHub;
  log: Logger;
  publicUrl: string;
  /** PARLEY_TRUSTED_PROXIES: peers whose X-Forwarded-For names the client. */
  trustedProxies?: string[] | undefined;
}

export function createApp({ database, box, hub, log, publicUrl, trustedProxies }: AppDeps): Hono<AppEnv> {
  const { db } = database;
  const proxies = parseAllowList(trustedProxies ?? [], "PARLEY_TRUSTED_PROXIES");
  const app = new Hono<AppEnv>();

  app.onError((err, c) => {
    if (err instanceof HttpError)
      return c.json(errorBody(err.code, err.message, err.details), err.status as 400);
    log.error(
      { err: String(err), stack: err instanceof Error ? err.stack : undefined, path: c.req.path },
      "request failed",
    );
    return c.json(errorBody("internal_error", "Something went wrong on our side"), 500);
  });
  app.notFound((c) => c.json(errorBody("not_found", `No route for ${c.req.method} ${c.req.path}`), 404));

  app.use("*", async (c, next) => {
    let ip = "unknown";
    try {
      ip = getConnInfo(c).remote.address ?? "unknown";
    } catch {
      // Requests made in-process (tests calling app.request) have no socket.
    }
    c.set("ip", clientAddress(ip, c.req.header("x-forwarded-for"), proxies));
    c.set("viewer", null);
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "same-origin");
    c.header("X-Frame-Options", "DENY");
    c.header(
      "Content-Security-Policy",
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
  });

  app.use("/api/*", async (c, next) => {
    const auth = await authenticate(db, getCookie(c, SESSION_COOKIE), c.req.header("authorization"));
    if (auth.kind !== "none") c.set("viewer", auth.viewer);
    // Cookies are sent by the browser on its own; a state change must prove it comes from our page.
    if (auth.kind === "session" && !SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header("x-csrf-token") ?? "";
      if (!safeEqual(sent, auth.csrfToken))
        throw new HttpError(403, "csrf_failed", "Missing or wrong X-CSRF-Token header");
    }
    await next();
  });

  app.get("/healthz", async (c) => {
    await db.execute(sql`SELECT 1`);
    return c.json({ status: "ok", database: database.kind, sentiment: sentimentProvider().name });
  });
  app.get("/api/openapi.json", (c) => c.json(openApiDocument()));

  authRoutes(app, db, publicUrl.startsWith("https://"));
  inboxViewRoutes(app, db);
  conversationRoutes(app, db);
  contactRoutes(app, db);
  channelRoutes(app, db, box, publicUrl);
  inboundProblemRoutes(app, db);
  userRoutes(app, db);
  triageAdminRoutes(app, db);
  triageInboxRoutes(app, db);
  listeningRoutes(app, db);
  playbookRoutes(app, db, publicUrl);
  sentimentRoutes(app, db);
  reportRoutes(app, db);
  surveyRoutes(app, db);
  securityRoutes(app, db);
  faqRoutes(app, db, publicUrl);
  eventRoutes(app, hub);
  webhookRoutes(app, db, box);

  if (existsSync(WEB_DIST)) {
    const indexHtml = readFileSync(path.join(WEB_DIST, "index.html"), "utf8");
    app.use("/assets/*", serveStatic({ root: path.relative(process.cwd(), WEB_DIST) }));
    app.get("*", (c) => {
      if (c.req.path.startsWith("/api/") || c.req.path.startsWith("/webhooks/"))
        throw new HttpError(404, "not_found", "Not found");
      return c.html(indexHtml);
    });
  }
  return app;
}
