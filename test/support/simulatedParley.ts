import type { FakeBot } from "../../src/channels/telegram/fakeTelegramApi.ts";
import type { FakeViberBot } from "../../src/channels/viber/fakeViberApi.ts";
import type { FakeCommunity } from "../../src/channels/vk/fakeVkApi.ts";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "./apiClient.ts";
import type { DbTarget } from "./testDatabase.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestParley, type TestParley } from "./testParley.ts";

export interface SimulatedParley {
  app: TestParley;
  sim: RunningSimulator;
  /** Signed in as the workspace's admin. */
  api: ApiClient;
}

/** The platforms' simulator and a Parley on `target`, with the admin signed in: most integration tests' start. */
export async function startSimulatedParley(
  target: DbTarget,
  options?: Parameters<typeof startTestParley>[1],
): Promise<SimulatedParley> {
  const sim = await startSimulator({ port: 0 });
  let app: TestParley | undefined;
  try {
    app = await startTestParley(target, options);
    return { app, sim, api: await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD) };
  } catch (err) {
    // The caller's afterAll never sees what did not come back: stop it here.
    await app?.stop();
    await sim.stop();
    throw err;
  }
}

async function createChannel(api: ApiClient, body: Record<string, unknown>) {
  const created = await api.post("/api/channels", body);
  if (created.status !== 201)
    throw new Error(`channel not created: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body as { id: string; webhookUrl: string };
}

/** Adds `bot` to the simulator and connects it, by webhook, as a channel of `api`'s workspace. */
export function connectTelegramBot(
  api: ApiClient,
  sim: RunningSimulator,
  bot: FakeBot,
  channel: { name: string; webhookSecret: string },
) {
  sim.telegram.addBot(bot);
  return createChannel(api, {
    platform: "telegram",
    name: channel.name,
    settings: {
      botToken: bot.token,
      webhookSecret: channel.webhookSecret,
      mode: "webhook",
      botUsername: bot.username,
    },
    apiBaseUrl: sim.url,
  });
}

/** Connects a VK community as a channel and points the simulator's community at the channel's callback URL. */
export async function connectVkCommunity(
  api: ApiClient,
  sim: RunningSimulator,
  community: FakeCommunity & { name: string },
) {
  const channel = await createChannel(api, {
    platform: "vk",
    name: "VK community",
    settings: {
      groupId: community.groupId,
      accessToken: community.accessToken,
      secretKey: community.secretKey,
      confirmationCode: community.confirmationCode,
    },
    apiBaseUrl: sim.url,
  });
  sim.vk.addCommunity({ ...community, callbackUrl: channel.webhookUrl });
  return channel;
}

/** A Meta app's credentials as a Facebook, Instagram or WhatsApp channel holds them. */
export interface MetaApp {
  appId: string;
  appSecret: string;
  verifyToken: string;
}

/** Connects a Facebook page through `app` and points the simulator's page at the channel's webhook URL. */
export async function connectFacebookPage(
  api: ApiClient,
  sim: RunningSimulator,
  app: MetaApp,
  page: { pageId: string; name: string; accessToken: string },
) {
  const channel = await createChannel(api, {
    platform: "facebook",
    name: page.name,
    settings: { ...app, accountId: page.pageId, accessToken: page.accessToken },
    apiBaseUrl: sim.url,
  });
  sim.facebook.addPage({ ...page, appSecret: app.appSecret, webhookUrl: channel.webhookUrl });
  return channel;
}

/**
 * Adds a Viber bot to the simulator and connects it as a channel: Parley's set_webhook tells the fake where to
 * call, after the fake's check of that URL went through Parley's door.
 */
export function connectViberBot(
  api: ApiClient,
  sim: RunningSimulator,
  bot: FakeViberBot,
  channel: { name: string; welcomeMessage?: string | undefined },
) {
  sim.viber.addBot(bot);
  return createChannel(api, {
    platform: "viber",
    name: channel.name,
    settings: {
      authToken: bot.authToken,
      senderName: bot.name,
      ...(channel.welcomeMessage ? { welcomeMessage: channel.welcomeMessage } : {}),
    },
    apiBaseUrl: sim.url,
  });
}
