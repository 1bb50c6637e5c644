import { enrichProfiles } from "../ingest/profileEnricher.ts";
import { processRawEventBatch } from "../ingest/rawEventProcessor.ts";
import type { Logger } from "../logger.ts";
import { deliverDueOutboxItems, recoverExpiredLeases } from "../outbox/outboxDeliverer.ts";
import type { Database } from "../store/database.ts";
import { WORK_CHANNEL } from "../store/notify.ts";
import type { SecretBox } from "../store/secretBox.ts";
import { ChannelPollers } from "./channelPoller.ts";
import { WorkLoop } from "./workLoop.ts";

export interface WorkerOptions {
  /** How long a claimed outbox item stays owned by this worker; see outboxDeliverer. */
  outboxLeaseSeconds?: number | undefined;
  idleMs?: number | undefined;
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/** The background roles: ingest processing, outbox delivery, crash recovery and channel polling. */
export async function startWorker(
  database: Database,
  box: SecretBox,
  log: Logger,
  options: WorkerOptions = {},
): Promise<RunningWorker> {
  const { db } = database;
  const idleMs = options.idleMs ?? 1000;
  const onError = (name: string) => (err: unknown) => log.error({ err: String(err) }, `${name} loop failed`);
  const ingest = new WorkLoop("ingest", () => processRawEventBatch(db, box, log), idleMs, onError("ingest"));
  const delivery = new WorkLoop(
    "outbox",
    () => deliverDueOutboxItems(db, box, log, options.outboxLeaseSeconds),
    idleMs,
    onError("outbox"),
  );
  const recovery = new WorkLoop(
    "recovery",
    async () => {
      const recovered = await recoverExpiredLeases(db);
      if (recovered > 0) {
        log.warn({ recovered }, "recovered interrupted deliveries");
        delivery.wake();
      }
      return 0;
    },
    5_000,
    onError("recovery"),
  );
  const profiles = new WorkLoop("profiles", () => enrichProfiles(db, box), 2_000, onError("profiles"));
  const pollers = new ChannelPollers(db, box, log);

  const unlisten = await database.listen(WORK_CHANNEL, (queue) => {
    if (queue === "ingest") ingest.wake();
    else if (queue === "outbox") delivery.wake();
  });
  for (const loop of [ingest, delivery, recovery, profiles]) loop.start();
  pollers.start();
  log.info({}, "worker started");

  return {
    async stop() {
      await pollers.stop();
      await Promise.all([ingest.stop(), delivery.stop(), recovery.stop(), profiles.stop()]);
      await unlisten();
    },
  };
}
