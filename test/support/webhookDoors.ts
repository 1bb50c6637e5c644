import { createHmac } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import type { Platform } from "../../src/domain/platform.ts";
import type { RunningSimulator } from "../../src/simulator/simulatorServer.ts";
import type { ApiClient } from "./apiClient.ts";
import {
  connectFacebookPage,
  connectTelegramBot,
  connectViberBot,
  connectVkCommunity,
} from "./simulatedParley.ts";

/**
 * One channel per platform, connected to the simulator, with what it takes to knock on its webhook door: how to
 * make a body authentic, how to forge one, and the platform's recorded payloads. The hostile-input tests and the
 * fuzz campaign (test/support/fuzz/) share it.
 */
export interface WebhookDoor {
  platform: Platform;
  channelId: string;
  webhookUrl: string;
  /** The recorded payloads of src/channels/<platform>/fixtures, as sent. */
  recorded: string[];
  /** Headers and body that make `body` authentic for this channel (VK carries its secret inside the body). */
  signed(body: string | Uint8Array): Knock;
  /** The same body with a forged or missing credential; `variant` picks one of the ways to get it wrong. */
  forged(body: string | Uint8Array, variant: number): Knock;
}

export interface Knock {
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/** The account ids the recorded payloads name, so recorded bodies reach the doors' channels. */
export const DOOR_ACCOUNTS = {
  vkGroupId: 201077021,
  facebookPageId: "111000111",
  instagramAccountId: "17841405726653026",
  whatsappBusinessAccountId: "102290129340398",
  whatsappPhoneNumberId: "106540352242922",
} as const;

export const META_APP = {
  appId: "7700770077",
  appSecret: "fuzz-meta-app-secret",
  verifyToken: "fuzz-verify-token",
};
const TELEGRAM_SECRET = "fuzz-telegram-secret";
const VIBER_BOT = {
  authToken: "fuzz0viber0bot0token-445da6az1s345z78",
  name: "Fuzz Viber",
  uri: "fuzzviber",
};
const VK_SECRET = "fuzz-vk-secret";

function recordedPayloads(platform: Platform): string[] {
  const dir = new URL(`../../src/channels/${platform}/fixtures/`, import.meta.url);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => readFileSync(new URL(name, dir), "utf8"));
}

const bytesOf = (body: string | Uint8Array) =>
  typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);

/** Meta signs the exact bytes; a forgery is any other header. */
function metaDoor(platform: Platform, channel: { id: string; webhookUrl: string }): WebhookDoor {
  const json = { "content-type": "application/json" };
  const forgeries = [
    () => ({}),
    (b: Buffer) => ({ "x-hub-signature-256": metaSignature(b, "not-the-app-secret") }),
    () => ({ "x-hub-signature-256": `sha256=${"0".repeat(64)}` }),
    () => ({ "x-hub-signature-256": "sha256=" }),
    (b: Buffer) => ({
      "x-hub-signature-256": metaSignature(Buffer.concat([b, Buffer.from(" ")]), META_APP.appSecret),
    }),
    (b: Buffer) => ({
      "x-hub-signature-256": metaSignature(b, META_APP.appSecret).replace("sha256", "sha1"),
    }),
  ];
  return {
    platform,
    channelId: channel.id,
    webhookUrl: channel.webhookUrl,
    recorded: recordedPayloads(platform),
    signed(body) {
      const bytes = bytesOf(body);
      return {
        headers: { ...json, "x-hub-signature-256": metaSignature(bytes, META_APP.appSecret) },
        body: bytes,
      };
    },
    forged(body, variant) {
      const bytes = bytesOf(body);
      const forge = forgeries[Math.abs(variant) % forgeries.length]!;
      return { headers: { ...json, ...forge(bytes) }, body: bytes };
    },
  };
}

/** HMAC of the exact bytes, whatever their encoding. */
function metaSignature(bytes: Buffer, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(bytes).digest("hex")}`;
}

function telegramDoor(channel: { id: string; webhookUrl: string }): WebhookDoor {
  const json = { "content-type": "application/json" };
  const forgeries = [
    () => ({}),
    () => ({ "x-telegram-bot-api-secret-token": "wrong" }),
    () => ({ "x-telegram-bot-api-secret-token": TELEGRAM_SECRET.toUpperCase() }),
    () => ({ "x-telegram-bot-api-secret-token": `${TELEGRAM_SECRET}x` }),
    () => ({ "x-telegram-bot-api-secret-token": "" }),
  ];
  return {
    platform: "telegram",
    channelId: channel.id,
    webhookUrl: channel.webhookUrl,
    recorded: recordedPayloads("telegram"),
    signed: (body) => ({ headers: { ...json, "x-telegram-bot-api-secret-token": TELEGRAM_SECRET }, body }),
    forged: (body, variant) => ({
      headers: { ...json, ...forgeries[Math.abs(variant) % forgeries.length]!() },
      body,
    }),
  };
}

/** Viber signs the exact bytes with the bot's token, in a header (or Viber's `sig` query parameter). */
function viberDoor(channel: { id: string; webhookUrl: string }): WebhookDoor {
  const json = { "content-type": "application/json" };
  const sign = (bytes: Buffer, token: string) => createHmac("sha256", token).update(bytes).digest("hex");
  const forgeries = [
    () => ({}),
    (b: Buffer) => ({ "x-viber-content-signature": sign(b, "not-the-bot-token") }),
    () => ({ "x-viber-content-signature": "0".repeat(64) }),
    () => ({ "x-viber-content-signature": "" }),
    (b: Buffer) => ({
      "x-viber-content-signature": sign(Buffer.concat([b, Buffer.from(" ")]), VIBER_BOT.authToken),
    }),
    (b: Buffer) => ({ "x-viber-content-signature": `sha256=${sign(b, VIBER_BOT.authToken)}` }),
  ];
  return {
    platform: "viber",
    channelId: channel.id,
    webhookUrl: channel.webhookUrl,
    recorded: recordedPayloads("viber"),
    signed(body) {
      const bytes = bytesOf(body);
      return {
        headers: { ...json, "x-viber-content-signature": sign(bytes, VIBER_BOT.authToken) },
        body: bytes,
      };
    },
    forged(body, variant) {
      const bytes = bytesOf(body);
      return {
        headers: { ...json, ...forgeries[Math.abs(variant) % forgeries.length]!(bytes) },
        body: bytes,
      };
    },
  };
}

/**
 * VK puts the secret and the group inside the JSON body; a body is made authentic by writing both in right
 * after its opening brace, which works for mutated and broken bodies alike (a body that is no JSON object stays
 * unverifiable, as it should).
 */
function vkDoor(channel: { id: string; webhookUrl: string }): WebhookDoor {
  const json = { "content-type": "application/json" };
  const withFields = (body: string | Uint8Array, fields: string): Buffer => {
    const bytes = bytesOf(body);
    const brace = bytes.indexOf(0x7b);
    if (brace < 0) return bytes;
    return Buffer.concat([
      bytes.subarray(0, brace + 1),
      Buffer.from(
        fields +
          (bytes
            .subarray(brace + 1)
            .toString("utf8")
            .trimStart()
            .startsWith("}")
            ? ""
            : ","),
      ),
      bytes.subarray(brace + 1),
    ]);
  };
  const group = `"group_id":${DOOR_ACCOUNTS.vkGroupId}`;
  // Each forgery has a wrong or missing secret: a body naming its own group further in would override any group
  // written here (JSON's last key wins), so a forgery by group alone would be authentic.
  const forgeries = [
    `"secret":"wrong",${group}`,
    `"secret":"${VK_SECRET.toUpperCase()}",${group}`,
    `"secret":["${VK_SECRET}"],${group}`,
    `"secret":null,${group}`,
    `"secret":"${VK_SECRET.slice(0, -1)}",${group}`,
    `"secret":{"toString":1},"group_id":{"toString":1}`,
  ];
  return {
    platform: "vk",
    channelId: channel.id,
    webhookUrl: channel.webhookUrl,
    recorded: recordedPayloads("vk"),
    // Written first, the door's own fields are overridden by any the body repeats: JSON's last key wins.
    signed: (body) => ({ headers: json, body: withFields(body, `"secret":"${VK_SECRET}",${group}`) }),
    forged: (body, variant) => ({
      headers: json,
      body: withFields(stripSecret(bytesOf(body)), forgeries[Math.abs(variant) % forgeries.length]!),
    }),
  };
}

/** A forged VK body must not carry the right secret further in, where JSON's last-key-wins would pick it. */
function stripSecret(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString("utf8").replaceAll(VK_SECRET, "scrubbed"), "utf8");
}

const FACEBOOK_PAGE = {
  pageId: DOOR_ACCOUNTS.facebookPageId,
  name: "Fuzz page",
  accessToken: "fuzz-page-token",
};
const VK_COMMUNITY = {
  name: "Fuzz community",
  groupId: DOOR_ACCOUNTS.vkGroupId,
  accessToken: "fuzz-vk-token",
  secretKey: VK_SECRET,
  confirmationCode: "fuzzconfirm",
};
const INSTAGRAM_ACCOUNT = {
  accountId: DOOR_ACCOUNTS.instagramAccountId,
  username: "fuzz",
  accessToken: "fuzz-ig-token",
  appSecret: META_APP.appSecret,
};
const WHATSAPP_NUMBER = {
  phoneNumberId: DOOR_ACCOUNTS.whatsappPhoneNumberId,
  businessAccountId: DOOR_ACCOUNTS.whatsappBusinessAccountId,
  displayPhoneNumber: "37120000077",
  accessToken: "fuzz-wa-token",
  appSecret: META_APP.appSecret,
};

/**
 * Stops the simulator's own deliveries to the doors (WhatsApp statuses after each send, VK echoes...), so that
 * whatever the doors store comes from the knocks: the fuzz campaign tells a forgery stored by what changed.
 */
export function silenceSimulatorWebhooks(sim: RunningSimulator): void {
  sim.facebook.addPage({ ...FACEBOOK_PAGE, appSecret: META_APP.appSecret, webhookUrl: undefined });
  sim.vk.addCommunity({ ...VK_COMMUNITY, callbackUrl: undefined });
  sim.instagram.addAccount({ ...INSTAGRAM_ACCOUNT, webhookUrl: undefined });
  sim.whatsapp.addNumber({ ...WHATSAPP_NUMBER, webhookUrl: undefined });
  sim.viber.silence(VIBER_BOT.authToken);
}

async function createChannel(api: ApiClient, body: Record<string, unknown>) {
  const created = await api.post("/api/channels", body);
  if (created.status !== 201)
    throw new Error(`channel not created: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body as { id: string; webhookUrl: string };
}

/** Connects one channel of every platform to the simulator and returns their doors. */
export async function openWebhookDoors(api: ApiClient, sim: RunningSimulator): Promise<WebhookDoor[]> {
  const telegram = await connectTelegramBot(
    api,
    sim,
    { token: "770077:fuzz-bot-token", username: "fuzz_bot", firstName: "Fuzz" },
    { name: "Fuzz bot", webhookSecret: TELEGRAM_SECRET },
  );
  const vk = await connectVkCommunity(api, sim, VK_COMMUNITY);
  const facebook = await connectFacebookPage(api, sim, META_APP, FACEBOOK_PAGE);
  const instagram = await createChannel(api, {
    platform: "instagram",
    name: "@fuzz",
    settings: {
      ...META_APP,
      accountId: DOOR_ACCOUNTS.instagramAccountId,
      accessToken: "fuzz-ig-token",
      loginModel: "facebook",
    },
    apiBaseUrl: sim.url,
  });
  sim.instagram.addAccount({ ...INSTAGRAM_ACCOUNT, webhookUrl: instagram.webhookUrl });
  const whatsapp = await createChannel(api, {
    platform: "whatsapp",
    name: "Fuzz WhatsApp",
    settings: {
      ...META_APP,
      accountId: DOOR_ACCOUNTS.whatsappPhoneNumberId,
      businessAccountId: DOOR_ACCOUNTS.whatsappBusinessAccountId,
      accessToken: "fuzz-wa-token",
    },
    apiBaseUrl: sim.url,
  });
  sim.whatsapp.addNumber({ ...WHATSAPP_NUMBER, webhookUrl: whatsapp.webhookUrl });
  const viber = await connectViberBot(api, sim, VIBER_BOT, { name: "Fuzz Viber" });
  return [
    telegramDoor(telegram),
    vkDoor(vk),
    metaDoor("facebook", facebook),
    metaDoor("instagram", instagram),
    metaDoor("whatsapp", whatsapp),
    viberDoor(viber),
  ];
}

/** Knocks: posts the body with the headers, and reads the answer whatever it is. */
export async function knock(door: WebhookDoor, knockWith: Knock): Promise<{ status: number; text: string }> {
  const res = await fetch(door.webhookUrl, {
    method: "POST",
    headers: knockWith.headers,
    body: typeof knockWith.body === "string" ? knockWith.body : new Uint8Array(knockWith.body),
  });
  return { status: res.status, text: await res.text() };
}
