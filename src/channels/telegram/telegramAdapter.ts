import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import {
  type DeliveryError,
  PlatformRefusal,
  permanentError,
  retryableError,
} from "../../domain/deliveryError.ts";
import type { ReplyChoice } from "../../domain/replyChoice.ts";
import type {
  ChannelAdapter,
  ChannelContext,
  OutboundReply,
  PollResult,
  ProbeResult,
  SendResult,
  WebhookVerdict,
} from "../channelAdapter.ts";
import { callPlatform, httpStatusRefusal, joinUrl, retryAfterHeader } from "../platformHttp.ts";
import { parseWebhookJson } from "../webhookJson.ts";
import { locateTelegramFile } from "./telegramFiles.ts";
import { externalMessageId, parseTelegramUpdate } from "./telegramParser.ts";
import type { TgInlineKeyboardMarkup, TgMessage, TgResponse, TgUpdate } from "./telegramTypes.ts";

const settingsSchema = z.object({
  botToken: z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, "a bot token looks like 123456:ABC-DEF…"),
  // Telegram's own rule for secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -.
  webhookSecret: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters: letters, digits, _ and -"),
  mode: z.enum(["webhook", "polling"]).default("webhook"),
  botUsername: z
    .string()
    .regex(/^@?[A-Za-z0-9_]{3,64}$/)
    .optional(),
});
export type TelegramSettings = z.infer<typeof settingsSchema>;

const MAX_TEXT = 4096;
const POLL_TIMEOUT_SECONDS = 25;
const ALLOWED_UPDATES = [
  "message",
  "edited_message",
  "channel_post",
  "edited_channel_post",
  "business_message",
  "edited_business_message",
  "my_chat_member",
  "callback_query",
];
/** Telegram draws at most 8 inline buttons in a row; 6 keep an eleven-point scale readable on a phone. */
const BUTTONS_PER_ROW = 6;

function secretMatches(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function callBot<T>(
  channel: ChannelContext<TelegramSettings>,
  method: string,
  body: unknown,
  signal?: AbortSignal,
  timeoutMs?: number,
) {
  return callPlatform(
    joinUrl(channel.apiBaseUrl, `bot${channel.settings.botToken}/${method}`),
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal },
    timeoutMs,
  ) as Promise<
    | { ok: true; response: { status: number; headers: Headers; body: TgResponse<T> | null; text: string } }
    | { ok: false; error: DeliveryError }
  >;
}

/**
 * Maps the Bot API's error envelope (https://core.telegram.org/bots/api#making-requests) to a DeliveryError.
 * Flood control is 429 with `parameters.retry_after` in the body; whether Telegram also sends an HTTP
 * Retry-After header is not documented (PLATFORMS.md §12.6), so the body wins and the header is the fallback.
 * 401 is a revoked or wrong token (404 too: the token is part of the path); 403 is about one chat ("bot was
 * blocked by the user", "bot was kicked from the group chat") and never holds the whole bot back.
 */
export function telegramError(
  status: number,
  headers: Headers,
  body: TgResponse<unknown> | null,
): DeliveryError {
  const failure = body && body.ok === false ? body : null;
  if (!failure) {
    const bare = httpStatusRefusal("Telegram", status, headers);
    if (bare) return bare;
  }
  const code = failure?.error_code ?? status;
  const description = failure?.description ?? `HTTP ${status}`;
  const message = `Telegram ${code}: ${description}`;
  const label = `Telegram ${code}`;
  const retryAfter = failure?.parameters?.retry_after;
  const hint = typeof retryAfter === "number" && retryAfter >= 0 ? retryAfter : retryAfterHeader(headers);
  const error = (): DeliveryError => {
    if (code === 429) return retryableError("rate_limited", message, hint);
    if (code >= 500 || status >= 500) return retryableError("platform_unavailable", message, hint);
    if (code === 401 || code === 404) return permanentError("token_invalid", message, true);
    if (failure?.parameters?.migrate_to_chat_id !== undefined)
      return permanentError(
        "chat_migrated",
        `${message} (the group is now chat ${failure.parameters.migrate_to_chat_id})`,
      );
    if (code === 403) return permanentError("forbidden", message);
    return permanentError("rejected", message);
  };
  return { ...error(), status: label };
}

async function send(reply: OutboundReply, channel: ChannelContext<TelegramSettings>): Promise<SendResult> {
  const text = reply.text;
  if (text.length === 0 || text.length > MAX_TEXT) {
    return {
      ok: false,
      error: permanentError("invalid_text", `Telegram messages must be 1-${MAX_TEXT} characters`),
    };
  }
  const target = reply.replyTarget;
  // A private answer to someone who wrote in a group goes to their own chat with the bot.
  const privateFromGroup =
    reply.visibility === "private" && typeof target.chatId === "number" && target.chatId < 0;
  const chatId = privateFromGroup ? reply.recipientExternalId : target.chatId;
  if (chatId === undefined || chatId === null)
    return { ok: false, error: permanentError("no_recipient", "Nobody to send this to") };
  const body: Record<string, unknown> = { chat_id: chatId, text };
  if (!privateFromGroup && target.messageThreadId !== undefined)
    body.message_thread_id = target.messageThreadId;
  const quoted = reply.inReplyToExternalId?.split(":");
  if (!privateFromGroup && quoted?.length === 2 && quoted[0] === String(chatId)) {
    body.reply_parameters = { message_id: Number(quoted[1]), allow_sending_without_reply: true };
  }
  if (reply.choices && reply.choices.length > 0) body.reply_markup = inlineKeyboard(reply.choices);
  if (reply.acknowledgeChoiceId) {
    // Stops the pressed button's spinner. Telegram refuses answers to old presses; the message still goes.
    await callBot<boolean>(channel, "answerCallbackQuery", { callback_query_id: reply.acknowledgeChoiceId });
  }
  const result = await callBot<TgMessage>(channel, "sendMessage", body);
  if (!result.ok) return result;
  const { status, headers, body: answer } = result.response;
  if (status === 200 && answer?.ok)
    return { ok: true, externalId: externalMessageId(answer.result.chat.id, answer.result.message_id) };
  return { ok: false, error: telegramError(status, headers, answer) };
}

function inlineKeyboard(choices: ReplyChoice[]): TgInlineKeyboardMarkup {
  const rows: TgInlineKeyboardMarkup["inline_keyboard"] = [];
  for (let i = 0; i < choices.length; i += BUTTONS_PER_ROW)
    rows.push(
      choices.slice(i, i + BUTTONS_PER_ROW).map((c) => ({ text: c.label, callback_data: c.payload })),
    );
  return { inline_keyboard: rows };
}

function receiveWebhook(
  request: { headers: Record<string, string>; rawBody: string },
  channel: ChannelContext<TelegramSettings>,
): WebhookVerdict {
  const sent = request.headers["x-telegram-bot-api-secret-token"];
  if (sent === undefined)
    return { kind: "rejected", status: 401, reason: "Missing X-Telegram-Bot-Api-Secret-Token header" };
  if (!secretMatches(sent, channel.settings.webhookSecret))
    return { kind: "rejected", status: 403, reason: "Wrong secret token" };
  const parsed = parseWebhookJson(request.rawBody);
  if (!parsed.ok) return { kind: "malformed", reason: parsed.reason, rawBody: request.rawBody };
  const update = parsed.value;
  if (typeof update !== "object" || update === null || !Number.isInteger((update as TgUpdate).update_id)) {
    return {
      kind: "malformed",
      reason: "Not a Telegram Update: update_id is missing",
      rawBody: request.rawBody,
    };
  }
  return {
    kind: "events",
    events: [{ dedupKey: `update:${(update as TgUpdate).update_id}`, payload: update }],
  };
}

async function poll(
  channel: ChannelContext<TelegramSettings>,
  cursor: string | null,
  signal: AbortSignal,
): Promise<PollResult> {
  const body = {
    offset: cursor ? Number(cursor) : undefined,
    timeout: POLL_TIMEOUT_SECONDS,
    allowed_updates: ALLOWED_UPDATES,
  };
  const result = await callBot<TgUpdate[]>(
    channel,
    "getUpdates",
    body,
    signal,
    (POLL_TIMEOUT_SECONDS + 10) * 1000,
  );
  if (!result.ok) throw new PlatformRefusal(result.error);
  const { status, headers, body: answer } = result.response;
  if (!answer?.ok) throw new PlatformRefusal(telegramError(status, headers, answer));
  const updates = answer.result;
  const last = updates.reduce((max, u) => Math.max(max, u.update_id), -1);
  return {
    events: updates.map((u) => ({ dedupKey: `update:${u.update_id}`, payload: u })),
    nextCursor: last >= 0 ? String(last + 1) : cursor,
  };
}

async function connect(channel: ChannelContext<TelegramSettings>, webhookUrl: string): Promise<void> {
  const result =
    channel.settings.mode === "polling"
      ? await callBot<boolean>(channel, "deleteWebhook", { drop_pending_updates: false })
      : await callBot<boolean>(channel, "setWebhook", {
          url: webhookUrl,
          secret_token: channel.settings.webhookSecret,
          allowed_updates: ALLOWED_UPDATES,
          drop_pending_updates: false,
        });
  if (!result.ok) throw new Error(result.error.message);
  if (!result.response.body?.ok)
    throw new Error(
      telegramError(result.response.status, result.response.headers, result.response.body).message,
    );
}

/** getMe: the cheapest call that proves the token works and the Bot API answers. */
async function probe(channel: ChannelContext<TelegramSettings>): Promise<ProbeResult> {
  const result = await callBot<unknown>(channel, "getMe", {});
  if (!result.ok) return result;
  const { status, headers, body } = result.response;
  return status === 200 && body?.ok
    ? { ok: true }
    : { ok: false, error: telegramError(status, headers, body) };
}

export const telegramAdapter: ChannelAdapter<TelegramSettings> = {
  platform: "telegram",
  displayName: "Telegram",
  capabilities: {
    publicReplies: true,
    privateReplies: true,
    idempotentSend: false,
    polling: true,
    maxTextLength: MAX_TEXT,
  },
  defaultApiBaseUrl: "https://api.telegram.org",
  settingsSchema: settingsSchema as unknown as z.ZodType<TelegramSettings>,
  secretFields: ["botToken", "webhookSecret"],
  receiveWebhook,
  parse: (payload, channel) => parseTelegramUpdate(payload, channel.settings.botUsername),
  send,
  poll,
  connect,
  probe,
  locateAttachment: locateTelegramFile,
};
