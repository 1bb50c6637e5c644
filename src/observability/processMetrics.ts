import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/**
 * What this process itself measures: HTTP latency, work done by each background loop, and Node's own
 * figures. One registry per process, because Prometheus scrapes processes and sums them itself; what lives in
 * the database (queue depths, lags) is read at scrape time by `queueMetrics` instead.
 */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: "parley_" });

export const httpRequestDuration = new Histogram({
  name: "parley_http_request_duration_seconds",
  help: "HTTP requests served, by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  // Webhook acknowledgements must stay under 50 ms; the buckets are dense below that.
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

export const workItemsProcessed = new Counter({
  name: "parley_work_items_processed_total",
  help: "Units of work done by each background loop (events ingested, replies sent, conversations triaged…)",
  labelNames: ["loop"] as const,
  registers: [processRegistry],
});

export const workLoopFailures = new Counter({
  name: "parley_work_loop_failures_total",
  help: "Background loop runs that failed and were retried after a pause",
  labelNames: ["loop"] as const,
  registers: [processRegistry],
});

export const workLoopRunDuration = new Histogram({
  name: "parley_work_loop_run_duration_seconds",
  help: "How long one run of a background loop took",
  labelNames: ["loop"] as const,
  buckets: [0.005, 0.025, 0.1, 0.25, 1, 2.5, 10, 30],
  registers: [processRegistry],
});
