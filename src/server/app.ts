import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { DEFAULT_ATTACHMENT_MAX_BYTES } from "../attachments/attachmentRelay.ts";
import type { Logger } from "../logger.ts";
import { parseAllowList } from "../net/addressPolicy.ts";
import { createMailSender, type MailSettings } from "../notifications/mailSender.ts";
import type { Database } from "../store/database.ts";
import type { SecretBox } from "../store/secretBox.ts";
import { type AppEnv, openApiDocument } from "./apiRoute.ts";
import { authenticate, SESSION_COOKIE, safeEqual } from "./auth/sessions.ts";
import { requestBodyLimits } from "./bodyLimits.ts";
import { clientAddress } from "./clientAddress.ts";
import { faqRoutes } from "./faqPage.ts";
import { errorBody, HttpError } from "./httpError.ts";
import { compressResponses, measureRequests } from "./httpMiddleware.ts";
import type { ChangeHub } from "./realtime.ts";
import { accountLinkRoutes } from "./routes/accountLinkRoutes.ts";
import { accountRoutes } from "./routes/accountRoutes.ts";
import { attachmentRoutes } from "./routes/attachmentRoutes.ts";
import { authRoutes } from "./routes/authRoutes.ts";
import { channelHealthRoutes, channelRoutes, inboundProblemRoutes } from "./routes/channelRoutes.ts";
import { contactRoutes } from "./routes/contactRoutes.ts";
import { conversationRoutes } from "./routes/conversationRoutes.ts";
import { eventRoutes } from "./routes/eventRoutes.ts";
import { inboxViewRoutes } from "./routes/inboxViewRoutes.ts";
import { listeningRoutes } from "./routes/listeningRoutes.ts";
import { opsRoutes } from "./routes/opsRoutes.ts";
import { playbookRoutes } from "./routes/playbookRoutes.ts";
import { preferenceRoutes } from "./routes/preferenceRoutes.ts";
import { reportRoutes } from "./routes/reportRoutes.ts";
import { securityRoutes } from "./routes/securityRoutes.ts";
import { sentimentRoutes } from "./routes/sentimentRoutes.ts";
import { surveyRoutes } from "./routes/surveyRoutes.ts";
import { teamMemberRoutes } from "./routes/teamMemberRoutes.ts";
import { triageAdminRoutes } from "./routes/triageAdminRoutes.ts";
import { triageInboxRoutes } from "./routes/triageInboxRoutes.ts";
import { userRoutes } from "./routes/userRoutes.ts";
import { webhookRoutes } from "./routes/webhookRoutes.ts";
import { xConnectRoutes } from "./routes/xConnectRoutes.ts";

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface AppDeps {
  database: Database;
  box: SecretBox;
  hub: ChangeHub;
  log: Logger;
  publicUrl: string;
  /** See Config.metricsToken. */
  metricsToken?: string | undefined;
  /** The built web app; tests point it at a directory of their own. */
  webDistDir?: string | undefined;
  /** SMTP for invitation and password reset e-mails; without it the admin is handed the link to pass on. */
  mail?: MailSettings | undefined;
  /** PARLEY_TRUSTED_PROXIES: peers whose X-Forwarded-For names the client. */
  trustedProxies?: string[] | undefined;
  /** PARLEY_ATTACHMENT_MAX_BYTES: the largest customer file relayed to the browser. */
  attachmentMaxBytes?: number | undefined;
}

export function createApp({
  database,
  box,
  hub,
  log,
  publicUrl,
  metricsToken,
  webDistDir = WEB_DIST,
  mail,
  trustedProxies,
  attachmentMaxBytes = DEFAULT_ATTACHMENT_MAX_BYTES,
}: AppDeps): Hono<AppEnv> {
  const { db } = database;
  const proxies = parseAllowList(trustedProxies ?? [], "PARLEY_TRUSTED_PROXIES");
  const app = new Hono<AppEnv>();
  app.use("*", measureRequests);
  app.use("*", compressResponses);

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
    // A response with a stricter policy of its own (a relayed customer file) keeps it.
    if (!c.res.headers.has("Content-Security-Policy"))
      c.header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      );
  });

  app.use("*", requestBodyLimits());

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

  opsRoutes(app, database, { token: metricsToken, tokenRequired: true });
  app.get("/api/openapi.json", (c) => c.json(openApiDocument()));

  authRoutes(app, db, publicUrl.startsWith("https://"));
  inboxViewRoutes(app, db);
  conversationRoutes(app, db);
  attachmentRoutes(app, db, box, { maxBytes: attachmentMaxBytes, log });
  contactRoutes(app, db);
  channelRoutes(app, db, box, publicUrl);
  xConnectRoutes(app, db, box, publicUrl);
  inboundProblemRoutes(app, db);
  channelHealthRoutes(app, db, publicUrl);
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
  eventRoutes(app, hub, db);
  webhookRoutes(app, db, box);
  const accountMail = { mailer: mail ? createMailSender(mail) : undefined, publicUrl, log };
  accountRoutes(app, db);
  preferenceRoutes(app, db);
  accountLinkRoutes(app, db, accountMail);
  teamMemberRoutes(app, db, accountMail);

  if (existsSync(webDistDir)) {
    const indexHtml = readFileSync(path.join(webDistDir, "index.html"), "utf8");
    app.use(
      "/assets/*",
      serveStatic({
        root: path.relative(process.cwd(), webDistDir),
        // The build writes .br and .gz beside each asset; the client's Accept-Encoding picks one.
        precompressed: true,
        onFound: (_path, c) => {
          // Asset names carry a hash of their content: a new build gets new names, so browsers keep these forever.
          c.header("Cache-Control", "public, max-age=31536000, immutable");
        },
      }),
    );
    app.get("*", (c) => {
      if (c.req.path.startsWith("/api/") || c.req.path.startsWith("/webhooks/"))
        throw new HttpError(404, "not_found", "Not found");
      // The page names the current assets, so it is checked on every load.
      c.header("Cache-Control", "no-cache");
      return c.html(indexHtml);
    });
  }
  return app;
}
