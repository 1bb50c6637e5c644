import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Config, Role } from "../../src/config.ts";
import { silentLogger } from "../../src/logger.ts";
import { type RunningParley, startParley } from "../../src/parley.ts";
import type { WorkerOptions } from "../../src/worker/worker.ts";
import { createTestDatabase, type DbTarget } from "./testDatabase.ts";

export const ADMIN_EMAIL = "admin@example.test";
export const ADMIN_PASSWORD = "correct-horse-battery";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface TestParley {
  parley: RunningParley;
  url: string;
  config: Config;
  log: ReturnType<typeof silentLogger>;
  stop(): Promise<void>;
}

export async function startTestParley(
  target: DbTarget,
  options: {
    roles?: Role[];
    workerOptions?: WorkerOptions;
    dataDir?: string;
    databaseUrl?: string;
    smtpUrl?: string;
    sentimentModelDir?: string;
    metricsToken?: string;
    metricsPort?: number;
    webDistDir?: string;
    /** A fixed port (a benchmark run beside other servers); a free one unless told. */
    port?: number;
    /** What outgoing requests may reach besides public addresses; loopback unless told otherwise. */
    outboundAllowPrivate?: string[];
    trustedProxies?: string[];
    attachmentMaxBytes?: number;
  } = {},
): Promise<TestParley> {
  const database = options.databaseUrl || options.dataDir ? null : await createTestDatabase(target);
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "parley-test-"));
  const log = silentLogger();
  // A free port can be taken by another test's server between freePort and the listen: then another one.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const config = testConfig(port, dataDir, options, database?.databaseUrl);
    try {
      const parley = await startParley(config, log, { idleMs: 200, ...options.workerOptions });
      return {
        parley,
        url: parley.url ?? "",
        config,
        log,
        async stop() {
          await parley.stop();
          await database?.drop();
          if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      const taken = (err as { code?: string }).code === "EADDRINUSE";
      if (!taken || options.port !== undefined || attempt >= 5) throw err;
    }
  }
}

function testConfig(
  port: number,
  dataDir: string,
  options: Parameters<typeof startTestParley>[1] & {},
  createdDatabaseUrl: string | undefined,
): Config {
  return {
    port,
    host: "127.0.0.1",
    publicUrl: `http://127.0.0.1:${port}`,
    dataDir,
    databaseUrl: options.databaseUrl ?? createdDatabaseUrl,
    secretKey: undefined,
    adminEmail: ADMIN_EMAIL,
    adminPassword: ADMIN_PASSWORD,
    demo: false,
    roles: new Set(options.roles ?? ["server", "worker"]),
    simulatorPort: 0,
    logLevel: "silent",
    outboxLeaseSeconds: 120,
    smtpUrl: options.smtpUrl,
    mailFrom: "Parley Test <parley@example.test>",
    sentimentModelDir: options.sentimentModelDir,
    sentimentThreads: options.sentimentModelDir ? 1 : undefined,
    metricsToken: options.metricsToken,
    metricsPort: options.metricsPort,
    webDistDir: options.webDistDir,
    // The fake platforms and webhook receivers of the tests listen on loopback.
    outboundAllowPrivate: options.outboundAllowPrivate ?? ["127.0.0.0/8", "::1/128"],
    trustedProxies: options.trustedProxies,
    attachmentMaxBytes: options.attachmentMaxBytes,
  };
}

/** Polls until `probe` returns something truthy; the tests' only way to wait for asynchronous work. */
export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}
