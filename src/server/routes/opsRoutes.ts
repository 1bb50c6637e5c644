import { sql } from "drizzle-orm";
import { type Env, Hono } from "hono";
import { sentimentProvider } from "../../listening/sentiment/activeProvider.ts";
import { databaseReady, metricsHandler } from "../../observability/metricsEndpoint.ts";
import type { Database } from "../../store/database.ts";

export interface MetricsAccess {
  token: string | undefined;
  /** Whether a scraper must hold the token even when none is configured (then nobody is served). */
  tokenRequired: boolean;
}

/** Health and metrics for operators: liveness, readiness, the summary `/healthz`, and Prometheus' `/metrics`. */
export function opsRoutes<E extends Env>(app: Hono<E>, database: Database, access: MetricsAccess): void {
  const metrics = metricsHandler(database.db, access.token, access.tokenRequired);
  app.get("/livez", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) =>
    (await databaseReady(database.db))
      ? c.json({ status: "ready" })
      : c.json({ status: "unavailable", reason: "database not answering" }, 503),
  );
  app.get("/healthz", async (c) => {
    await database.db.execute(sql`SELECT 1`);
    return c.json({ status: "ok", database: database.kind, sentiment: sentimentProvider().name });
  });
  app.get("/metrics", (c) => metrics(c));
}

/** The probes and `/metrics` alone, on PARLEY_METRICS_PORT: for scrapers inside the deployment, and workers. */
export function opsApp(database: Database, metricsToken: string | undefined): Hono {
  const app = new Hono();
  opsRoutes(app, database, { token: metricsToken, tokenRequired: false });
  return app;
}
