import { z } from "zod";
import { concernsChannel } from "../../domain/channelHealth.ts";
import { PlatformRefusal, permanentError } from "../../domain/deliveryError.ts";
import type {
  ChannelAdapter,
  ChannelContext,
  OutboundModeration,
  OutboundReply,
  ProbeResult,
  Profile,
  SendResult,
  WebhookRequest,
  WebhookVerdict,
} from "../channelAdapter.ts";
import { locateMetaCdnFile } from "../meta/metaCdnFiles.ts";
import { META_SECRET_FIELDS, metaAppSettings } from "../meta/metaSettings.ts";
import { receiveMetaWebhook, splitMetaEnvelope } from "../meta/metaWebhook.ts";
import { quickRepliesOf } from "../meta/quickReplies.ts";
import { FACEBOOK_GRAPH, type GraphResult, instagramGraph } from "./instagramGraph.ts";
import { hydrateInstagramEvents, instagramEventsNeedHydration } from "./instagramHydrator.ts";
import { instagramDedupKey, parseInstagramItem } from "./instagramParser.ts";

const settingsSchema = metaAppSettings.extend({
  appId: z.string().regex(/^\d+$/, "the numeric Meta (or Instagram) app id"),
  /** With Instagram Login, the Instagram app secret: it signs the webhooks (PLATFORMS.md §1.2). */
  appSecret: z.string().min(8),
  /** The Instagram professional account id: webhooks name the channel by it (entry.id). */
  accountId: z.string().regex(/^\d+$/, "the numeric Instagram professional account id"),
  /** A Page token (Facebook Login) or an Instagram user token (Instagram Login). */
  accessToken: z.string().min(10),
  loginModel: z.enum(["facebook", "instagram"]).default("facebook"),
});
export type InstagramSettings = z.infer<typeof settingsSchema>;

/** Instagram direct messages allow 1000 characters (comments allow more; the stricter limit holds for both). */
const MAX_TEXT = 1000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const HUMAN_AGENT_DAYS = 7;
const PRIVATE_REPLY_DAYS = 7;

function receiveWebhook(request: WebhookRequest, channel: ChannelContext<InstagramSettings>): WebhookVerdict {
  return receiveMetaWebhook(request, channel.settings, "instagram", (envelope) =>
    splitMetaEnvelope(envelope).map((item) => ({
      dedupKey: instagramDedupKey(item),
      payload: item,
      accountId: item.entryId,
    })),
  );
}

const refuse = (code: string, message: string): SendResult => ({
  ok: false,
  error: permanentError(code, message),
});

function sentId(result: GraphResult): SendResult {
  if (!result.ok) return result;
  const id = result.answer.message_id ?? result.answer.id;
  return id ? { ok: true, externalId: String(id) } : refuse("rejected", "Instagram returned no id");
}

async function sendPublic(reply: OutboundReply, channel: ChannelContext<InstagramSettings>) {
  const target = reply.replyTarget;
  if (target.mentionMediaId !== undefined) {
    // A mention lives on someone else's media: the reply goes through the account's mentions edge (§4.2).
    return instagramGraph(channel, "POST", `${channel.settings.accountId}/mentions`, {
      media_id: String(target.mentionMediaId),
      ...(target.mentionCommentId ? { comment_id: String(target.mentionCommentId) } : {}),
      message: reply.text,
    });
  }
  if (target.live === true) return "Live video comments can only be answered privately" as const;
  // Only top-level comments take replies; a reply to a reply attaches to its top-level comment (§4.2).
  if (target.commentId === undefined) return "Nothing to reply to" as const;
  return instagramGraph(channel, "POST", `${String(target.commentId)}/replies`, { message: reply.text });
}

async function sendPrivate(reply: OutboundReply, channel: ChannelContext<InstagramSettings>) {
  const target = reply.replyTarget;
  const account = channel.settings.accountId;
  if (target.igsid !== undefined) {
    // Inside 24 hours of the customer's last message a plain reply; up to 7 days with the HUMAN_AGENT tag.
    const since = Date.now() - (reply.lastInboundAt ? Date.parse(reply.lastInboundAt) : Date.now());
    if (since > HUMAN_AGENT_DAYS * DAY_MS)
      return "More than 7 days since the customer last wrote: Instagram allows no reply" as const;
    const tagged = since > DAY_MS;
    return instagramGraph(channel, "POST", `${account}/messages`, {
      recipient: { id: String(target.igsid) },
      ...(tagged ? { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" } : {}),
      message: { text: reply.text, ...quickRepliesOf(reply.choices) },
    });
  }
  if (target.commentId !== undefined) {
    // A private reply to a commenter: once per comment (a second is refused with 10900), within 7 days.
    const commentedAt = Number(target.commentedAt ?? Date.now());
    if (Date.now() - commentedAt > PRIVATE_REPLY_DAYS * DAY_MS)
      return "The comment is older than 7 days: Instagram allows no private reply" as const;
    return instagramGraph(channel, "POST", `${account}/messages`, {
      recipient: { comment_id: String(target.commentId) },
      message: { text: reply.text },
    });
  }
  return null;
}

async function send(reply: OutboundReply, channel: ChannelContext<InstagramSettings>): Promise<SendResult> {
  if (reply.text.length === 0 || reply.text.length > MAX_TEXT)
    return refuse("invalid_text", `Instagram messages must be 1-${MAX_TEXT} characters`);
  if (reply.visibility === "public") {
    const result = await sendPublic(reply, channel);
    return typeof result === "string" ? refuse("no_target", result) : sentId(result);
  }
  const result = await sendPrivate(reply, channel);
  if (result === null) return refuse("no_recipient", "An Instagram mention can only be answered in public");
  return typeof result === "string" ? refuse("outside_window", result) : sentId(result);
}

/** Hides, unhides or deletes a comment on the account's media (PLATFORMS.md §4.2). */
async function moderate(
  action: OutboundModeration,
  channel: ChannelContext<InstagramSettings>,
): Promise<SendResult> {
  const target = action.targetExternalId;
  if (!/^[\w-]+$/.test(target)) return refuse("no_target", `Not an Instagram comment id: ${target}`);
  let result: GraphResult;
  if (action.operation === "hide" || action.operation === "unhide")
    result = await instagramGraph(channel, "POST", target, { hide: action.operation === "hide" });
  else if (action.operation === "delete") result = await instagramGraph(channel, "DELETE", target);
  else return refuse("not_supported", `Instagram cannot ${action.operation} a comment through the API`);
  return result.ok ? { ok: true, externalId: target } : result;
}

async function lookupProfiles(channel: ChannelContext<InstagramSettings>, ids: string[]) {
  const profiles = new Map<string, Profile>();
  for (const id of ids.filter((x) => /^\d+$/.test(x)).slice(0, 50)) {
    // The User Profile API gives messaging users' follower counts: the author's reach for listening.
    const result = await instagramGraph(channel, "GET", `${id}?fields=name,username,follower_count`);
    if (!result.ok) {
      // Throttling or an outage holds the account's lookups with it; one person Meta will not show is skipped.
      if (concernsChannel(result.error)) throw new PlatformRefusal(result.error);
      continue;
    }
    const name = typeof result.answer.name === "string" ? result.answer.name : undefined;
    const username = typeof result.answer.username === "string" ? result.answer.username : undefined;
    const reach = typeof result.answer.follower_count === "number" ? result.answer.follower_count : undefined;
    if (name || username) profiles.set(id, { displayName: name || username!, username, reach });
  }
  return profiles;
}

/** GET of the account itself: proves the token works and the Graph API answers. */
async function probe(channel: ChannelContext<InstagramSettings>): Promise<ProbeResult> {
  const result = await instagramGraph(channel, "GET", `${channel.settings.accountId}?fields=id,username`);
  return result.ok ? { ok: true } : result;
}

export const instagramAdapter: ChannelAdapter<InstagramSettings> = {
  platform: "instagram",
  displayName: "Instagram",
  capabilities: {
    publicReplies: true,
    privateReplies: true,
    idempotentSend: false,
    polling: false,
    maxTextLength: MAX_TEXT,
    moderation: ["hide", "unhide", "delete"],
    privateReplyWindow: { hours: 24, afterwards: "human_agent_tag", humanAgentHours: HUMAN_AGENT_DAYS * 24 },
    privateReplyToCommentDays: PRIVATE_REPLY_DAYS,
  },
  // Facebook Login's host; Instagram Login channels switch to graph.instagram.com (see graphBaseOf).
  defaultApiBaseUrl: FACEBOOK_GRAPH,
  settingsSchema: settingsSchema as unknown as z.ZodType<InstagramSettings>,
  secretFields: META_SECRET_FIELDS,
  brokenEvents: "set_aside",
  accountIdOf: (settings) => settings.accountId,
  receiveWebhook,
  parse: (payload, channel) => parseInstagramItem(payload, channel.settings.accountId),
  hydrate: hydrateInstagramEvents,
  needsHydration: instagramEventsNeedHydration,
  send,
  moderate,
  lookupProfiles,
  probe,
  locateAttachment: locateMetaCdnFile,
};
