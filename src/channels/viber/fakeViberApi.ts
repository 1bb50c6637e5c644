import { createHash } from "node:crypto";
import type { Context, Hono } from "hono";
import type {
  CustomerAction,
  DeliveryOutcome,
  PlatformFake,
  SimulatedPerson,
} from "../../simulator/customerDriver.ts";
import { type Fault, faultHeaders, type SimulatorState, stall } from "../../simulator/simulatorState.ts";
import { VIBER_STATUS_NAMES } from "./viberError.ts";
import { parseViberJson } from "./viberJson.ts";
import { viberSignature } from "./viberSignature.ts";

export interface FakeViberBot {
  authToken: string;
  name: string;
  /** The bot's public URI (viber://pa?chatURI=…). */
  uri: string;
}

interface Subscriber {
  id: string;
  person: SimulatedPerson;
  subscribed: boolean;
}

export interface FakeViberSent {
  token: string;
  receiver: string;
  text: string;
  trackingData: string | undefined;
  keyboard: { label: string; actionBody: string }[];
}

interface BotState extends FakeViberBot {
  webhook: { url: string; eventTypes: string[] } | null;
  subscribers: Map<string, Subscriber>;
  sent: FakeViberSent[];
  /** Welcome messages Parley answered conversation_started with, by the person's id. */
  welcomes: { userId: string; body: unknown }[];
  /** No callbacks of the fake's own (receipts, customers): a test knocks on the door itself. */
  silenced: boolean;
}

/**
 * What PLATFORMS.md §8 leaves unverified, as options: where the callback signature travels (the header is
 * documented; Viber's SDK reads a `sig` query parameter instead), whether set_webhook checks the URL first (the
 * docs say it does), how often a failed callback is retried ("several times for an hour" in Viber's FAQ),
 * whether receipts follow a send, and whether the demo's customers open the chat and unsubscribe on their own.
 */
export interface ViberFakeOptions {
  signatureIn?: "header" | "query" | "both" | undefined;
  checkWebhookOnSet?: boolean | undefined;
  callbackRetries?: number | undefined;
  retryDelayMs?: number | undefined;
  /** `delivered` after each accepted send (default on); `seen` only when a test or the demo asks. */
  deliveredReceipts?: boolean | undefined;
  timeoutStallMs?: number | undefined;
  /** Demo: new people open the chat first (conversation_started), and some unsubscribe after writing. */
  lively?: { unsubscribeShare: number; seenShare: number } | undefined;
}

const EVENT_TYPES = ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"];
const MAX_TEXT = 7000;

/** A Viber user id: 24 characters of base64, unique per bot and person (the fake keeps one per person). */
export function viberUserIdOf(personId: number): string {
  return createHash("md5").update(`viber-person-${personId}`).digest("base64");
}

/**
 * A callback's JSON with its 64-bit `message_token` written as a bare number, as Viber does: JSON.stringify
 * cannot write a BigInt, so the digits replace a placeholder.
 */
function withToken(body: Record<string, unknown>, token: bigint): string {
  return JSON.stringify({ ...body, message_token: "__TOKEN__" }).replace('"__TOKEN__"', token.toString());
}

/**
 * A fake of Viber's REST Bot API (https://developers.viber.com/docs/api/rest-bot-api/): set_webhook with its
 * check, send_message answering 64-bit tokens, get_account_info, status codes for refusals, signed callbacks; and
 * customers who open the chat, write, press keyboard buttons, subscribe and unsubscribe.
 */
export function createViberFake(options: ViberFakeOptions = {}) {
  const bots = new Map<string, BotState>();
  // Above 2^53 like Viber's, so a client that rounds them is caught.
  let nextToken = 5_741_300_000_000_000_001n;
  const token = () => {
    nextToken += 4_294_967_311n;
    return nextToken;
  };

  function bot(authToken: string): BotState {
    const found = bots.get(authToken);
    if (!found) throw new Error(`No fake Viber bot with token ${authToken}`);
    return found;
  }

  function subscriberOf(target: BotState, person: SimulatedPerson): Subscriber {
    const id = viberUserIdOf(person.id);
    const existing = target.subscribers.get(id);
    if (existing) return existing;
    const created = { id, person, subscribed: false };
    target.subscribers.set(id, created);
    return created;
  }

  const userOf = (person: SimulatedPerson) => ({
    id: viberUserIdOf(person.id),
    name: [person.firstName, person.lastName].filter(Boolean).join(" "),
    avatar: `https://media-direct.cdn.viber.com/download_photo?dlid=fake${person.id}&fltp=jpg`,
    language: person.languageCode,
    country: { ru: "LV", lv: "LV", pl: "PL", en: "GB" }[person.languageCode],
    api_version: 10,
  });

  /** Posts a signed callback to the bot's webhook; retried when Parley does not answer 200, if so configured. */
  async function post(
    target: BotState,
    url: string,
    body: string,
  ): Promise<{ status: number; text: string }> {
    const signature = viberSignature(body, target.authToken);
    const where = options.signatureIn ?? "both";
    const address = new URL(url);
    if (where !== "header") address.searchParams.set("sig", signature);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (where !== "query") headers["x-viber-content-signature"] = signature;
    let answer = { status: 0, text: "" };
    for (let attempt = 0; attempt <= (options.callbackRetries ?? 0); attempt++) {
      if (attempt > 0) await stall(options.retryDelayMs ?? 1000);
      try {
        const res = await fetch(address, { method: "POST", headers, body });
        answer = { status: res.status, text: await res.text() };
      } catch {
        answer = { status: 0, text: "" };
      }
      if (answer.status === 200) break;
    }
    return answer;
  }

  async function callback(target: BotState, body: string): Promise<DeliveryOutcome & { text: string }> {
    if (!target.webhook) throw new Error(`Viber bot ${target.name} has no webhook`);
    const parsed = parseViberJson(body);
    if (target.silenced) return { status: 0, text: "", payload: parsed.ok ? parsed.value : body };
    const answer = await post(target, target.webhook.url, body);
    return { status: answer.status, text: answer.text, payload: parsed.ok ? parsed.value : body };
  }

  const wants = (target: BotState, event: string) => target.webhook?.eventTypes.includes(event) ?? false;

  async function openConversation(account: string, person: SimulatedPerson) {
    const target = bot(account);
    const subscriber = subscriberOf(target, person);
    const outcome = await callback(
      target,
      withToken(
        {
          event: "conversation_started",
          timestamp: Date.now(),
          chat_hostname: "SN-CHAT-01_",
          type: "open",
          context: "",
          user: userOf(person),
          subscribed: subscriber.subscribed,
        },
        token(),
      ),
    );
    // The answer's body is the welcome message, shown to the person without a send_message call.
    if (outcome.status === 200 && outcome.text.trim().startsWith("{"))
      target.welcomes.push({ userId: subscriber.id, body: JSON.parse(outcome.text) });
    return outcome;
  }

  async function setSubscribed(account: string, person: SimulatedPerson, subscribed: boolean) {
    const target = bot(account);
    const subscriber = subscriberOf(target, person);
    subscriber.subscribed = subscribed;
    const event = subscribed
      ? { event: "subscribed", timestamp: Date.now(), chat_hostname: "SN-CHAT-01_", user: userOf(person) }
      : {
          event: "unsubscribed",
          timestamp: Date.now(),
          chat_hostname: "SN-CHAT-01_",
          user_id: subscriber.id,
        };
    return callback(target, withToken(event, token()));
  }

  async function message(account: string, person: SimulatedPerson, text: string, trackingData?: string) {
    const target = bot(account);
    const subscriber = subscriberOf(target, person);
    // "A user's first message to the bot subscribes them, but does not result in a subscribed callback."
    subscriber.subscribed = true;
    return callback(
      target,
      withToken(
        {
          event: "message",
          timestamp: Date.now(),
          chat_hostname: "SN-CHAT-15_",
          sender: userOf(person),
          message: { text, type: "text", ...(trackingData ? { tracking_data: trackingData } : {}) },
          silent: false,
        },
        token(),
      ),
    );
  }

  async function receipt(
    target: BotState,
    event: "delivered" | "seen" | "failed",
    sent: FakeViberSent,
    desc?: string,
  ) {
    if (!wants(target, event)) return;
    await callback(
      target,
      withToken(
        {
          event,
          timestamp: Date.now(),
          chat_hostname: "SN-CHAT-15_",
          user_id: sent.receiver,
          ...(desc ? { desc } : {}),
        },
        BigInt(sent.token),
      ),
    ).catch(() => undefined);
  }

  const fake = {
    platform: "viber" as const,
    accounts: () => [...bots.values()].filter((b) => b.webhook).map((b) => b.authToken),

    addBot(config: FakeViberBot): void {
      const existing = bots.get(config.authToken);
      if (existing) Object.assign(existing, config);
      else
        bots.set(config.authToken, {
          ...config,
          webhook: null,
          subscribers: new Map(),
          sent: [],
          welcomes: [],
          silenced: false,
        });
    },

    /** Stops the fake's own callbacks to the bot's webhook (receipts after sends); set_webhook still checks. */
    silence(account: string): void {
      bot(account).silenced = true;
    },

    webhookOf: (account: string) => bot(account).webhook,
    sentTo: (account: string, personId: number) =>
      bot(account).sent.filter((s) => s.receiver === viberUserIdOf(personId)),
    welcomesTo: (account: string, personId: number) =>
      bot(account)
        .welcomes.filter((w) => w.userId === viberUserIdOf(personId))
        .map((w) => w.body),

    async act(account: string, action: CustomerAction): Promise<DeliveryOutcome> {
      const target = bot(account);
      // Viber bots talk 1:1: a "public" action of the traffic generator is a message too.
      const isNew = !target.subscribers.has(viberUserIdOf(action.person.id));
      const lively = action.scripted ? undefined : options.lively;
      if (lively && isNew) await openConversation(account, action.person);
      const outcome = await message(account, action.person, action.text);
      if (lively && Math.random() < lively.unsubscribeShare) {
        const person = action.person;
        setTimeout(() => void setSubscribed(account, person, false).catch(() => undefined), 20_000).unref();
      }
      return outcome;
    },

    openConversation,
    subscribe: (account: string, person: SimulatedPerson) => setSubscribed(account, person, true),
    unsubscribe: (account: string, person: SimulatedPerson) => setSubscribed(account, person, false),
    /** The person writes; `trackingData` is what the bot's last message carried, as Viber hands it back. */
    message,

    /** The person presses a reply button of the bot's latest keyboard to them: its ActionBody, as their text. */
    async pressButton(account: string, person: SimulatedPerson, label: string): Promise<DeliveryOutcome> {
      const target = bot(account);
      const last = [...target.sent].reverse().find((s) => s.receiver === viberUserIdOf(person.id));
      const button = last?.keyboard.find((b) => b.label === label || b.actionBody === label);
      if (!last || !button) throw new Error(`No button "${label}" for ${person.id}`);
      return message(account, person, button.actionBody, last.trackingData);
    },

    /** The person reads the chat: one `seen` for the bot's latest message to them. */
    async markSeen(account: string, personId: number): Promise<void> {
      const target = bot(account);
      const last = [...target.sent].reverse().find((s) => s.receiver === viberUserIdOf(personId));
      if (last) await receipt(target, "seen", last);
    },

    /** Any callback body, as bytes or text, signed as Viber signs it (or not: `signed: false`). */
    async deliverRaw(account: string, body: string, signed = true) {
      const target = bot(account);
      if (!target.webhook) throw new Error(`Viber bot ${target.name} has no webhook`);
      if (signed) return post(target, target.webhook.url, body);
      const res = await fetch(target.webhook.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      return { status: res.status, text: await res.text() };
    },

    mount(app: Hono, state: SimulatorState): void {
      app.post("/pa/:endpoint", async (c) => {
        const endpoint = c.req.param("endpoint");
        const text = await c.req.text();
        const parsed = parseViberJson(text);
        const params = (parsed.ok && typeof parsed.value === "object" ? parsed.value : {}) as Record<
          string,
          unknown
        >;
        if (state.latencyMs > 0) await stall(state.latencyMs);
        const authToken = c.req.header("x-viber-auth-token");
        const fault = state.takeFault("viber", endpoint);
        state.record({ platform: "viber", method: endpoint, params, outcome: fault?.kind ?? "ok" });
        if (fault) return faultAnswer(c, fault);
        // Viber answers its refusals with HTTP 200 and a status (PLATFORMS.md §8.2).
        const refuse = (status: number, message?: string) =>
          c.json({ status, status_message: message ?? VIBER_STATUS_NAMES[status] ?? "error" });
        if (!authToken) return refuse(2, "missing_auth_token");
        const target = bots.get(authToken);
        if (!target) return refuse(2, "invalidAuthToken");
        if (!parsed.ok) return refuse(3);
        switch (endpoint) {
          case "set_webhook":
            return setWebhook(c, target, params, refuse);
          case "get_account_info":
            return c.json({
              status: 0,
              status_message: "ok",
              id: `pa:${createHash("md5").update(target.authToken).digest("hex").slice(0, 19)}`,
              name: target.name,
              uri: target.uri,
              webhook: target.webhook?.url ?? "",
              event_types: target.webhook?.eventTypes ?? [],
              subscribers_count: [...target.subscribers.values()].filter((s) => s.subscribed).length,
            });
          case "send_message":
            return sendMessage(c, target, params, refuse);
          default:
            return c.json({ status: 3, status_message: "badData" });
        }
      });

      async function setWebhook(
        c: Context,
        target: BotState,
        params: Record<string, unknown>,
        refuse: (status: number, message?: string) => Response,
      ) {
        const url = typeof params.url === "string" ? params.url : "";
        if (url === "") {
          // Removing the webhook is set_webhook with an empty URL (PLATFORMS.md §8.1 [U]).
          target.webhook = null;
          return c.json({ status: 0, status_message: "ok" });
        }
        if (!/^https?:\/\//.test(url)) return refuse(1);
        const eventTypes = Array.isArray(params.event_types)
          ? params.event_types.filter((e): e is string => typeof e === "string")
          : EVENT_TYPES;
        if (options.checkWebhookOnSet ?? true) {
          const check = await post(
            target,
            url,
            withToken({ event: "webhook", timestamp: Date.now(), chat_hostname: "SN-CHAT-01_" }, token()),
          );
          if (check.status !== 200) return refuse(1, `Result[HttpResponse(${check.status})]`);
        }
        target.webhook = { url, eventTypes };
        return c.json({ status: 0, status_message: "ok", event_types: eventTypes });
      }

      function sendMessage(
        c: Context,
        target: BotState,
        params: Record<string, unknown>,
        refuse: (status: number, message?: string) => Response,
      ) {
        const receiver = typeof params.receiver === "string" ? params.receiver : "";
        const sender = params.sender as { name?: unknown } | undefined;
        if (!receiver || typeof sender?.name !== "string" || !params.type) return refuse(4);
        if (typeof sender.name === "string" && sender.name.length > 28) return refuse(3);
        const text = typeof params.text === "string" ? params.text : "";
        if (params.type !== "text" || text.length === 0 || text.length > MAX_TEXT) return refuse(3);
        const subscriber = target.subscribers.get(receiver);
        if (!subscriber) return refuse(5, "receiverNotRegistered");
        if (!subscriber.subscribed) return refuse(6, "receiverNotSubscribed");
        const keyboard = params.keyboard as
          | { Buttons?: { ActionBody?: unknown; Text?: unknown }[] }
          | undefined;
        const sent: FakeViberSent = {
          token: token().toString(),
          receiver,
          text,
          trackingData: typeof params.tracking_data === "string" ? params.tracking_data : undefined,
          keyboard: (keyboard?.Buttons ?? []).map((b) => ({
            label: String(b.Text ?? b.ActionBody ?? ""),
            actionBody: String(b.ActionBody ?? ""),
          })),
        };
        target.sent.push(sent);
        if (options.deliveredReceipts ?? true)
          setTimeout(async () => {
            await receipt(target, "delivered", sent);
            if (options.lively && Math.random() < options.lively.seenShare)
              setTimeout(() => void receipt(target, "seen", sent), 5_000).unref();
          }, 20).unref();
        const answer = JSON.stringify({
          status: 0,
          status_message: "ok",
          message_token: "__TOKEN__",
          chat_hostname: "SN-CHAT-15_",
          billing_status: 1,
        }).replace('"__TOKEN__"', sent.token);
        return c.body(answer, 200, { "content-type": "application/json" });
      }

      async function faultAnswer(c: Context, fault: Fault) {
        for (const [name, value] of Object.entries(faultHeaders(fault))) c.header(name, value);
        switch (fault.kind) {
          case "429":
            // Viber documents no HTTP 429 and no wait: 12 in a 200 body, or a proxy's bare 429.
            if (fault.httpStatus === 429) return c.text("Too Many Requests", 429);
            return c.json({ status: 12, status_message: "tooManyRequests" });
          case "error": {
            const code = fault.errorCode ?? 3;
            return c.json({ status: code, status_message: VIBER_STATUS_NAMES[code] ?? "error" });
          }
          case "500":
            return c.text("Internal Server Error", (fault.httpStatus ?? 500) as 500);
          case "timeout":
            await stall(options.timeoutStallMs ?? 20_000);
            return c.text("Gateway Timeout", 504);
        }
      }
    },
  };
  return fake satisfies PlatformFake;
}
