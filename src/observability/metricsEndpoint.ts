import { sql } from "drizzle-orm";
import type { Context } from "hono";
import { Registry } from "prom-client";
import { safeEqual } from "../server/auth/sessions.ts";
import type { Db } from "../store/database.ts";
import { processRegistry } from "./processMetrics.ts";
import { QueueGauges } from "./queueMetrics.ts";

/** A database that takes longer than this to answer `SELECT 1` cannot serve requests either. */
const READY_TIMEOUT_MS = 2000;

/**
 * `/metrics` in Prometheus' text format. Queue figures say how busy a brand's support is. On the public port
 * (behind a reverse proxy every caller may look local) only a scraper holding PARLEY_METRICS_TOKEN is served;
 * on the separate PARLEY_METRICS_PORT, which operators keep off the internet, the token is asked for when set.
 */
export function metricsHandler(db: Db, token: string | undefined, tokenRequired: boolean) {
  const queues = new QueueGauges();
  return async (c: Context): Promise<Response> => {
    const allowed = token
      ? safeEqual(c.req.header("authorization") ?? "", `Bearer ${token}`)
      : !tokenRequired;
    if (!allowed)
      return c.json(
        {
          error: {
            code: "forbidden",
            message: "Scraping /metrics here needs PARLEY_METRICS_TOKEN; or scrape PARLEY_METRICS_PORT",
          },
        },
        403,
      );
    await queues.refresh(db);
    const merged = Registry.merge([processRegistry, queues.registry]);
    return c.body(await merged.metrics(), 200, { "content-type": merged.contentType });
  };
}

/**
 * Readiness: this process can serve because its database answers. A load balancer takes a process whose
 * database is gone out of rotation instead of letting it answer 500s; liveness (`/livez`) never touches the
 * database, so an orchestrator does not restart healthy processes during a database outage.
 */
export async function databaseReady(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([db.execute(sql`SELECT 1`).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
