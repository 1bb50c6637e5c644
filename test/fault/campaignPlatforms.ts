import type { RunningSimulator } from "../../src/simulator/simulatorServer.ts";
import type { Random } from "../../src/simulator/traffic/random.ts";
import type { ApiClient } from "../support/apiClient.ts";
import { connectTelegramBot, connectVkCommunity } from "../support/simulatedParley.ts";
import { vkMessageNew } from "../support/vkCallbacks.ts";

/**
 * The three platforms the crash campaign writes through, chosen for what their sends teach: Telegram and
 * WhatsApp cannot deduplicate a repeated send (an interrupted one must end "uncertain"), VK can (its
 * interrupted sends are simply sent again). Every webhook is authenticated as the platform does it: Telegram's
 * secret token header, Meta's HMAC signature with the app secret, VK's secret in the body.
 */
export type CampaignPlatform = "telegram" | "whatsapp" | "vk";
export const CAMPAIGN_PLATFORMS: readonly CampaignPlatform[] = ["telegram", "whatsapp", "vk"];

const BOT = { token: "5150:fault-campaign", username: "fault_campaign_bot", firstName: "Fault campaign" };
const META_APP = { appId: "5150515051", appSecret: "fault-campaign-app-secret", verifyToken: "fault-verify" };
const WHATSAPP = {
  phoneNumberId: "515051505150",
  businessAccountId: "515051505151",
  displayPhoneNumber: "37125150515",
  accessToken: "fault-campaign-wa-token",
};
const VK = {
  groupId: 515051,
  accessToken: "fault-vk-token",
  secretKey: "fault-vk-secret",
  confirmationCode: "f4ult",
};

export interface CampaignCustomer {
  platform: CampaignPlatform;
  id: number;
  firstName: string;
}

export interface WebhookAnswer {
  status: number;
  /** What the platform takes as "stored, do not send again". */
  acknowledged: boolean;
}

const answerOf = (outcome: { status: number }): WebhookAnswer => ({
  status: outcome.status,
  acknowledged: outcome.status === 200,
});

/** One customer message as the platform delivers it: the same bytes every time it is (re)delivered. */
export interface WebhookEvent {
  index: number;
  text: string;
  platform: CampaignPlatform;
  /** Delivers the event once; throws when no answer came. */
  deliver(): Promise<WebhookAnswer>;
}

const FIRST_NAMES = ["Ilze", "Piotr", "Olga", "Jānis", "Agnieszka", "Dmitry", "Emma", "Kasia", "Artūrs"];

/** WhatsApp ids are phone numbers; the simulator maps small person ids onto Latvian numbers the same way. */
const waIdOf = (id: number) => `3712${String(id).padStart(7, "0")}`;

export class CampaignPlatforms {
  readonly customers: CampaignCustomer[] = [];
  readonly #sim: RunningSimulator;
  readonly #run: string;
  #vkWebhook = "";

  constructor(sim: RunningSimulator, run: string) {
    this.#sim = sim;
    this.#run = run;
  }

  /** Connects one channel per platform to the simulator, as an admin would. */
  async connect(api: ApiClient, customersPerPlatform: number): Promise<void> {
    await connectTelegramBot(api, this.#sim, BOT, { name: "Fault bot", webhookSecret: "fault-tg-secret" });
    const whatsapp = await api.post("/api/channels", {
      platform: "whatsapp",
      name: "Fault WhatsApp",
      settings: {
        ...META_APP,
        accountId: WHATSAPP.phoneNumberId,
        businessAccountId: WHATSAPP.businessAccountId,
        accessToken: WHATSAPP.accessToken,
      },
      apiBaseUrl: this.#sim.url,
    });
    if (whatsapp.status !== 201) throw new Error(`WhatsApp channel not created: ${whatsapp.status}`);
    this.#sim.whatsapp.addNumber({
      ...WHATSAPP,
      appSecret: META_APP.appSecret,
      webhookUrl: whatsapp.body.webhookUrl,
    });
    // Status callbacks are traffic the campaign does not count; they would only blur its figures.
    this.#sim.whatsapp.settings.statusCallbacks = false;
    this.#vkWebhook = (
      await connectVkCommunity(api, this.#sim, { ...VK, name: "Fault community" })
    ).webhookUrl;
    let nextId = 61_000;
    for (const platform of CAMPAIGN_PLATFORMS)
      for (let k = 0; k < customersPerPlatform; k++)
        this.customers.push({ platform, id: nextId++, firstName: FIRST_NAMES[k % FIRST_NAMES.length]! });
  }

  /** Each customer writes once through the simulator, so every conversation exists before the crashes. */
  async greet(): Promise<void> {
    for (const customer of this.customers) {
      const text = `fault ${this.#run} hello from ${customer.platform} ${customer.id}`;
      const account =
        customer.platform === "telegram"
          ? BOT.token
          : customer.platform === "vk"
            ? String(VK.groupId)
            : WHATSAPP.phoneNumberId;
      const fake = this.#sim.fakes.find((f) => f.platform === customer.platform)!;
      const outcome = await fake.act(account, {
        person: { id: customer.id, firstName: customer.firstName, languageCode: "en" },
        text,
        visibility: "private",
      });
      if (outcome.status !== 200)
        throw new Error(`greeting on ${customer.platform} answered ${outcome.status}`);
    }
  }

  /** Customer message number `index`, from a customer picked at random. */
  event(index: number, random: Random): WebhookEvent {
    const customer = random.pick(this.customers);
    const text = `fault ${this.#run} event ${index}`;
    const date = Math.floor(Date.now() / 1000);
    const base = { index, text, platform: customer.platform };
    if (customer.platform === "telegram") {
      const update = {
        // Far above the simulator's own numbering, so no update or message id is ever reused.
        update_id: 50_000_000 + index,
        message: {
          message_id: 50_000_000 + index,
          from: { id: customer.id, is_bot: false, first_name: customer.firstName },
          chat: { id: customer.id, type: "private" as const, first_name: customer.firstName },
          date,
          text,
        },
      };
      return {
        ...base,
        deliver: async () => answerOf(await this.#sim.telegram.deliverRaw(BOT.token, update)),
      };
    }
    if (customer.platform === "whatsapp") {
      const waId = waIdOf(customer.id);
      const body = this.#sim.whatsapp.messagesChange(WHATSAPP.phoneNumberId, {
        contacts: [{ profile: { name: customer.firstName }, wa_id: waId }],
        messages: [
          {
            from: waId,
            id: `wamid.fault${this.#run}x${index}`,
            timestamp: String(date),
            type: "text",
            text: { body: text },
          },
        ],
      });
      return {
        ...base,
        deliver: async () => answerOf(await this.#sim.whatsapp.deliverRaw(WHATSAPP.phoneNumberId, body)),
      };
    }
    const raw = JSON.stringify(
      vkMessageNew({
        groupId: VK.groupId,
        secret: VK.secretKey,
        eventId: `fault-${this.#run}-${index}`,
        date,
        fromId: customer.id,
        text,
        conversationMessageId: 50_000_000 + index,
      }),
    );
    return {
      ...base,
      deliver: async () => {
        const res = await fetch(this.#vkWebhook, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: raw,
        });
        // VK takes only the literal "ok" as an acknowledgement and re-sends anything else.
        return { status: res.status, acknowledged: res.status === 200 && (await res.text()) === "ok" };
      },
    };
  }

  /**
   * How many times each text reached a customer, from the simulator's log of the platforms' API calls: a send
   * the platform accepted counts, a repeat VK dropped by its random_id does not.
   */
  receivedTexts(): Map<string, number> {
    const received = new Map<string, number>();
    const add = (text: unknown) => {
      if (typeof text === "string") received.set(text, (received.get(text) ?? 0) + 1);
    };
    for (const call of this.#sim.state.calls) {
      if (call.outcome !== "ok") continue;
      if (call.platform === "telegram" && call.method === "sendMessage") add(call.params.text);
      else if (call.platform === "vk" && call.method === "messages.send") add(call.params.message);
      else if (call.platform === "whatsapp" && call.method === "POST /{id}/messages")
        add((call.params.text as { body?: unknown } | undefined)?.body);
    }
    return received;
  }
}
