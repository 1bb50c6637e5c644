import { isIP } from "node:net";
import path from "node:path";

export type Role = "server" | "worker" | "simulator";

export interface Config {
  port: number;
  host: string;
  /** Public base URL platforms use to reach this server's webhooks. */
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * Whether statements sent again and again become prepared statements on PostgreSQL (PARLEY_PG_PREPARED_STATEMENTS,
   * on unless "0"): off for a connection pooler that cannot keep them (PgBouncer before 1.21 in transaction mode).
   * Optional so that configs built in code need not name it.
   */
  preparedStatements?: boolean | undefined;
  secretKey: string | undefined;
  adminEmail: string;
  adminPassword: string | undefined;
  demo: boolean;
  roles: Set<Role>;
  simulatorPort: number;
  logLevel: string;
  /** Seconds a worker owns an outbox item it is sending; after a crash, recovery waits this long. */
  outboxLeaseSeconds: number;
  /** SMTP server for alert e-mails (smtp://user:password@host:587); unset, e-mail alerts are not sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /**
   * A Hugging Face sentiment model exported to ONNX (model.onnx, tokenizer.json, config.json); unset, the built-in
   * model judges sentiment. Optional so that configs built in code need not name it.
   */
  sentimentModelDir?: string | undefined;
  /** ONNX Runtime threads for that model; unset, ONNX Runtime uses every core. */
  sentimentThreads?: number | undefined;
  /** Bearer token a Prometheus scraper sends to `/metrics`; on the public port, no token means no scraping. */
  metricsToken?: string | undefined;
  /** A port, kept inside the deployment, on which any process (a worker too) serves `/metrics` and the probes. */
  metricsPort?: number | undefined;
  /** The built web app to serve; unset, web/dist. Set by tests only. */
  webDistDir?: string | undefined;
  /**
   * Private, loopback or link-local ranges (CIDR or single addresses) that outgoing requests (channel APIs,
   * webhooks) may reach; unset or empty, only public addresses. Optional so that configs built in code need not name it.
   */
  outboundAllowPrivate?: string[] | undefined;
  /** Load balancers whose X-Forwarded-For names the client (CIDR or addresses); unset, it is never read. */
  trustedProxies?: string[] | undefined;
  /** The largest customer file the server relays to the browser (PARLEY_ATTACHMENT_MAX_BYTES); unset, 25 MiB. */
  attachmentMaxBytes?: number | undefined;
}

/**
 * PARLEY_OUTBOUND_ALLOW_PRIVATE as a list. Unset in demo mode, the simulator's own addresses: loopback and
 * HOST when it is an address (0.0.0.0 too, which the simulator's URL then names).
 */
function outboundAllowPrivate(env: NodeJS.ProcessEnv, demo: boolean, host: string): string[] {
  const listed = env.PARLEY_OUTBOUND_ALLOW_PRIVATE;
  if (listed !== undefined)
    return listed
      .split(",")
      .map((entry) => entry.trim())
      .filter((e) => e !== "");
  if (!demo) return [];
  return ["127.0.0.0/8", "::1/128", ...(isIP(host) ? [host] : [])];
}

function positiveWholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new Error(`${name} must be a whole number of at least 1, got "${value}"`);
  return parsed;
}

/** Reads the environment once at start; everything else receives a Config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? "127.0.0.1";
  const roles = (env.PARLEY_ROLES ?? "server,worker")
    .split(",")
    .map((r) => r.trim())
    .filter((r): r is Role => r === "server" || r === "worker" || r === "simulator");
  const demo = env.PARLEY_DEMO !== "0";
  if (demo && !roles.includes("simulator")) roles.push("simulator");
  return {
    port,
    host,
    publicUrl: (env.PARLEY_PUBLIC_URL ?? `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`).replace(
      /\/+$/,
      "",
    ),
    dataDir: path.resolve(env.PARLEY_DATA_DIR ?? "./data"),
    databaseUrl: env.DATABASE_URL || undefined,
    preparedStatements: env.PARLEY_PG_PREPARED_STATEMENTS !== "0",
    secretKey: env.PARLEY_SECRET_KEY || undefined,
    adminEmail: env.PARLEY_ADMIN_EMAIL ?? "admin@parley.local",
    adminPassword: env.PARLEY_ADMIN_PASSWORD || undefined,
    demo,
    roles: new Set(roles),
    simulatorPort: Number(env.SIMULATOR_PORT ?? port + 1),
    logLevel: env.LOG_LEVEL ?? "info",
    outboxLeaseSeconds: Number(env.PARLEY_OUTBOX_LEASE_SECONDS ?? 120),
    smtpUrl: env.PARLEY_SMTP_URL || undefined,
    mailFrom: env.PARLEY_MAIL_FROM ?? "Parley <parley@localhost>",
    sentimentModelDir: env.PARLEY_SENTIMENT_MODEL_DIR
      ? path.resolve(env.PARLEY_SENTIMENT_MODEL_DIR)
      : undefined,
    sentimentThreads: positiveWholeNumber("PARLEY_SENTIMENT_THREADS", env.PARLEY_SENTIMENT_THREADS),
    metricsToken: env.PARLEY_METRICS_TOKEN || undefined,
    metricsPort: positiveWholeNumber("PARLEY_METRICS_PORT", env.PARLEY_METRICS_PORT),
    outboundAllowPrivate: outboundAllowPrivate(env, demo, host),
    trustedProxies: (env.PARLEY_TRUSTED_PROXIES ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ""),
    attachmentMaxBytes: positiveWholeNumber("PARLEY_ATTACHMENT_MAX_BYTES", env.PARLEY_ATTACHMENT_MAX_BYTES),
  };
}
