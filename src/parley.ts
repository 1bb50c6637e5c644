import { type BootstrapResult, ensureWorkspaceAndAdmin } from "./bootstrap.ts";
import { registerChangedWebhooks } from "./commands/webhookRegistrar.ts";
import type { Config } from "./config.ts";
import { activateConfiguredSentimentProvider } from "./listening/sentiment/configuredProvider.ts";
import type { Logger } from "./logger.ts";
import { activateOutboundPolicy } from "./net/outboundPolicy.ts";
import { createApp } from "./server/app.ts";
import { type Listening, listenHttp } from "./server/listen.ts";
import { ChangeHub } from "./server/realtime.ts";
import { opsApp } from "./server/routes/opsRoutes.ts";
import { type Database, openDatabase } from "./store/database.ts";
import { SecretBox } from "./store/secretBox.ts";
import { type RunningWorker, startWorker, type WorkerOptions } from "./worker/worker.ts";

export interface RunningParley {
  database: Database;
  box: SecretBox;
  bootstrap: BootstrapResult;
  /** Where the HTTP server listens, when the server role runs. */
  url: string | null;
  stop(): Promise<void>;
}

/**
 * Starts the roles this process was asked for on one database. Tests, benchmarks and `npm start` all go
 * through here, so what is tested is what runs.
 */
export async function startParley(
  config: Config,
  log: Logger,
  workerOptions: WorkerOptions = {},
): Promise<RunningParley> {
  // First, so a broken model directory stops the start before the database is touched.
  const restoreSentiment = await activateConfiguredSentimentProvider(config, log);
  // Before any channel or webhook is called; a typo in the list stops the start here.
  const restoreOutbound = activateOutboundPolicy(config.outboundAllowPrivate ?? []);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    preparedStatements: config.preparedStatements,
  });
  await database.migrate();
  const box = SecretBox.fromConfig(config.secretKey, config.dataDir);
  const bootstrap = await ensureWorkspaceAndAdmin(database.db, config.adminEmail, config.adminPassword);

  let server: Listening | null = null;
  let hub: ChangeHub | null = null;
  let url: string | null = null;
  let reregistering: Promise<unknown> = Promise.resolve();
  let opsServer: Listening | null = null;
  // A port already taken fails the start: what was opened is closed again, and the reason goes up.
  const undoStart = async () => {
    await reregistering;
    await server?.close();
    await hub?.stop();
    await database.close();
    restoreSentiment();
    restoreOutbound();
  };
  try {
    if (config.roles.has("server")) {
      hub = new ChangeHub(database);
      await hub.start();
      const app = createApp({
        database,
        box,
        hub,
        log,
        publicUrl: config.publicUrl,
        metricsToken: config.metricsToken,
        webDistDir: config.webDistDir,
        mail: config.smtpUrl ? { url: config.smtpUrl, from: config.mailFrom } : undefined,
        trustedProxies: config.trustedProxies,
        attachmentMaxBytes: config.attachmentMaxBytes,
      });
      server = await listenHttp(app.fetch, config.port, config.host);
      url = server.url;
      log.info({ url }, "server listening");
      // After listening: a platform checks the URL it is given by calling it (Viber's set_webhook).
      reregistering = registerChangedWebhooks(database.db, box, config.publicUrl, log).catch((err) =>
        log.warn({ err: String(err) }, "re-registering webhooks failed"),
      );
    }
    // Every process, a worker-only one included, can be scraped on a port kept inside the deployment.
    if (config.metricsPort) {
      opsServer = await listenHttp(
        opsApp(database, config.metricsToken).fetch,
        config.metricsPort,
        config.host,
      );
      log.info({ url: opsServer.url }, "metrics and probes listening");
    }
  } catch (err) {
    await undoStart();
    throw err;
  }
  let worker: RunningWorker | null = null;
  if (config.roles.has("worker"))
    worker = await startWorker(database, box, log, {
      outboxLeaseSeconds: config.outboxLeaseSeconds,
      mail: config.smtpUrl ? { url: config.smtpUrl, from: config.mailFrom } : undefined,
      publicUrl: config.publicUrl,
      ...workerOptions,
    });

  return {
    database,
    box,
    bootstrap,
    url,
    async stop() {
      await reregistering;
      await worker?.stop();
      await hub?.stop();
      await server?.close();
      await opsServer?.close();
      await database.close();
      restoreSentiment();
      restoreOutbound();
    },
  };
}
