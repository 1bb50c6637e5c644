import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSimulator } from "../../src/simulator/simulatorServer.ts";
import { createRandom, type Random, randomSeed } from "../../src/simulator/traffic/random.ts";
import { ApiClient } from "../support/apiClient.ts";
import type { ParleyProcess } from "../support/parleyProcess.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, freePort, waitFor } from "../support/testParley.ts";
import { CampaignFleet } from "./campaignFleet.ts";
import { type CampaignPlatform, CampaignPlatforms } from "./campaignPlatforms.ts";
import { type CampaignReply, CampaignTraffic, type InboxSnapshot, sleep } from "./campaignTraffic.ts";
import { judgeCampaign } from "./campaignVerdict.ts";

export interface CrashCampaignOptions {
  /** A PostgreSQL database of the campaign's own (server and worker processes); undefined: PGlite. */
  databaseUrl: string | undefined;
  kills: number;
  /** Customer messages delivered as signed webhooks. */
  events: number;
  /** Agent replies written through the API. */
  replies: number;
  /** Worker processes beside the server on PostgreSQL (default 2, so SKIP LOCKED is exercised too). */
  workers?: number | undefined;
  seed?: number | undefined;
  /** How long a worker owns a send (PARLEY_OUTBOX_LEASE_SECONDS); short so recovery comes soon. */
  leaseSeconds?: number | undefined;
  /** Added by the fake platforms to every API call, so that sends are in flight when a worker dies. */
  platformLatencyMs?: number | undefined;
  /** How long to wait, after the last crash, for everything to be stored and every reply to settle. */
  settleTimeoutMs?: number | undefined;
  progress?: ((message: string) => void) | undefined;
}

export interface CrashCampaignReport {
  database: "postgres" | "pglite";
  processes: string;
  seed: number;
  seconds: number;
  kills: { server: number; worker: number; combined: number };
  webhooks: { events: number; deliveries: number; redelivered: number; resentAfterAcknowledgement: number };
  replies: {
    written: number;
    requests: number;
    unanswered: number;
    delivered: number;
    uncertainNeverReceived: number;
    failed: number;
  };
  /** Acknowledged customer messages missing from the inbox, plus accepted replies that never reached anyone. */
  lost: number;
  duplicated: number;
  stranded: number;
  uncertain: number;
  /** Answers of 500 or more, to webhooks and to API calls. */
  fiveXx: number;
  problems: string[];
}

interface Conversation {
  id: string;
  channel: { platform: CampaignPlatform };
}

const CUSTOMERS_PER_PLATFORM = 8;
const CONCURRENT_WEBHOOKS = 4;
/** Share of acknowledged messages the platform sends again anyway, as when our answer was lost on the way. */
const RESEND_SHARE = 0.02;

/**
 * The crash campaign of the fault-injection suite: signed webhooks and agent replies flow while Parley's
 * processes are SIGKILLed at random moments and restarted; then every platform retry is played out, agents
 * check the replies whose request got no answer, and the inbox is compared with what the platforms received.
 * Used by the integration test (short form) and by `npm run soak:crash` (long form).
 */
export async function runCrashCampaign(options: CrashCampaignOptions): Promise<CrashCampaignReport> {
  const startedAt = Date.now();
  const random = createRandom(options.seed ?? randomSeed());
  const progress = options.progress ?? (() => {});
  const run = random.seed.toString(36);
  const sim = await startSimulator({ port: 0 });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-crash-campaign-"));
  const port = await freePort();
  const fleet = new CampaignFleet({
    databaseUrl: options.databaseUrl,
    dataDir,
    port,
    workers: options.workers ?? 2,
    leaseSeconds: options.leaseSeconds ?? 2,
  });
  try {
    progress(`seed ${random.seed}: starting ${fleet.description}`);
    await fleet.start();
    const api = await ApiClient.login(`http://127.0.0.1:${port}`, ADMIN_EMAIL, ADMIN_PASSWORD);
    const platforms = new CampaignPlatforms(sim, run);
    await platforms.connect(api, CUSTOMERS_PER_PLATFORM);
    await platforms.greet();
    const conversations = await waitFor(
      async () => {
        const items = (await api.get("/api/conversations?limit=100")).body.items as Conversation[];
        return items.length >= platforms.customers.length ? items : null;
      },
      60_000,
      "a conversation per customer",
    );
    const latencyMs = options.platformLatencyMs ?? 150;
    sim.state.latencyMs = latencyMs;
    const replies = Array.from({ length: options.replies }, (_, index): CampaignReply => {
      const conversation = random.pick(conversations);
      const { platform } = conversation.channel;
      return {
        index,
        text: `fault ${run} reply ${index}`,
        conversationId: conversation.id,
        platform,
        state: "new",
      };
    });
    const events = Array.from({ length: options.events }, (_, i) => platforms.event(i, random));
    const traffic = new CampaignTraffic(api, events, replies);

    const victims = fleet.plan(options.kills, random);
    const phases = options.kills + 1;
    for (let phase = 0; phase < phases; phase++) {
      const share = (total: number, k: number) => Math.floor((total * k) / phases);
      await runPhase({
        traffic,
        fleet,
        random,
        events: [share(options.events, phase), share(options.events, phase + 1)],
        replies: [share(options.replies, phase), share(options.replies, phase + 1)],
        victim: victims[phase],
        latencyMs,
        progress: (message) => progress(`phase ${phase + 1}/${phases}: ${message}`),
      });
    }

    progress("all crashes done: waiting for the inbox and the outbox to settle");
    const conversationIds = conversations.map((c) => c.id);
    const inbox = await settle(traffic, conversationIds, run, options.settleTimeoutMs ?? 120_000);
    const verdict = judgeCampaign({
      acknowledgedEvents: events.filter((e) => traffic.acknowledged.has(e.index)).map((e) => e.text),
      replies: replies.map((r) => ({ text: r.text, platform: r.platform, accepted: r.state === "accepted" })),
      storedEvents: inbox.storedEvents,
      storedReplies: inbox.storedReplies,
      receivedReplies: platforms.receivedTexts(),
      inFlightAllowance: fleet.kills.worker + fleet.kills.combined,
    });
    for (const index of traffic.undelivered)
      traffic.problem(`never acknowledged despite retries: "${events[index]!.text}"`);
    for (const exit of fleet.unexpectedExits)
      traffic.problem(`${exit} although the campaign did not kill it`);
    const { tally } = traffic;
    return {
      database: options.databaseUrl ? "postgres" : "pglite",
      processes: fleet.description,
      seed: random.seed,
      seconds: Math.round((Date.now() - startedAt) / 1000),
      kills: { ...fleet.kills },
      webhooks: {
        events: events.length,
        deliveries: tally.deliveries,
        redelivered: tally.redelivered,
        resentAfterAcknowledgement: tally.resent,
      },
      replies: {
        written: replies.length,
        requests: tally.requests,
        unanswered: tally.unanswered,
        delivered: verdict.delivered,
        uncertainNeverReceived: verdict.uncertainNeverReceived,
        failed: verdict.failed,
      },
      lost: verdict.lost + traffic.undelivered.size,
      duplicated: verdict.duplicated,
      stranded: verdict.stranded,
      uncertain: verdict.uncertain,
      fiveXx: tally.fiveXx,
      problems: [...traffic.problems, ...verdict.problems],
    };
  } finally {
    await fleet.stop();
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Phase {
  traffic: CampaignTraffic;
  fleet: CampaignFleet;
  random: Random;
  /** The customer messages [first, end) and replies [first, end) of this phase. */
  events: [number, number];
  replies: [number, number];
  /** The process this phase kills; none in the last phase. */
  victim: ParleyProcess | undefined;
  latencyMs: number;
  progress: (message: string) => void;
}

/**
 * One stretch of traffic with one crash in it. Agents answer in a burst, so a worker has several replies to
 * send when it may die; the crash comes at a random moment of the time it takes to write and deliver them.
 * Customers keep writing all along, their messages spread over half as long again, so the crash lands in the
 * middle of them. Afterwards the platforms and the agents catch up on what got no answer.
 */
async function runPhase(phase: Phase): Promise<void> {
  const { traffic, random, victim } = phase;
  const [first, end] = phase.events;
  const length = end - first;
  const burstReplies = traffic.replies.slice(...phase.replies);
  const burstAt = first + random.int(0, Math.floor(length * 0.25));
  const crashWindowMs = 300 + burstReplies.length * phase.latencyMs;
  const meanGapMs = Math.max(5, (crashWindowMs * 1.5) / Math.max(length, 1));
  let crash: Promise<void> = Promise.resolve();
  let burst: Promise<unknown> = Promise.resolve();
  const startBurst = () => {
    burst = Promise.all(burstReplies.map((reply) => traffic.postReply(reply)));
    if (!victim) return;
    crash = sleep(random.int(0, crashWindowMs)).then(async () => {
      const killedAt = Date.now();
      phase.progress(`killing the ${victim.label} process`);
      await phase.fleet.crash(victim);
      phase.progress(
        `the ${victim.label} process is back after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`,
      );
    });
  };
  const inFlight = new Set<Promise<void>>();
  for (let i = first; i < end; i++) {
    if (i === burstAt) startBurst();
    const delivery = traffic.deliverEvent(traffic.events[i]!).finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
    if (inFlight.size >= CONCURRENT_WEBHOOKS) await Promise.race(inFlight);
    await sleep(random.exponential(meanGapMs));
  }
  if (length === 0) startBurst();
  await Promise.all([...inFlight, burst, crash]);
  const acknowledgedHere = [...traffic.acknowledged].filter((i) => i >= first && i < end);
  await traffic.resendSome(acknowledgedHere.filter(() => random.chance(RESEND_SHARE)));
  await traffic.catchUp(phase.replies[1], () => phase.fleet.ensureRunning());
}

/** Waits until every message is in the inbox and every reply has an outcome, or the time is up. */
async function settle(
  traffic: CampaignTraffic,
  conversationIds: string[],
  run: string,
  timeoutMs: number,
): Promise<InboxSnapshot> {
  const hasOutcome = (status: string | undefined) =>
    status !== undefined && ["delivered", "read", "uncertain", "failed"].includes(status);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const inbox = await traffic.inbox(conversationIds, run);
    const everyEvent = traffic.events.every((e) => inbox.storedEvents.has(e.text));
    const everyReply = traffic.replies.every((r) => hasOutcome(inbox.storedReplies.get(r.text)?.status));
    if ((everyEvent && everyReply) || Date.now() > deadline) return inbox;
    await sleep(500);
  }
}
