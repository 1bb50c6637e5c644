import { and, eq } from "drizzle-orm";
import type { ChannelContext } from "../channels/channelAdapter.ts";
import { adapterFor } from "../channels/registry.ts";
import { createChannel, webhookUrlFor } from "../commands/channelCreator.ts";
import { registerChannelWebhook } from "../commands/webhookRegistrar.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { RunningParley } from "../parley.ts";
import { channelContext } from "../store/channelStore.ts";
import { channels } from "../store/schema.ts";
import { ensureDemoTeams } from "../triage/triageDefaults.ts";
import { startDemoAgentDesk } from "./demoAgentDesk.ts";
import { seedDemoAgents, setDemoAgentsAvailability } from "./demoAgents.ts";
import { connectDemoFeeds, DEMO_FEED_ITEMS, DEMO_FEEDS, seedDemoFeedServer } from "./demoFeeds.ts";
import { DEMO_MAILBOX, startDemoMail } from "./demoMail.ts";
import { seedDemoPlaybook } from "./demoPlaybook.ts";
import { seedDemoTopics } from "./demoTopics.ts";
import { tidyDemoWorkspace } from "./demoWorkspace.ts";
import { type RunningSimulator, startSimulator } from "./simulatorServer.ts";
import { createTrafficGenerator } from "./traffic/trafficGenerator.ts";

export const DEMO_TELEGRAM = {
  token: "100200300:demo-telegram-token",
  username: "nordmart_help_bot",
  firstName: "Nordmart Help",
};
export const DEMO_VK = {
  groupId: 222000111,
  accessToken: "demo-vk-community-token",
  confirmationCode: "d3m0c0de",
  name: "Nordmart",
};

export const DEMO_FACEBOOK = {
  appId: "1000000000001",
  pageId: "100000000000001",
  accessToken: "demo-facebook-page-token",
  name: "Nordmart",
};

export const DEMO_INSTAGRAM = {
  accountId: "17841400000000001",
  username: "nordmart",
  accessToken: "demo-instagram-token",
};
export const DEMO_WHATSAPP = {
  phoneNumberId: "106540352242922",
  businessAccountId: "102290129340398",
  displayPhoneNumber: "+371 2000 0000",
  accessToken: "demo-whatsapp-token",
};

export const DEMO_VIBER = {
  authToken: "4b7e0c1d9a2f3e58-nordmart0demo0viber-71c2a9e4d3b5f601",
  name: "Nordmart",
  uri: "nordmart",
  welcome:
    "Здравствуйте! Это Nordmart 👋 Напишите, чем помочь. · Sveiki! Rakstiet, kā varam palīdzēt. · Dzień dobry! Napisz, w czym pomóc. · Hello! Tell us how we can help.",
};

export const DEMO_X = {
  accountId: "1800000000000000001",
  username: "nordmart",
  name: "Nordmart",
  appId: "nordmart-demo-app",
  clientId: "nordmart-demo-client",
  userToken: "demo-x-user-token",
  bearerToken: "demo-x-app-bearer",
};

interface DemoChannel {
  platform: string;
  name: string;
  settings(workspaceId: string): Record<string, unknown>;
  /** Tells the simulator where this channel's webhooks go, once per start. */
  attach(simulator: RunningSimulator, context: ChannelContext, webhookUrl: string): Promise<void>;
}

const DEMO_CHANNELS: DemoChannel[] = [
  {
    platform: "telegram",
    name: "Demo Telegram",
    settings: (workspaceId) => ({
      botToken: DEMO_TELEGRAM.token,
      webhookSecret: `demo-${workspaceId.slice(0, 8)}`,
      mode: "webhook",
      botUsername: DEMO_TELEGRAM.username,
    }),
    attach: async (_simulator, context, webhookUrl) => {
      await adapterFor("telegram")!.connect?.(context, webhookUrl);
    },
  },
  {
    platform: "vk",
    name: "Demo VK",
    settings: (workspaceId) => ({
      groupId: DEMO_VK.groupId,
      accessToken: DEMO_VK.accessToken,
      secretKey: `demo-vk-${workspaceId.slice(0, 8)}`,
      confirmationCode: DEMO_VK.confirmationCode,
    }),
    attach: async (simulator, context, webhookUrl) => {
      simulator.vk.addCommunity({
        groupId: DEMO_VK.groupId,
        accessToken: DEMO_VK.accessToken,
        secretKey: String(context.settings.secretKey),
        confirmationCode: DEMO_VK.confirmationCode,
        callbackUrl: webhookUrl,
        name: DEMO_VK.name,
      });
      await simulator.vk.confirm(DEMO_VK.groupId);
    },
  },
  {
    platform: "facebook",
    name: "Demo Facebook",
    settings: (workspaceId) => ({
      appId: DEMO_FACEBOOK.appId,
      appSecret: `demo-meta-${workspaceId.slice(0, 8)}`,
      verifyToken: `demo-verify-${workspaceId.slice(0, 8)}`,
      accountId: DEMO_FACEBOOK.pageId,
      accessToken: DEMO_FACEBOOK.accessToken,
    }),
    attach: async (simulator, context, webhookUrl) => {
      simulator.facebook.addPage({
        pageId: DEMO_FACEBOOK.pageId,
        name: DEMO_FACEBOOK.name,
        accessToken: DEMO_FACEBOOK.accessToken,
        appSecret: String(context.settings.appSecret),
        webhookUrl,
      });
    },
  },
  {
    platform: "instagram",
    name: "Demo Instagram",
    settings: (workspaceId) => ({
      appId: DEMO_FACEBOOK.appId,
      appSecret: `demo-meta-${workspaceId.slice(0, 8)}`,
      verifyToken: `demo-verify-${workspaceId.slice(0, 8)}`,
      accountId: DEMO_INSTAGRAM.accountId,
      accessToken: DEMO_INSTAGRAM.accessToken,
    }),
    attach: async (simulator, context, webhookUrl) => {
      simulator.instagram.addAccount({
        accountId: DEMO_INSTAGRAM.accountId,
        username: DEMO_INSTAGRAM.username,
        accessToken: DEMO_INSTAGRAM.accessToken,
        appSecret: String(context.settings.appSecret),
        webhookUrl,
      });
    },
  },
  {
    platform: "whatsapp",
    name: "Demo WhatsApp",
    settings: (workspaceId) => ({
      appId: DEMO_FACEBOOK.appId,
      appSecret: `demo-meta-${workspaceId.slice(0, 8)}`,
      verifyToken: `demo-verify-${workspaceId.slice(0, 8)}`,
      accountId: DEMO_WHATSAPP.phoneNumberId,
      businessAccountId: DEMO_WHATSAPP.businessAccountId,
      accessToken: DEMO_WHATSAPP.accessToken,
    }),
    attach: async (simulator, context, webhookUrl) => {
      simulator.whatsapp.addNumber({
        phoneNumberId: DEMO_WHATSAPP.phoneNumberId,
        businessAccountId: DEMO_WHATSAPP.businessAccountId,
        displayPhoneNumber: DEMO_WHATSAPP.displayPhoneNumber,
        accessToken: DEMO_WHATSAPP.accessToken,
        appSecret: String(context.settings.appSecret),
        webhookUrl,
      });
    },
  },
  {
    platform: "viber",
    name: "Demo Viber",
    settings: () => ({
      authToken: DEMO_VIBER.authToken,
      senderName: DEMO_VIBER.name,
      welcomeMessage: DEMO_VIBER.welcome,
    }),
    // The bot is registered before the channel is made; set_webhook follows below (registerChannelWebhook).
    attach: async () => {},
  },
  {
    platform: "x",
    name: "Demo X",
    // Mentions through the filtered stream (the fake drops it now and then), DMs by polling.
    settings: () => ({
      accountId: DEMO_X.accountId,
      username: DEMO_X.username,
      mentions: "stream",
      directMessages: "polling",
      appId: DEMO_X.appId,
      backfillMinutes: 2,
      pollIntervalSeconds: 15,
      clientId: DEMO_X.clientId,
      accessToken: DEMO_X.userToken,
      bearerToken: DEMO_X.bearerToken,
    }),
    attach: async (simulator) => {
      if (!simulator.x.accounts().includes(DEMO_X.username)) {
        simulator.x.addAccount({
          accountId: DEMO_X.accountId,
          username: DEMO_X.username,
          name: DEMO_X.name,
          tokens: [DEMO_X.userToken, DEMO_X.bearerToken],
        });
        // Customers answer under the brand's latest post, or mention it on their own.
        simulator.x.brandPost(
          DEMO_X.username,
          "Ziemas kolekcija jau veikalos! · Зимняя коллекция уже в магазинах! ❄️",
        );
      }
    },
  },
  {
    platform: "email",
    name: "Demo e-mail",
    // Fed by demoMail.ts through the IMAP poller's reading path; no mail server is contacted.
    settings: () => ({
      address: DEMO_MAILBOX,
      fromName: "Nordmart support",
      imapHost: "imap.nordmart.example",
      imapUser: DEMO_MAILBOX,
      imapPassword: "demo-mailbox-password",
      smtpHost: "smtp.nordmart.example",
      mode: "demo",
    }),
    attach: async () => {},
  },
];

/**
 * Wires demo channels between Parley and the simulator. Channels are created once and found again on later
 * starts; the simulator keeps no state, so it is told each time where to deliver.
 */
export async function connectDemoChannels(
  parley: RunningParley,
  simulator: RunningSimulator,
  publicUrl: string,
): Promise<void> {
  const { db } = parley.database;
  const { workspaceId, teamId, adminId } = parley.bootstrap;
  simulator.telegram.addBot(DEMO_TELEGRAM);
  simulator.viber.addBot({ authToken: DEMO_VIBER.authToken, name: DEMO_VIBER.name, uri: DEMO_VIBER.uri });

  const existing = async (demo: DemoChannel) =>
    (
      await db
        .select()
        .from(channels)
        .where(
          and(
            eq(channels.workspaceId, workspaceId),
            eq(channels.platform, demo.platform),
            eq(channels.name, demo.name),
          ),
        )
    )[0];

  for (const demo of DEMO_CHANNELS) {
    if (!adapterFor(demo.platform)) continue;
    const fresh = !(await existing(demo));
    if (fresh)
      await createChannel(db, parley.box, publicUrl, {
        workspaceId,
        actorUserId: adminId,
        platform: demo.platform,
        name: demo.name,
        settings: demo.settings(workspaceId),
        apiBaseUrl: simulator.url,
        teamId,
      });
    const row = await existing(demo);
    if (!row) continue;
    // The simulator may run on another port than last time: point the channel at it and reconnect.
    await db
      .update(channels)
      .set({ apiBaseUrl: simulator.url, status: "active", statusReason: null })
      .where(eq(channels.id, row.id));
    row.apiBaseUrl = simulator.url;
    const adapter = adapterFor(row.platform)!;
    const context = channelContext(row, adapter, parley.box);
    await demo.attach(simulator, context, webhookUrlFor(publicUrl, row.platform, row.id));
    // A new channel was registered as it was made; the simulator of another start must be told again.
    if (adapter.reconnectsOnUrlChange && !fresh)
      await registerChannelWebhook(db, parley.box, publicUrl, row, adapter);
  }
}

/**
 * Everything the demo sets up before its customers write: channels wired to the simulator, listening topics,
 * teams with routing, the knowledge base and canned replies, the demo's colleagues, and a workspace that
 * explains itself (demoWorkspace.ts).
 */
export async function prepareDemoWorkspace(
  parley: RunningParley,
  simulator: RunningSimulator,
  publicUrl: string,
): Promise<void> {
  const { db } = parley.database;
  const { workspaceId, adminId } = parley.bootstrap;
  await connectDemoChannels(parley, simulator, publicUrl);
  await seedDemoTopics(parley);
  await ensureDemoTeams(db, workspaceId, [adminId]);
  await seedDemoPlaybook(db, workspaceId);
  const freshDemo = await seedDemoAgents(db, workspaceId);
  await tidyDemoWorkspace(db, parley.bootstrap, freshDemo);
  // Last: the feeds are read at once, and a review that becomes a ticket must find the admin out of assignment.
  seedDemoFeedServer(simulator.feeds);
  await connectDemoFeeds(parley, simulator.feeds, simulator.url, publicUrl, {
    create: Number(process.env.PARLEY_DEMO_TRAFFIC ?? 8) > 0,
  });
}

/** `npm start` in demo mode: simulator on SIMULATOR_PORT, demo channels, and a steady flow of customers. */
export async function startDemo(
  parley: RunningParley,
  config: Config,
  log: Logger,
): Promise<() => Promise<void>> {
  const simulator = await startSimulator({ port: config.simulatorPort, host: config.host, lively: true });
  await prepareDemoWorkspace(parley, simulator, config.publicUrl);
  const messagesPerMinute = Number(process.env.PARLEY_DEMO_TRAFFIC ?? 8);
  const traffic = createTrafficGenerator({
    fakes: simulator.fakes,
    messagesPerMinute: Math.max(messagesPerMinute, 0.001),
    burstEveryMinutes: 10,
  });
  let stopDesk: (() => Promise<void>) | null = null;
  let stopMail: (() => void) | null = null;
  if (messagesPerMinute > 0) {
    // The demo's colleagues come online to work their cases; without traffic they stay offline (nothing to do).
    await setDemoAgentsAvailability(parley.database.db, parley.bootstrap.workspaceId, "online");
    stopDesk = startDemoAgentDesk(parley.database.db, parley.bootstrap.workspaceId, log);
    // The first customers arrive at once so a newcomer sees traffic within seconds.
    for (let i = 0; i < 3; i++) await traffic.tick().catch(() => []);
    traffic.start();
    stopMail = startDemoMail(
      parley.database.db,
      parley.bootstrap.workspaceId,
      log,
      60_000 / Math.max(messagesPerMinute / 4, 0.1),
    );
  } else {
    await setDemoAgentsAvailability(parley.database.db, parley.bootstrap.workspaceId, "offline");
  }
  // Review sites and forums publish a new item now and then; the feed channels pick them up on their next poll.
  const feedSeconds = Number(process.env.PARLEY_DEMO_FEED_SECONDS ?? 45);
  const feedTimer =
    feedSeconds > 0
      ? setInterval(() => simulator.feeds.tick(DEMO_FEED_ITEMS), feedSeconds * 1000).unref()
      : null;
  log.info({ simulator: simulator.url }, "demo traffic started");
  console.log(
    `  Simulator (fake Telegram, VK, Meta Graph, Viber and X APIs) at ${simulator.url}; calls received: ${simulator.url}/_sim/calls`,
  );
  return async () => {
    if (feedTimer) clearInterval(feedTimer);
    await traffic.stop();
    stopMail?.();
    await stopDesk?.();
    await simulator.stop();
  };
}

/**
 * `npm run simulate`: the fake platform APIs and customer traffic alone. Point a Parley channel's apiBaseUrl at
 * it; Telegram bots learn their webhook from Parley's setWebhook, VK communities are registered with
 * POST /_sim/vk/communities (as an admin would fill in the community's Callback API settings).
 */
export async function runStandaloneSimulator(config: Config, log: Logger): Promise<void> {
  const simulator = await startSimulator({ port: config.simulatorPort, host: config.host, lively: true });
  simulator.telegram.addBot(DEMO_TELEGRAM);
  simulator.viber.addBot({ authToken: DEMO_VIBER.authToken, name: DEMO_VIBER.name, uri: DEMO_VIBER.uri });
  seedDemoFeedServer(simulator.feeds);
  const messagesPerMinute = Number(process.env.PARLEY_DEMO_TRAFFIC ?? 8);
  const traffic = createTrafficGenerator({
    fakes: simulator.fakes,
    messagesPerMinute: Math.max(messagesPerMinute, 0.001),
  });
  if (messagesPerMinute > 0) traffic.start();
  const feedTimer = setInterval(() => simulator.feeds.tick(DEMO_FEED_ITEMS), 45_000).unref();
  log.info({ url: simulator.url }, "simulator listening");
  console.log(`Simulator listening at ${simulator.url}
  Telegram Bot API: ${simulator.url}/bot<token>/<method>  (demo bot token ${DEMO_TELEGRAM.token})
  VK API:           ${simulator.url}/method/<method>      (register: POST /_sim/vk/communities)
  Viber API:        ${simulator.url}/pa/<endpoint>        (demo bot token ${DEMO_VIBER.authToken}; more: POST /_sim/viber/bots)
  RSS/Atom feeds:   ${simulator.url}/feeds/<name>          (${DEMO_FEEDS.map((f) => f.name).join(", ")}; break one: POST /_sim/feeds/<name>/mode)
  Calls received:   GET ${simulator.url}/_sim/calls   Faults: POST ${simulator.url}/_sim/faults   A customer: POST /_sim/act
  Traffic:          ${messagesPerMinute} messages/minute to every bot with a webhook and every registered community`);
  const shutdown = async () => {
    clearInterval(feedTimer);
    await traffic.stop();
    await simulator.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
}
