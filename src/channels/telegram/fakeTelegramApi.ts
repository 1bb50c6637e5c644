import type { Context, Hono } from "hono";
import type { CustomerAction, DeliveryOutcome, PlatformFake } from "../../simulator/customerDriver.ts";
import { simulatedFile, simulatedFileId } from "../../simulator/simulatedFiles.ts";
import { faultHeaders, type SimulatorState, stall } from "../../simulator/simulatorState.ts";
import type { TgInlineKeyboardMarkup, TgMessage, TgUpdate } from "./telegramTypes.ts";

export interface FakeBot {
  token: string;
  username: string;
  firstName: string;
}

interface BotState extends FakeBot {
  id: number;
  webhook: { url: string; secret: string | undefined } | null;
  queue: TgUpdate[];
  nextUpdateId: number;
  waiters: Set<() => void>;
  nextMessageId: Map<string, number>;
  /** What the bot sent, newest last, so a customer can press the buttons under a message. */
  sent: TgMessage[];
  /** Callback queries delivered and not yet answered with answerCallbackQuery. */
  openCallbacks: Set<string>;
  answeredCallbacks: string[];
}

export interface TelegramFakeOptions {
  timeoutStallMs?: number | undefined;
  maxPollSeconds?: number | undefined;
}

/** Descriptions of the errors a test can inject, as the Bot API words them. */
const TELEGRAM_ERRORS: Record<number, string> = {
  400: "Bad Request: chat not found",
  401: "Unauthorized",
  403: "Forbidden: bot was blocked by the user",
  404: "Not Found",
};

async function paramsOf(c: Context): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = { ...c.req.query() };
  if (c.req.method !== "POST") return params;
  const type = c.req.header("content-type") ?? "";
  if (type.includes("application/json"))
    Object.assign(params, (await c.req.json().catch(() => ({}))) as object);
  else if (type.includes("form")) Object.assign(params, await c.req.parseBody());
  return params;
}

/**
 * A fake of the Telegram Bot API (https://core.telegram.org/bots/api) for the simulator and tests: bots,
 * webhooks with the secret token header, getUpdates long polling, sendMessage; and customers writing to them.
 */
export function createTelegramFake(options: TelegramFakeOptions = {}) {
  const bots = new Map<string, BotState>();
  let nextBotId = 7_000_000_000;
  const maxPollSeconds = options.maxPollSeconds ?? 25;

  function addBot(bot: FakeBot): void {
    if (!bots.has(bot.token)) {
      bots.set(bot.token, {
        ...bot,
        id: Number(bot.token.split(":")[0]) || nextBotId++,
        webhook: null,
        queue: [],
        nextUpdateId: 100_000,
        waiters: new Set(),
        nextMessageId: new Map(),
        sent: [],
        openCallbacks: new Set(),
        answeredCallbacks: [],
      });
    }
  }

  function nextMessageId(bot: BotState, chatId: number | string): number {
    const key = String(chatId);
    const id = (bot.nextMessageId.get(key) ?? 0) + 1;
    bot.nextMessageId.set(key, id);
    return id;
  }

  async function deliver(bot: BotState, update: TgUpdate): Promise<DeliveryOutcome> {
    if (bot.webhook) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (bot.webhook.secret) headers["x-telegram-bot-api-secret-token"] = bot.webhook.secret;
      const res = await fetch(bot.webhook.url, { method: "POST", headers, body: JSON.stringify(update) });
      await res.arrayBuffer();
      return { status: res.status, payload: update };
    }
    bot.queue.push(update);
    // Telegram keeps undelivered updates for a day; the fake keeps the newest thousand.
    if (bot.queue.length > 1000) bot.queue.splice(0, bot.queue.length - 1000);
    for (const wake of bot.waiters) wake();
    return { status: 0, payload: update };
  }

  function buildUpdate(bot: BotState, action: CustomerAction): TgUpdate {
    const { person } = action;
    const from = {
      id: person.id,
      is_bot: false,
      first_name: person.firstName,
      last_name: person.lastName,
      username: person.username,
      language_code: person.languageCode,
    };
    const isPrivate = action.visibility === "private";
    const chat = isPrivate
      ? {
          id: person.id,
          type: "private" as const,
          first_name: person.firstName,
          last_name: person.lastName,
          username: person.username,
        }
      : {
          id: -1_000_000_000_000 - bot.id,
          type: "supergroup" as const,
          title: `${bot.firstName} community chat`,
        };
    const mention = `@${bot.username}`;
    const text = isPrivate ? action.text : `${mention} ${action.text}`;
    const message: TgMessage = {
      message_id: nextMessageId(bot, chat.id),
      from,
      chat,
      date: Math.floor(Date.now() / 1000),
      text,
    };
    if (!isPrivate) message.entities = [{ type: "mention", offset: 0, length: mention.length }];
    if (action.attachment) attachFile(message, action.attachment, bot.nextUpdateId * 31 + person.id);
    return { update_id: bot.nextUpdateId++, message };
  }

  /** A photo or document as Telegram delivers it: the text becomes its caption, the file a file_id. */
  function attachFile(message: TgMessage, kind: "image" | "document", seed: number): void {
    const file = simulatedFile(simulatedFileId(kind, seed))!;
    message.caption = message.text;
    message.caption_entities = message.entities;
    delete message.text;
    delete message.entities;
    if (kind === "image") {
      // Telegram offers each photo in several sizes; the thumbnail here is the same file, as a fake may.
      const size = { file_id: file.id, file_unique_id: file.id, file_size: file.bytes.length };
      message.photo = [
        { ...size, width: 48, height: 32 },
        { ...size, width: file.width!, height: file.height! },
      ];
    } else {
      message.document = {
        file_id: file.id,
        file_unique_id: file.id,
        file_name: file.name,
        mime_type: file.mimeType,
        file_size: file.bytes.length,
      };
    }
  }

  function reply(c: Context, status: number, body: unknown) {
    return c.json(body, status as 200);
  }

  const fake = {
    platform: "telegram" as const,
    addBot,
    bots: () => [...bots.values()],
    accounts: () => [...bots.keys()],

    async act(account: string, action: CustomerAction): Promise<DeliveryOutcome> {
      const bot = bots.get(account);
      if (!bot) throw new Error(`No fake Telegram bot with token ${account}`);
      return deliver(bot, buildUpdate(bot, action));
    },

    /** Sends any update (edits, service messages, malformed shapes) as the platform would. */
    async deliverRaw(
      account: string,
      update: Omit<TgUpdate, "update_id"> & { update_id?: number },
    ): Promise<DeliveryOutcome> {
      const bot = bots.get(account);
      if (!bot) throw new Error(`No fake Telegram bot with token ${account}`);
      return deliver(bot, { ...update, update_id: update.update_id ?? bot.nextUpdateId++ } as TgUpdate);
    },

    /**
     * The customer presses the inline button whose label or callback_data is `button` under the bot's latest
     * message in their private chat that has one: a callback_query update, as Telegram sends it.
     */
    async pressButton(account: string, person: { id: number; firstName: string }, button: string) {
      const bot = bots.get(account);
      if (!bot) throw new Error(`No fake Telegram bot with token ${account}`);
      const message = [...bot.sent]
        .reverse()
        .find(
          (m) =>
            m.chat.id === person.id &&
            m.reply_markup?.inline_keyboard
              .flat()
              .some((b) => b.text === button || b.callback_data === button),
        );
      const pressed = message?.reply_markup?.inline_keyboard
        .flat()
        .find((b) => b.text === button || b.callback_data === button);
      if (!message || !pressed?.callback_data)
        throw new Error(`No button "${button}" in the chat with ${person.id}`);
      const id = `${bot.id}${bot.nextUpdateId}`;
      bot.openCallbacks.add(id);
      return fake.deliverRaw(account, {
        callback_query: {
          id,
          from: { id: person.id, is_bot: false, first_name: person.firstName },
          message,
          chat_instance: `ci${person.id}`,
          data: pressed.callback_data,
        },
      });
    },

    /** Messages the bot sent to a chat, with their keyboards. */
    sentTo(account: string, chatId: number): TgMessage[] {
      return bots.get(account)?.sent.filter((m) => m.chat.id === chatId) ?? [];
    },

    /** Callback queries the bot answered (answerCallbackQuery), in order. */
    answeredCallbacks(account: string): string[] {
      return bots.get(account)?.answeredCallbacks ?? [];
    },

    /** The customer edits a message they sent earlier: same message_id, new text, edit_date. */
    async editMessage(account: string, original: TgUpdate, text: string): Promise<DeliveryOutcome> {
      const message = original.message;
      if (!message) throw new Error("Only a message update can be edited");
      return fake.deliverRaw(account, {
        edited_message: { ...message, text, edit_date: Math.floor(Date.now() / 1000) },
      });
    },

    mount(app: Hono, state: SimulatorState): void {
      // Downloads: https://api.telegram.org/file/bot<token>/<file_path>, as getFile named it. Telegram's own file
      // server does not say what the file is, hence octet-stream here too.
      app.get("/file/:botpath{bot[^/]+}/:folder/:name", (c) => {
        const bot = bots.get(c.req.param("botpath").slice(3));
        const file = simulatedFile(c.req.param("name").replace(/\.[a-z]+$/, ""));
        state.record({ platform: "telegram", method: "file", params: { path: c.req.path }, outcome: "ok" });
        if (!bot || !file) return c.text("Not Found", 404);
        return c.body(new Uint8Array(file.bytes), 200, { "content-type": "application/octet-stream" });
      });
      app.on(["GET", "POST"], "/:botpath{bot[^/]+}/:method", async (c) => {
        const token = c.req.param("botpath").slice(3);
        const method = c.req.param("method");
        const params = await paramsOf(c);
        if (state.latencyMs > 0 && method !== "getUpdates") await stall(state.latencyMs);
        const bot = bots.get(token);
        const fault = state.takeFault("telegram", method);
        state.record({ platform: "telegram", method, params, outcome: fault?.kind ?? "ok" });
        if (fault) for (const [name, value] of Object.entries(faultHeaders(fault))) c.header(name, value);
        if (fault?.kind === "429")
          return reply(c, 429, {
            ok: false,
            error_code: 429,
            description: `Too Many Requests: retry after ${fault.retryAfterSeconds}`,
            // Whether Telegram also sends a Retry-After header is not documented: both are configurable.
            ...(fault.bodyHint === false ? {} : { parameters: { retry_after: fault.retryAfterSeconds } }),
          });
        if (fault?.kind === "500" && fault.httpStatus)
          return c.text("<html><body><h1>Bad Gateway</h1></body></html>", fault.httpStatus as 500);
        if (fault?.kind === "500")
          return reply(c, 500, { ok: false, error_code: 500, description: "Internal Server Error" });
        if (fault?.kind === "error") {
          const code = fault.errorCode ?? 400;
          return reply(c, code, {
            ok: false,
            error_code: code,
            description: TELEGRAM_ERRORS[code] ?? "Error",
          });
        }
        if (fault?.kind === "timeout") {
          await stall(options.timeoutStallMs ?? 20_000);
          return reply(c, 504, { ok: false, error_code: 504, description: "Gateway Timeout" });
        }
        if (!bot) return reply(c, 401, { ok: false, error_code: 401, description: "Unauthorized" });
        switch (method) {
          case "getMe":
            return reply(c, 200, {
              ok: true,
              result: {
                id: bot.id,
                is_bot: true,
                first_name: bot.firstName,
                username: bot.username,
                can_read_all_group_messages: false,
              },
            });
          case "setWebhook": {
            const url = String(params.url ?? "");
            bot.webhook = url
              ? { url, secret: params.secret_token === undefined ? undefined : String(params.secret_token) }
              : null;
            return reply(c, 200, {
              ok: true,
              result: true,
              description: url ? "Webhook was set" : "Webhook was deleted",
            });
          }
          case "deleteWebhook":
            bot.webhook = null;
            return reply(c, 200, { ok: true, result: true, description: "Webhook was deleted" });
          case "getWebhookInfo":
            return reply(c, 200, {
              ok: true,
              result: {
                url: bot.webhook?.url ?? "",
                has_custom_certificate: false,
                pending_update_count: bot.queue.length,
              },
            });
          case "getUpdates":
            return reply(c, ...(await getUpdates(bot, params)));
          case "getFile": {
            const file = simulatedFile(String(params.file_id ?? ""));
            if (!file)
              return reply(c, 400, {
                ok: false,
                error_code: 400,
                description: "Bad Request: invalid file_id",
              });
            const folder = file.kind === "image" ? "photos" : "documents";
            return reply(c, 200, {
              ok: true,
              result: {
                file_id: file.id,
                file_unique_id: file.id,
                file_size: file.bytes.length,
                file_path: `${folder}/${file.id}${file.kind === "image" ? ".png" : ".pdf"}`,
              },
            });
          }
          case "answerCallbackQuery": {
            const id = String(params.callback_query_id ?? "");
            if (!bot.openCallbacks.delete(id))
              return reply(c, 400, {
                ok: false,
                error_code: 400,
                description:
                  "Bad Request: query is too old and response timeout expired or query ID is invalid",
              });
            bot.answeredCallbacks.push(id);
            return reply(c, 200, { ok: true, result: true });
          }
          case "sendMessage":
          case "editMessageText": {
            const text = typeof params.text === "string" ? params.text : "";
            if (params.chat_id === undefined || params.chat_id === "")
              return reply(c, 400, {
                ok: false,
                error_code: 400,
                description: "Bad Request: chat_id is empty",
              });
            if (text.length === 0)
              return reply(c, 400, {
                ok: false,
                error_code: 400,
                description: "Bad Request: message text is empty",
              });
            if (text.length > 4096)
              return reply(c, 400, {
                ok: false,
                error_code: 400,
                description: "Bad Request: message is too long",
              });
            const chatId = Number(params.chat_id);
            const messageId =
              method === "editMessageText" ? Number(params.message_id) : nextMessageId(bot, chatId);
            const chat = { id: chatId, type: chatId < 0 ? ("supergroup" as const) : ("private" as const) };
            const markup = readKeyboard(params.reply_markup);
            if (markup === "invalid")
              return reply(c, 400, {
                ok: false,
                error_code: 400,
                description: "Bad Request: can't parse inline keyboard button: BUTTON_DATA_INVALID",
              });
            const sent: TgMessage = {
              message_id: messageId,
              from: { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username },
              chat,
              date: Math.floor(Date.now() / 1000),
              text,
              ...(markup ? { reply_markup: markup } : {}),
            };
            if (method === "sendMessage") bot.sent.push(sent);
            return reply(c, 200, { ok: true, result: sent });
          }
          default:
            return reply(c, 404, { ok: false, error_code: 404, description: "Not Found" });
        }
      });
    },
  };

  /** An inline keyboard as Telegram checks it: callback_data of 1-64 bytes on every button. */
  function readKeyboard(value: unknown): TgInlineKeyboardMarkup | "invalid" | undefined {
    if (value === undefined) return undefined;
    const markup = (typeof value === "string" ? JSON.parse(value) : value) as TgInlineKeyboardMarkup;
    const buttons = markup?.inline_keyboard?.flat?.() ?? [];
    const valid = buttons.every(
      (b) =>
        typeof b.text === "string" &&
        b.text.length > 0 &&
        typeof b.callback_data === "string" &&
        Buffer.byteLength(b.callback_data) >= 1 &&
        Buffer.byteLength(b.callback_data) <= 64,
    );
    return valid && buttons.length > 0 ? markup : "invalid";
  }

  async function getUpdates(bot: BotState, params: Record<string, unknown>): Promise<[number, unknown]> {
    if (bot.webhook)
      return [
        409,
        {
          ok: false,
          error_code: 409,
          description:
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        },
      ];
    const offset = params.offset === undefined ? undefined : Number(params.offset);
    // "An update is considered confirmed as soon as getUpdates is called with an offset higher than its update_id."
    if (offset !== undefined) bot.queue = bot.queue.filter((u) => u.update_id >= offset);
    const timeout = Math.min(Number(params.timeout ?? 0), maxPollSeconds);
    if (bot.queue.length === 0 && timeout > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          bot.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, timeout * 1000);
        bot.waiters.add(done);
      });
    }
    const limit = Math.min(Math.max(Number(params.limit ?? 100), 1), 100);
    return [200, { ok: true, result: bot.queue.slice(0, limit) }];
  }

  return fake satisfies PlatformFake;
}
