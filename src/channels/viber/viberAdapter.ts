import { createHash } from "node:crypto";
import { z } from "zod";
import { type DeliveryError, permanentError } from "../../domain/deliveryError.ts";
import type {
  ChannelAdapter,
  ChannelContext,
  OutboundReply,
  ProbeResult,
  SendResult,
  WebhookRequest,
  WebhookVerdict,
} from "../channelAdapter.ts";
import { callPlatform, joinUrl } from "../platformHttp.ts";
import { keyboardFor, trackingDataFor } from "./viberChoices.ts";
import { viberError } from "./viberError.ts";
import { parseViberJson, viberToken } from "./viberJson.ts";
import { parseViberCallback } from "./viberParser.ts";
import { signatureMatches } from "./viberSignature.ts";
import type { ViberResponse } from "./viberTypes.ts";

/** Viber's limits: sender.name up to 28 characters, a text message up to 7,000 (send_message parameters). */
const MAX_SENDER_NAME = 28;
const MAX_TEXT = 7000;

const settingsSchema = z.object({
  authToken: z.string().regex(/^\S{8,200}$/, "the bot's token, shown as “Your app key” in its Edit Info"),
  senderName: z.string().trim().min(1).max(MAX_SENDER_NAME),
  senderAvatar: z.url().optional(),
  /** Sent once to a person who opens the chat and has not subscribed yet (conversation_started). */
  welcomeMessage: z.string().trim().max(MAX_TEXT).optional(),
});
export type ViberSettings = z.infer<typeof settingsSchema>;

/** Every callback Viber can filter; `message` and the webhook check always come. */
const EVENT_TYPES = ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"];

/** A request to https://chatapi.viber.com/pa/<endpoint>, authenticated by the X-Viber-Auth-Token header. */
async function callViber(
  channel: ChannelContext<ViberSettings>,
  endpoint: string,
  body: Record<string, unknown>,
): Promise<{ ok: true; answer: ViberResponse } | { ok: false; error: DeliveryError }> {
  const result = await callPlatform(joinUrl(channel.apiBaseUrl, `pa/${endpoint}`), {
    method: "POST",
    headers: { "content-type": "application/json", "x-viber-auth-token": channel.settings.authToken },
    body: JSON.stringify(body),
  });
  if (!result.ok) return result;
  const { status, headers, text } = result.response;
  // Parsed again from the text: the answer's message_token is 64-bit and JSON.parse would round it.
  const parsed = parseViberJson(text);
  const answer =
    parsed.ok && typeof parsed.value === "object" ? (parsed.value as ViberResponse | null) : null;
  if (status === 200 && answer?.status === 0) return { ok: true, answer };
  return { ok: false, error: viberError(status, headers, answer) };
}

function senderOf(settings: ViberSettings) {
  return { name: settings.senderName, ...(settings.senderAvatar ? { avatar: settings.senderAvatar } : {}) };
}

async function send(reply: OutboundReply, channel: ChannelContext<ViberSettings>): Promise<SendResult> {
  if (reply.text.length === 0 || reply.text.length > MAX_TEXT)
    return {
      ok: false,
      error: permanentError("invalid_text", `Viber messages must be 1-${MAX_TEXT} characters`),
    };
  const receiver = reply.replyTarget.receiver ?? reply.recipientExternalId;
  if (typeof receiver !== "string" || receiver.length === 0)
    return { ok: false, error: permanentError("no_recipient", "Nobody to send this to") };
  // Viber has no idempotency key of its own; the outbox's key rides in tracking_data, beside any choices.
  const withChoices = trackingDataFor(reply.idempotencyKey, reply.choices);
  const trackingData = withChoices ?? trackingDataFor(reply.idempotencyKey, undefined);
  const keyboard = withChoices ? keyboardFor(reply.choices) : undefined;
  const result = await callViber(channel, "send_message", {
    receiver,
    min_api_version: 1,
    sender: senderOf(channel.settings),
    tracking_data: trackingData,
    type: "text",
    text: reply.text,
    ...(keyboard ? { keyboard } : {}),
  });
  if (!result.ok) return result;
  const token = viberToken(result.answer.message_token);
  return token === undefined
    ? { ok: false, error: permanentError("rejected", "Viber returned no message_token") }
    : { ok: true, externalId: token };
}

/**
 * The door. Viber signs every callback with the bot's token (X-Viber-Content-Signature; its SDK also reads the
 * same signature from a `sig` query parameter Viber appends to the URL, PLATFORMS.md §8.1). A body that is not
 * Viber's is refused before anything is read from it.
 */
function receiveWebhook(request: WebhookRequest, channel: ChannelContext<ViberSettings>): WebhookVerdict {
  const sent = request.headers["x-viber-content-signature"] ?? request.query.sig;
  if (!sent) return { kind: "rejected", status: 401, reason: "Missing X-Viber-Content-Signature" };
  const bytes = request.rawBytes ?? Buffer.from(request.rawBody, "utf8");
  if (!signatureMatches(sent, bytes, channel.settings.authToken))
    return { kind: "rejected", status: 403, reason: "Wrong X-Viber-Content-Signature" };
  const parsed = parseViberJson(request.rawBody);
  if (!parsed.ok) return { kind: "malformed", reason: parsed.reason, rawBody: request.rawBody };
  const callback = parsed.value as Record<string, unknown> | null;
  if (typeof callback !== "object" || callback === null || typeof callback.event !== "string")
    return { kind: "malformed", reason: "Not a Viber callback: event is missing", rawBody: request.rawBody };
  // set_webhook's check: answered 200 and never stored.
  if (callback.event === "webhook") return { kind: "handshake", status: 200, body: "ok" };
  const token = viberToken(callback.message_token);
  // delivered and seen reuse the token of the message they concern: the event is part of the key.
  const dedupKey = `${callback.event}:${token ?? `sha256:${createHash("sha256").update(bytes).digest("hex")}`}`;
  const welcome = welcomeFor(callback, channel.settings);
  return {
    kind: "events",
    events: [{ dedupKey, payload: callback }],
    ...(welcome ? { ackBody: welcome, ackContentType: "application/json" as const } : {}),
  };
}

/**
 * The welcome message is "included in the body of the HTTP response to the conversation_started callback, and
 * not sent to the send_message endpoint" (https://creators.viber.com/docs/bots-api/resources/messaging/welcome-message),
 * in send_message's shape without `receiver`. Only a person who has not subscribed yet gets it: one who has
 * reopens an old chat.
 */
function welcomeFor(callback: Record<string, unknown>, settings: ViberSettings): string | undefined {
  if (callback.event !== "conversation_started" || callback.subscribed === true) return undefined;
  if (!settings.welcomeMessage) return undefined;
  return JSON.stringify({
    sender: senderOf(settings),
    min_api_version: 1,
    type: "text",
    text: settings.welcomeMessage,
  });
}

/** set_webhook: Viber checks the URL with a `webhook` callback before it answers (the door answers it). */
async function connect(channel: ChannelContext<ViberSettings>, webhookUrl: string): Promise<void> {
  const result = await callViber(channel, "set_webhook", {
    url: webhookUrl,
    event_types: EVENT_TYPES,
    send_name: true,
    send_photo: true,
  });
  if (!result.ok) throw new Error(result.error.message);
}

/** get_account_info: the cheapest call that proves the token still names the bot. */
async function probe(channel: ChannelContext<ViberSettings>): Promise<ProbeResult> {
  const result = await callViber(channel, "get_account_info", {});
  return result.ok ? { ok: true } : result;
}

export const viberAdapter: ChannelAdapter<ViberSettings> = {
  platform: "viber",
  displayName: "Viber",
  capabilities: {
    publicReplies: false,
    privateReplies: true,
    // Viber deduplicates nothing: a send interrupted in flight is flagged for an agent, never repeated blindly.
    idempotentSend: false,
    polling: false,
    maxTextLength: MAX_TEXT,
  },
  defaultApiBaseUrl: "https://chatapi.viber.com",
  settingsSchema: settingsSchema as unknown as z.ZodType<ViberSettings>,
  secretFields: ["authToken"],
  // Viber retries a callback that fails for an hour: an authentic event of a broken shape is kept and set aside.
  brokenEvents: "set_aside",
  reconnectsOnUrlChange: true,
  receiveWebhook,
  parse: (payload) => parseViberCallback(payload),
  send,
  connect,
  probe,
};
