import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { concernsChannel } from "../../domain/channelHealth.ts";
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
  ProbeResult,
  Profile,
  SendResult,
  WebhookRequest,
  WebhookVerdict,
} from "../channelAdapter.ts";
import { callPlatform, httpStatusRefusal, joinUrl } from "../platformHttp.ts";
import { describeValue, parseWebhookJson } from "../webhookJson.ts";
import { locateVkFile } from "./vkFiles.ts";
import { parseVkCallback, vkCommentId, vkMessageId } from "./vkParser.ts";
import type { VkCallback, VkError } from "./vkTypes.ts";

const settingsSchema = z.object({
  groupId: z.coerce.number().int().positive(),
  accessToken: z.string().min(1),
  secretKey: z.string().min(1).max(50),
  confirmationCode: z.string().min(1).max(100),
  apiVersion: z
    .string()
    .regex(/^5\.\d+$/)
    .default("5.199"),
});
export type VkSettings = z.infer<typeof settingsSchema>;

const MAX_TEXT = 4096;

function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** VK deduplicates messages.send by random_id (an int32); deriving it from our key makes every retry the same call. */
export function randomIdFor(idempotencyKey: string): number {
  const value = createHash("sha256").update(idempotencyKey).digest().readInt32BE(0);
  return value === 0 ? 1 : value;
}

function receiveWebhook(request: WebhookRequest, channel: ChannelContext<VkSettings>): WebhookVerdict {
  const parsed = parseWebhookJson(request.rawBody);
  if (!parsed.ok) {
    // The secret lives inside the body: an unreadable body cannot be shown to be VK's.
    return {
      kind: "rejected",
      status: 401,
      reason: "Body is not a VK Callback API JSON object; cannot verify the secret",
    };
  }
  const body = parsed.value;
  if (typeof body !== "object" || body === null || typeof (body as VkCallback).type !== "string") {
    return { kind: "rejected", status: 401, reason: "Not a VK Callback API event; cannot verify the secret" };
  }
  const event = body as VkCallback;
  const groupId = event.group_id as unknown;
  // Only a number or a numeric string names a group (Number() of an object may even throw).
  if (
    (typeof groupId !== "number" && typeof groupId !== "string") ||
    Number(groupId) !== channel.settings.groupId
  )
    return {
      kind: "rejected",
      status: 403,
      reason: `Event for group ${describeValue(groupId)}, not ${channel.settings.groupId}`,
    };
  if (event.type === "confirmation")
    return { kind: "handshake", status: 200, body: channel.settings.confirmationCode };
  if (typeof event.secret !== "string") return { kind: "rejected", status: 401, reason: "Missing secret" };
  if (!sameSecret(event.secret, channel.settings.secretKey))
    return { kind: "rejected", status: 403, reason: "Wrong secret" };
  if (
    typeof event.object !== "object" ||
    event.object === null ||
    (event.event_id !== undefined && typeof event.event_id !== "string")
  ) {
    return {
      kind: "malformed",
      reason: `VK ${event.type} event lacks object or has a malformed event_id`,
      rawBody: request.rawBody,
    };
  }
  const dedupKey = event.event_id
    ? `event:${event.event_id}`
    : `sha256:${createHash("sha256").update(request.rawBody).digest("hex")}`;
  return { kind: "events", events: [{ dedupKey, payload: event }], ackBody: "ok" };
}

/**
 * VK answers errors with HTTP 200 and {"error": {...}} (https://dev.vk.com/en/reference/errors; codes from the
 * official schema, PLATFORMS.md §7.2). VK gives no wait with its throttling codes, so the waits are its
 * documented windows: 6 is a per-second limit, 9 flood control, 29 a method's quota (held for that kind of call
 * only, not the whole community), 10 and 1 are VK's own failures.
 */
export function vkError(error: VkError): DeliveryError {
  const message = `VK error ${error.error_code}: ${error.error_msg}`;
  const mapped = (): DeliveryError => {
    switch (error.error_code) {
      case 6:
        return retryableError("rate_limited", message, 1);
      case 9:
        return retryableError("rate_limited", message, 60);
      case 29:
        return { ...retryableError("rate_limited", message, 3600), scope: "method" };
      case 1:
      case 10:
        return retryableError("platform_unavailable", message);
      case 5:
        return permanentError("token_invalid", message, true);
      case 14:
        return permanentError("captcha_required", message);
      case 7:
      case 15:
      case 212:
      case 900:
      case 901:
      case 902:
        return permanentError("forbidden", message);
      case 914:
        return permanentError("message_too_long", message);
      default:
        return permanentError("rejected", message);
    }
  };
  return { ...mapped(), status: `VK error ${error.error_code}` };
}

async function callMethod(
  channel: ChannelContext<VkSettings>,
  method: string,
  params: Record<string, string | number>,
) {
  const form = new URLSearchParams({
    v: channel.settings.apiVersion,
    access_token: channel.settings.accessToken,
  });
  for (const [key, value] of Object.entries(params)) form.set(key, String(value));
  const result = await callPlatform(joinUrl(channel.apiBaseUrl, `method/${method}`), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  if (!result.ok) return result;
  const { status, headers, body } = result.response;
  const bare = httpStatusRefusal("VK", status, headers);
  if (bare) return { ok: false as const, error: bare };
  const answer = body as { response?: unknown; error?: VkError } | null;
  if (answer?.error) return { ok: false as const, error: vkError(answer.error) };
  if (!answer || !("response" in answer))
    return {
      ok: false as const,
      error: {
        ...retryableError("platform_unavailable", `VK: unexpected answer (HTTP ${status})`),
        status: `VK HTTP ${status}`,
      },
    };
  return { ok: true as const, response: answer.response };
}

/** VK's inline keyboard holds at most 10 buttons, 5 to a row; labels up to 40, payloads up to 255 characters. */
const MAX_KEYBOARD_BUTTONS = 10;
const BUTTONS_PER_ROW = 5;

/**
 * Choices as an inline keyboard of text buttons (https://dev.vk.com/en/api/bots/development/keyboard): a press
 * sends the label as the person's message with our payload beside it. An eleven-point scale does not fit and
 * is asked in words alone.
 */
function keyboardOf(choices: ReplyChoice[] | undefined): string | undefined {
  if (!choices || choices.length === 0 || choices.length > MAX_KEYBOARD_BUTTONS) return undefined;
  const buttons = choices.map((c) => ({
    action: { type: "text", label: c.label.slice(0, 40), payload: JSON.stringify({ choice: c.payload }) },
    color: "secondary",
  }));
  const rows = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW) rows.push(buttons.slice(i, i + BUTTONS_PER_ROW));
  return JSON.stringify({ inline: true, buttons: rows });
}

async function send(reply: OutboundReply, channel: ChannelContext<VkSettings>): Promise<SendResult> {
  if (reply.text.length === 0 || reply.text.length > MAX_TEXT)
    return {
      ok: false,
      error: permanentError("invalid_text", `VK messages must be 1-${MAX_TEXT} characters`),
    };
  const target = reply.replyTarget;
  if (reply.visibility === "public") {
    const params: Record<string, string | number> = {
      owner_id: Number(target.ownerId),
      post_id: Number(target.postId),
      message: reply.text,
      from_group: channel.settings.groupId,
      guid: reply.idempotencyKey,
    };
    if (target.commentId !== undefined) params.reply_to_comment = Number(target.commentId);
    const result = await callMethod(channel, "wall.createComment", params);
    if (!result.ok) return result;
    const commentId = (result.response as { comment_id?: number }).comment_id;
    return commentId === undefined
      ? { ok: false, error: permanentError("rejected", "VK returned no comment_id") }
      : { ok: true, externalId: vkCommentId(Number(target.ownerId), commentId) };
  }
  // A private answer to a wall comment goes to the commenter (peerId of the comment's author).
  const peerId = Number(target.peerId ?? reply.recipientExternalId);
  if (!Number.isFinite(peerId))
    return { ok: false, error: permanentError("no_recipient", "Nobody to send this to") };
  const params: Record<string, string | number> = {
    peer_ids: peerId,
    random_id: randomIdFor(reply.idempotencyKey),
    message: reply.text,
    group_id: channel.settings.groupId,
  };
  const keyboard = keyboardOf(reply.choices);
  if (keyboard) params.keyboard = keyboard;
  const quoted = reply.inReplyToExternalId?.match(/^msg:(-?\d+)_(\d+)$/);
  if (quoted && Number(quoted[1]) === peerId)
    params.forward = JSON.stringify({
      peer_id: peerId,
      conversation_message_ids: [Number(quoted[2])],
      is_reply: true,
    });
  const result = await callMethod(channel, "messages.send", params);
  if (!result.ok) return result;
  const [sent] = (Array.isArray(result.response) ? result.response : []) as {
    peer_id: number;
    conversation_message_id?: number;
    message_id?: number;
    error?: VkError;
  }[];
  if (!sent) return { ok: false, error: permanentError("rejected", "VK returned no message") };
  if (sent.error) return { ok: false, error: vkError(sent.error) };
  return { ok: true, externalId: vkMessageId(sent.peer_id, sent.conversation_message_id ?? sent.message_id) };
}

/** users.get takes up to 1000 ids; callbacks name people by id only. */
async function lookupProfiles(channel: ChannelContext<VkSettings>, externalIds: string[]) {
  const profiles = new Map<string, Profile>();
  const ids = externalIds.filter((id) => /^\d+$/.test(id)).slice(0, 1000);
  if (ids.length === 0) return profiles;
  const result = await callMethod(channel, "users.get", {
    user_ids: ids.join(","),
    fields: "screen_name,followers_count",
  });
  if (!result.ok) {
    // A refusal of the whole community waits with it; any other (a bad id) gives these names up.
    if (concernsChannel(result.error)) throw new PlatformRefusal(result.error);
    return profiles;
  }
  for (const user of (result.response ?? []) as {
    id: number;
    first_name?: string;
    last_name?: string;
    screen_name?: string;
    followers_count?: number;
  }[]) {
    const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
    if (name)
      profiles.set(String(user.id), {
        displayName: name,
        username: user.screen_name,
        reach: typeof user.followers_count === "number" ? user.followers_count : undefined,
      });
  }
  return profiles;
}

/** groups.getById of the channel's own community: proves the token works and VK answers. */
async function probe(channel: ChannelContext<VkSettings>): Promise<ProbeResult> {
  const result = await callMethod(channel, "groups.getById", { group_id: channel.settings.groupId });
  return result.ok ? { ok: true } : result;
}

export const vkAdapter: ChannelAdapter<VkSettings> = {
  platform: "vk",
  displayName: "VK",
  // random_id and guid make repeated sends harmless, so an interrupted delivery is simply retried.
  capabilities: {
    publicReplies: true,
    privateReplies: true,
    idempotentSend: true,
    polling: false,
    maxTextLength: MAX_TEXT,
  },
  defaultApiBaseUrl: "https://api.vk.com",
  settingsSchema: settingsSchema as unknown as z.ZodType<VkSettings>,
  secretFields: ["accessToken", "secretKey"],
  receiveWebhook,
  parse: (payload, channel) => parseVkCallback(payload, channel.settings.groupId),
  send,
  sendKeyOf: (idempotencyKey) => String(randomIdFor(idempotencyKey)),
  lookupProfiles,
  probe,
  locateAttachment: locateVkFile,
};
