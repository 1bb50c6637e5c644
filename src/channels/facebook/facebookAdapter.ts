import { createHash } from "node:crypto";
import { z } from "zod";
import { permanentError } from "../../domain/deliveryError.ts";
import type {
  ChannelAdapter,
  ChannelContext,
  OutboundModeration,
  OutboundPublish,
  OutboundReply,
  SendResult,
  WebhookRequest,
  WebhookVerdict,
} from "../channelAdapter.ts";
import { graphError } from "../meta/graphError.ts";
import {
  type MetaEnvelope,
  metaHandshake,
  metaSignatureValid,
  splitMetaEnvelope,
} from "../meta/metaWebhook.ts";
import { callPlatform, joinUrl } from "../platformHttp.ts";
import { facebookDedupKey, parseFacebookItem } from "./facebookParser.ts";

const settingsSchema = z.object({
  appId: z.string().regex(/^\d+$/, "the numeric Meta app id"),
  appSecret: z.string().min(8),
  verifyToken: z.string().min(8),
  /** The Page id: one channel per page; several pages of one app share the app's webhook. */
  accountId: z.string().regex(/^\d+$/, "the numeric Page id"),
  accessToken: z.string().min(10),
  apiVersion: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .default("v25.0"),
});
export type FacebookSettings = z.infer<typeof settingsSchema>;

const MAX_TEXT = 8000;
const DAY_MS = 86_400_000;

function receiveWebhook(request: WebhookRequest, channel: ChannelContext<FacebookSettings>): WebhookVerdict {
  if (request.method === "GET") return metaHandshake(request, channel.settings);
  const signature = metaSignatureValid(request, channel.settings.appSecret);
  if (signature === "missing")
    return { kind: "rejected", status: 401, reason: "Missing X-Hub-Signature-256 header" };
  if (!signature)
    return { kind: "rejected", status: 403, reason: "X-Hub-Signature-256 does not match the app secret" };
  let envelope: MetaEnvelope;
  try {
    envelope = JSON.parse(request.rawBody) as MetaEnvelope;
  } catch {
    return { kind: "malformed", reason: "Body is not JSON", rawBody: request.rawBody };
  }
  if (typeof envelope !== "object" || envelope === null || !Array.isArray(envelope.entry)) {
    return { kind: "malformed", reason: "Meta webhook without an entry array", rawBody: request.rawBody };
  }
  if (envelope.object !== "page") {
    // Meta disables webhooks that keep failing: an object this channel does not handle is kept and set aside.
    const digest = createHash("sha256").update(request.rawBody).digest("hex");
    return {
      kind: "events",
      events: [
        {
          dedupKey: `object:${envelope.object}:${digest}`,
          payload: {
            object: envelope.object,
            entryId: "",
            entryTime: 0,
            kind: "change",
            field: `object:${envelope.object}`,
            item: {},
          },
        },
      ],
    };
  }
  const events = splitMetaEnvelope(envelope).map((item) => ({
    dedupKey: facebookDedupKey(item),
    payload: item,
    accountId: item.entryId,
  }));
  return { kind: "events", events };
}

async function graphPost(
  channel: ChannelContext<FacebookSettings>,
  path: string,
  body: unknown,
  method: "POST" | "DELETE" = "POST",
) {
  const result = await callPlatform(joinUrl(channel.apiBaseUrl, `${channel.settings.apiVersion}/${path}`), {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${channel.settings.accessToken}` },
    ...(method === "POST" ? { body: JSON.stringify(body) } : {}),
  });
  if (!result.ok) return result;
  const { status, body: answer } = result.response;
  if (status >= 200 && status < 300 && answer && !(answer as { error?: unknown }).error)
    return { ok: true as const, answer: answer as Record<string, unknown> };
  return { ok: false as const, error: graphError(status, answer) };
}

async function send(reply: OutboundReply, channel: ChannelContext<FacebookSettings>): Promise<SendResult> {
  if (reply.text.length === 0 || reply.text.length > MAX_TEXT)
    return {
      ok: false,
      error: permanentError("invalid_text", `Facebook messages must be 1-${MAX_TEXT} characters`),
    };
  const target = reply.replyTarget;
  const page = channel.settings.accountId;
  let result: Awaited<ReturnType<typeof graphPost>>;
  if (reply.visibility === "public") {
    // Replies to a reply attach to its top-level comment; a visitor post is answered with a comment on it.
    const on = String(target.commentId ?? target.postId ?? "");
    if (!on) return { ok: false, error: permanentError("no_target", "Nothing to comment on") };
    result = await graphPost(channel, `${on}/comments`, { message: reply.text });
  } else if (target.psid !== undefined) {
    const lastInbound = reply.lastInboundAt ? Date.parse(reply.lastInboundAt) : Date.now();
    // Inside 24 hours of the customer's last message a RESPONSE; up to 7 days only with the HUMAN_AGENT tag.
    const outsideWindow = Date.now() - lastInbound > DAY_MS;
    if (Date.now() - lastInbound > 7 * DAY_MS)
      return {
        ok: false,
        error: permanentError(
          "outside_window",
          "More than 7 days since the customer last wrote: Messenger allows no reply",
        ),
      };
    result = await graphPost(channel, `${page}/messages`, {
      recipient: { id: String(target.psid) },
      messaging_type: outsideWindow ? "MESSAGE_TAG" : "RESPONSE",
      ...(outsideWindow ? { tag: "HUMAN_AGENT" } : {}),
      message: { text: reply.text },
    });
  } else if (target.commentId !== undefined) {
    // A private reply to a commenter: once per comment, within 7 days of it.
    result = await graphPost(channel, `${page}/messages`, {
      recipient: { comment_id: String(target.commentId) },
      message: { text: reply.text },
    });
  } else {
    return {
      ok: false,
      error: permanentError("no_recipient", "A visitor post can only be answered in public"),
    };
  }
  if (!result.ok) return result;
  const id = result.answer.message_id ?? result.answer.id;
  return id
    ? { ok: true, externalId: String(id) }
    : { ok: false, error: permanentError("rejected", "Facebook returned no id") };
}

/** Graph comment actions (https://developers.facebook.com/docs/graph-api/reference/comment/). */
async function moderate(
  action: OutboundModeration,
  channel: ChannelContext<FacebookSettings>,
): Promise<SendResult> {
  const id = action.targetExternalId;
  const result =
    action.operation === "hide" || action.operation === "unhide"
      ? await graphPost(channel, id, { is_hidden: action.operation === "hide" })
      : action.operation === "like"
        ? await graphPost(channel, `${id}/likes`, {})
        : action.operation === "unlike"
          ? await graphPost(channel, `${id}/likes`, {}, "DELETE")
          : await graphPost(channel, id, {}, "DELETE");
  return result.ok ? { ok: true, externalId: id } : result;
}

async function publish(
  action: OutboundPublish,
  channel: ChannelContext<FacebookSettings>,
): Promise<SendResult> {
  const result = await graphPost(channel, `${channel.settings.accountId}/feed`, {
    message: action.text,
    ...(action.link ? { link: action.link } : {}),
  });
  if (!result.ok) return result;
  return result.answer.id
    ? { ok: true, externalId: String(result.answer.id) }
    : { ok: false, error: permanentError("rejected", "Facebook returned no post id") };
}

async function lookupProfiles(channel: ChannelContext<FacebookSettings>, ids: string[]) {
  const profiles = new Map<string, { displayName: string }>();
  for (const id of ids.filter((x) => /^\d+$/.test(x)).slice(0, 50)) {
    const result = await callPlatform(
      joinUrl(channel.apiBaseUrl, `${channel.settings.apiVersion}/${id}?fields=first_name,last_name`),
      {
        headers: { authorization: `Bearer ${channel.settings.accessToken}` },
      },
    );
    const body = result.ok
      ? (result.response.body as { first_name?: string; last_name?: string } | null)
      : null;
    const name = [body?.first_name, body?.last_name].filter(Boolean).join(" ");
    if (name) profiles.set(id, { displayName: name });
  }
  return profiles;
}

export const facebookAdapter: ChannelAdapter<FacebookSettings> = {
  platform: "facebook",
  displayName: "Facebook Page",
  capabilities: {
    publicReplies: true,
    privateReplies: true,
    idempotentSend: false,
    polling: false,
    maxTextLength: MAX_TEXT,
    moderation: ["hide", "unhide", "like", "unlike", "delete"],
    publishing: true,
    privateReplyWindow: { hours: 24, afterwards: "human_agent_tag", humanAgentHours: 168 },
    privateReplyToCommentDays: 7,
  },
  defaultApiBaseUrl: "https://graph.facebook.com",
  settingsSchema: settingsSchema as unknown as z.ZodType<FacebookSettings>,
  secretFields: ["appSecret", "verifyToken", "accessToken"],
  brokenEvents: "set_aside",
  accountIdOf: (settings) => settings.accountId,
  receiveWebhook,
  parse: (payload, channel) => parseFacebookItem(payload, channel.settings.accountId),
  send,
  moderate,
  publish,
  lookupProfiles,
};
