import { and, eq } from "drizzle-orm";
import { adapterFor } from "../channels/registry.ts";
import { createChannel, webhookUrlFor } from "../commands/channelCreator.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { RunningParley } from "../parley.ts";
import { channelContext } from "../store/channelStore.ts";
import { channels } from "../store/schema.ts";
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

  const existing = async (platform: string) =>
    (
      await db
        .select()
        .from(channels)
        .where(
          and(
            eq(channels.workspaceId, workspaceId),
            eq(channels.platform, platform),
            eq(channels.name, `Demo ${platform === "vk" ? "VK" : "Telegram"}`),
          ),
        )
    )[0];

  let telegram = await existing("telegram");
  if (!telegram) {
    await createChannel(db, parley.box, publicUrl, {
      workspaceId,
      actorUserId: adminId,
      platform: "telegram",
      name: "Demo Telegram",
      settings: {
        botToken: DEMO_TELEGRAM.token,
        webhookSecret: `demo-${workspaceId.slice(0, 8)}`,
        mode: "webhook",
        botUsername: DEMO_TELEGRAM.username,
      },
      apiBaseUrl: simulator.url,
      teamId,
    });
    telegram = await existing("telegram");
  }
  let vk = await existing("vk");
  if (!vk) {
    await createChannel(db, parley.box, publicUrl, {
      workspaceId,
      actorUserId: adminId,
      platform: "vk",
      name: "Demo VK",
      settings: {
        groupId: DEMO_VK.groupId,
        accessToken: DEMO_VK.accessToken,
        secretKey: `demo-vk-${workspaceId.slice(0, 8)}`,
        confirmationCode: DEMO_VK.confirmationCode,
      },
      apiBaseUrl: simulator.url,
      teamId,
    });
    vk = await existing("vk");
  }
  // The simulator may run on another port than last time: point the channels at it and reconnect.
  for (const row of [telegram, vk]) {
    if (!row) continue;
    await db
      .update(channels)
      .set({ apiBaseUrl: simulator.url, status: "active", statusReason: null })
      .where(eq(channels.id, row.id));
    row.apiBaseUrl = simulator.url;
    const adapter = adapterFor(row.platform)!;
    const context = channelContext(row, adapter, parley.box);
    const webhookUrl = webhookUrlFor(publicUrl, row.platform, row.id);
    if (row.platform === "telegram") await adapter.connect?.(context, webhookUrl);
    if (row.platform === "vk") {
      simulator.vk.addCommunity({
        groupId: DEMO_VK.groupId,
        accessToken: DEMO_VK.accessToken,
        secretKey: String(context.settings.secretKey),
        confirmationCode: DEMO_VK.confirmationCode,
        callbackUrl: webhookUrl,
        name: DEMO_VK.name,
      });
      await simulator.vk.confirm(DEMO_VK.groupId);
    }
  }
}

/** `npm start` in demo mode: simulator on SIMULATOR_PORT, demo channels, and a steady flow of customers. */
export async function startDemo(
  parley: RunningParley,
  config: Config,
  log: Logger,
): Promise<() => Promise<void>> {
  const simulator = await startSimulator({ port: config.simulatorPort, host: config.host });
  await connectDemoChannels(parley, simulator, config.publicUrl);
  const messagesPerMinute = Number(process.env.PARLEY_DEMO_TRAFFIC ?? 8);
  const traffic = createTrafficGenerator({
    fakes: simulator.fakes,
    messagesPerMinute: Math.max(messagesPerMinute, 0.001),
    burstEveryMinutes: 10,
  });
  if (messagesPerMinute > 0) {
    // The first customers arrive at once so a newcomer sees traffic within seconds.
    for (let i = 0; i < 3; i++) await traffic.tick().catch(() => []);
    traffic.start();
  }
  log.info({ simulator: simulator.url }, "demo traffic started");
  console.log(
    `  Simulator (fake Telegram and VK APIs) at ${simulator.url}; calls received: ${simulator.url}/_sim/calls`,
  );
  return async () => {
    await traffic.stop();
    await simulator.stop();
  };
}

/**
 * `npm run simulate`: the fake platform APIs and customer traffic alone. Point a Parley channel's apiBaseUrl at
 * it; Telegram bots learn their webhook from Parley's setWebhook, VK communities are registered with
 * POST /_sim/vk/communities (as an admin would fill in the community's Callback API settings).
 */
export async function runStandaloneSimulator(config: Config, log: Logger): Promise<void> {
  const simulator = await startSimulator({ port: config.simulatorPort, host: config.host });
  simulator.telegram.addBot(DEMO_TELEGRAM);
  const messagesPerMinute = Number(process.env.PARLEY_DEMO_TRAFFIC ?? 8);
  const traffic = createTrafficGenerator({
    fakes: simulator.fakes,
    messagesPerMinute: Math.max(messagesPerMinute, 0.001),
  });
  if (messagesPerMinute > 0) traffic.start();
  log.info({ url: simulator.url }, "simulator listening");
  console.log(`Simulator listening at ${simulator.url}
  Telegram Bot API: ${simulator.url}/bot<token>/<method>  (demo bot token ${DEMO_TELEGRAM.token})
  VK API:           ${simulator.url}/method/<method>      (register: POST /_sim/vk/communities)
  Calls received:   GET ${simulator.url}/_sim/calls   Faults: POST ${simulator.url}/_sim/faults   A customer: POST /_sim/act
  Traffic:          ${messagesPerMinute} messages/minute to every bot with a webhook and every registered community`);
  const shutdown = async () => {
    await traffic.stop();
    await simulator.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
}
