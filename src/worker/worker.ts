import { randomUUID } from "node:crypto";
import { refreshStaleReportFacts } from "../analytics/factsRefresher.ts";
import { sendWeeklyDigests } from "../analytics/weeklyDigest.ts";
import { probePausedChannels } from "../channelHealth/channelProber.ts";
import { type ChannelHealthPolicy, DEFAULT_CHANNEL_HEALTH_POLICY } from "../domain/channelHealth.ts";
import { runDueFollowUps } from "../followups/followUpRunner.ts";
import { resolveStalePending } from "../followups/pendingResolver.ts";
import { enrichProfiles } from "../ingest/profileEnricher.ts";
import { processRawEventBatch } from "../ingest/rawEventProcessor.ts";
import { SlicePacing } from "../ingest/slicePacing.ts";
import { deliverAlertWebhooks } from "../listening/alertWebhooks.ts";
import { listenToNewMessages } from "../listening/listeningProcessor.ts";
import { detectSpikes } from "../listening/spikeDetector.ts";
import { TopicAnalyzers } from "../listening/topicAnalyzer.ts";
import type { Logger } from "../logger.ts";
import { createMailSender, type MailSettings } from "../notifications/mailSender.ts";
import { deliverOutboundWebhooks } from "../notifications/outboundWebhooks.ts";
import { deliverDueOutboxItems, recoverExpiredLeases } from "../outbox/outboxDeliverer.ts";
import { indexMessagesForSearch } from "../search/messageIndexer.ts";
import type { Database } from "../store/database.ts";
import { WORK_CHANNEL } from "../store/notify.ts";
import type { SecretBox } from "../store/secretBox.ts";
import { sendDueSurveys } from "../surveys/surveySender.ts";
import { drainWaitingQueues } from "../triage/queueDrainer.ts";
import { sweepSlaClocks } from "../triage/slaSweeper.ts";
import { TriageConfigs } from "../triage/triageConfig.ts";
import { triagePendingEvents } from "../triage/triageProcessor.ts";
import { ChannelPollers } from "./channelPoller.ts";
import { ChannelStreams, type StreamTimings } from "./channelStreams.ts";
import { pollDueFeeds } from "./feedPoller.ts";
import { deleteExpiredWork } from "./housekeeping.ts";
import { PGLITE_VACUUM_INTERVAL_MS, vacuumPglite } from "./pgliteVacuum.ts";
import { WorkLoop } from "./workLoop.ts";

export interface WorkerOptions {
  /** How long a claimed outbox item stays owned by this worker; see outboxDeliverer. */
  outboxLeaseSeconds?: number | undefined;
  idleMs?: number | undefined;
  /** How often bursts of mentions are looked for; tests shorten it. */
  spikeIntervalMs?: number | undefined;
  /** How often SLA clocks are checked for warnings and breaches. */
  slaSweepIntervalMs?: number | undefined;
  /** How often due surveys, check-ins and snoozes are looked for. */
  followUpIntervalMs?: number | undefined;
  /** How often pending cases are checked for N days of silence. */
  pendingSweepIntervalMs?: number | undefined;
  /** SMTP server for e-mail alerts; without it, e-mail alerts are reported as failed deliveries. */
  mail?: MailSettings | undefined;
  /** Links in alert e-mails point here. */
  publicUrl?: string | undefined;
  /** When a channel that keeps failing is paused, and for how long (src/domain/channelHealth.ts). */
  channelHealth?: Partial<ChannelHealthPolicy> | undefined;
  /** How often paused channels are looked at for a probe. */
  probeIntervalMs?: number | undefined;
  /** Platform streams' lease, rescan and keep-alive timings (src/worker/channelStreams.ts); tests shorten them. */
  streams?: Partial<StreamTimings> | undefined;
  /** How often channels are looked at for one to start polling; tests shorten it. */
  pollRescanMs?: number | undefined;
  /** How often RSS/Atom feeds are looked at for one that is due (each feed has its own interval). */
  feedCheckIntervalMs?: number | undefined;
  /** Off where a test drives the feed poller itself, to see each poll's requests. */
  pollFeeds?: boolean | undefined;
  /** On PGlite, how often its tables are vacuumed and analyzed (see pgliteVacuum.ts); tests shorten it. */
  vacuumIntervalMs?: number | undefined;
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/**
 * The background roles: ingest processing, outbox delivery, crash recovery, channel polling, and listening
 * (matching new messages against topics, bursts, alert webhooks).
 */
export async function startWorker(
  database: Database,
  box: SecretBox,
  log: Logger,
  options: WorkerOptions = {},
): Promise<RunningWorker> {
  // Background work yields to the server's requests where they share one database thread (PGlite).
  const db = database.background;
  const idleMs = options.idleMs ?? 1000;
  // PGlite serves webhooks and the worker on one thread: the worker's transactions are kept short there while
  // acknowledgements wait.
  const ingestPacing = database.foregroundActive ? new SlicePacing(10, database.foregroundActive) : undefined;
  const onError = (name: string) => (err: unknown) => log.error({ err: String(err) }, `${name} loop failed`);
  const health = { ...DEFAULT_CHANNEL_HEALTH_POLICY, ...options.channelHealth };
  const analyzers = new TopicAnalyzers();
  const listening = new WorkLoop(
    "listening",
    () => listenToNewMessages(db, analyzers),
    idleMs,
    onError("listening"),
  );
  const search = new WorkLoop("search", () => indexMessagesForSearch(db), idleMs, onError("search"));
  const ingest = new WorkLoop(
    "ingest",
    async () => {
      const processed = await processRawEventBatch(db, box, log, health, ingestPacing);
      // New messages are listened to as soon as they exist, not at the listening loop's next idle poll.
      if (processed > 0) {
        listening.wake();
        triage.wake();
      }
      return processed;
    },
    idleMs,
    onError("ingest"),
  );
  const delivery = new WorkLoop(
    "outbox",
    () => deliverDueOutboxItems(db, box, log, options.outboxLeaseSeconds, health),
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
  const profiles = new WorkLoop(
    "profiles",
    () => enrichProfiles(db, box, health),
    2_000,
    onError("profiles"),
  );
  const spikes = new WorkLoop(
    "spikes",
    async () => {
      await detectSpikes(db);
      // One pass per period: the detector looks at whole windows, not at single events.
      return 0;
    },
    options.spikeIntervalMs ?? 30_000,
    onError("spikes"),
  );
  const alertWebhooks = new WorkLoop(
    "alert webhooks",
    () => deliverAlertWebhooks(db),
    5_000,
    onError("alert webhooks"),
  );
  const configs = new TriageConfigs();
  const triagePacing = database.foregroundActive ? new SlicePacing(10, database.foregroundActive) : undefined;
  const triage = new WorkLoop(
    "triage",
    () => triagePendingEvents({ db, configs, log, pacing: triagePacing }),
    idleMs,
    onError("triage"),
  );
  const slaSweep = new WorkLoop(
    "sla",
    async () => {
      const announced = await sweepSlaClocks(db, configs, log);
      // Warnings and breaches become events that automation rules react to.
      if (announced > 0) triage.wake();
      return 0;
    },
    options.slaSweepIntervalMs ?? 1_000,
    onError("sla"),
  );
  const queues = new WorkLoop(
    "assignment queues",
    async () => {
      await drainWaitingQueues(db, configs);
      return 0;
    },
    5_000,
    onError("assignment queues"),
  );
  const mail = options.mail ? createMailSender(options.mail) : undefined;
  const webhooks = new WorkLoop(
    "webhooks",
    () => deliverOutboundWebhooks(db, { mail, publicUrl: options.publicUrl ?? "" }),
    5_000,
    onError("webhooks"),
  );
  const housekeeping = new WorkLoop(
    "housekeeping",
    async () => {
      await deleteExpiredWork(db);
      return 0;
    },
    3_600_000,
    onError("housekeeping"),
  );
  // PostgreSQL's autovacuum does this for a server; PGlite has none.
  const vacuum =
    database.kind === "pglite"
      ? new WorkLoop(
          "vacuum",
          async () => {
            await vacuumPglite(db);
            return 0;
          },
          options.vacuumIntervalMs ?? PGLITE_VACUUM_INTERVAL_MS,
          onError("vacuum"),
        )
      : null;
  // Report facts follow conversations a moment behind triage, in their own transactions.
  const reportBatch = database.kind === "pglite" ? 10 : undefined;
  const reports = new WorkLoop(
    "reports",
    () => refreshStaleReportFacts(db, reportBatch),
    idleMs,
    onError("reports"),
  );
  // Once a week per team lead; the loop only looks every ten minutes whether a week has ended.
  const digests = new WorkLoop(
    "weekly digests",
    async () => {
      if ((await sendWeeklyDigests(db)) > 0) webhooks.wake();
      return 0;
    },
    600_000,
    onError("weekly digests"),
  );
  let lastPendingSweep = 0;
  const followUps = new WorkLoop(
    "surveys and follow-ups",
    async () => {
      const sent = (await sendDueSurveys(db, log)) + (await runDueFollowUps(db, log));
      // Pending cases are counted in days: a look a minute is plenty.
      let resolved = 0;
      if (Date.now() - lastPendingSweep >= (options.pendingSweepIntervalMs ?? 60_000)) {
        lastPendingSweep = Date.now();
        resolved = await resolveStalePending(db);
      }
      if (sent > 0) delivery.wake();
      if (resolved > 0) triage.wake();
      // Due times are seconds to days away: one look per period, not a busy loop.
      return 0;
    },
    options.followUpIntervalMs ?? 5_000,
    onError("surveys and follow-ups"),
  );
  const pollers = new ChannelPollers(db, box, log, health, options.pollRescanMs);
  const streams = new ChannelStreams(db, box, log, health, options.streams);
  // Paused channels whose wait is over are asked once; an answer resumes them and wakes their replies.
  const probes = new WorkLoop(
    "channel probes",
    () => probePausedChannels(db, box, log, health),
    options.probeIntervalMs ?? 5_000,
    onError("channel probes"),
  );

  // Each worker process leases the feeds it polls, so several processes share the feeds without polling one twice.
  const feedOwner = `feeds-${randomUUID()}`;
  const feeds = new WorkLoop(
    "web feeds",
    () => pollDueFeeds(db, { owner: feedOwner, log }),
    options.feedCheckIntervalMs ?? 5_000,
    onError("web feeds"),
  );

  const unlisten = await database.listen(WORK_CHANNEL, (queue) => {
    if (queue === "ingest") ingest.wake();
    else if (queue === "outbox") delivery.wake();
    else if (queue === "triage") triage.wake();
    else if (queue === "queues") queues.wake();
    else if (queue === "webhooks") webhooks.wake();
    else if (queue === "feeds") feeds.wake();
  });
  const loops = [
    ingest,
    delivery,
    recovery,
    profiles,
    listening,
    search,
    spikes,
    alertWebhooks,
    triage,
    slaSweep,
    queues,
    webhooks,
    housekeeping,
    ...(vacuum ? [vacuum] : []),
    reports,
    digests,
    followUps,
    probes,
    ...(options.pollFeeds === false ? [] : [feeds]),
  ];
  for (const loop of loops) loop.start();
  pollers.start();
  streams.start();
  log.info({}, "worker started");

  return {
    async stop() {
      await pollers.stop();
      await streams.stop();
      await Promise.all(loops.map((loop) => loop.stop()));
      await unlisten();
      configs.close();
      mail?.close();
    },
  };
}
