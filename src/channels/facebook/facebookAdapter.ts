import { z } from "zod";
import { concernsChannel } from "../../domain/channelHealth.ts";
import { PlatformRefusal, permanentError } from "../../domain/deliveryError.ts";
import type {
  ChannelAdapter,
  ChannelContext,
  OutboundModeration,
  OutboundPublish,
  OutboundReply,
  ProbeResult,
  SendResult,
  WebhookRequest,
  WebhookVerdict,
} from "../channelAdapter.ts";
import { type GraphResult, graphRequest } from "../meta/graphClient.ts";
import { locateMetaCdnFile } from "../meta/metaCdnFiles.ts";
import { META_SECRET_FIELDS, metaAppSettings } from "../meta/metaSettings.ts";
import { receiveMetaWebhook, splitMetaEnvelope } from "../meta/metaWebhook.ts";
import { quickRepliesOf } from "../meta/quickReplies.ts";
import { facebookEventsNeedHydration, hydrateFacebookEvents } from "./facebookHydrator.ts";
import { facebookDedupKey, parseFacebookItem } from "./facebookParser.ts";

const settingsSchema = metaAppSettings.extend({
  /** The Page id: one channel per page; several pages of one app share the app's webhook. */
  accountId: z.string().regex(/^\d+$/, "the numeric Page id"),
});
export type FacebookSettings = z.infer<typeof settingsSchema>;

const MAX_TEXT = 8000;
const DAY_MS = 86_400_000;

function receiveWebhook(request: WebhookRequest, channel: ChannelContext<FacebookSettings>): WebhookVerdict {
  return receiveMetaWebhook(request, channel.settings, "page", (envelope) =>
    splitMetaEnvelope(envelope).map((item) => ({
      dedupKey: facebookDedupKey(item),
      payload: item,
      accountId: item.entryId,
    })),
  );
}

function graphPost(
  channel: ChannelContext<FacebookSettings>,
  path: string,
  body: unknown,
  method: "POST" | "DELETE" = "POST",
): Promise<GraphResult> {
  return graphRequest(channel.apiBaseUrl, channel.settings, "Facebook", method, path, body);
}

async function send(reply: OutboundReply, channel: ChannelContext<FacebookSettings>): Promise<SendResult> {
  if (reply.text.length === 0 || reply.text.length > MAX_TEXT)
    return {
      ok: false,
      error: permanentError("invalid_text", `Facebook messages must be 1-${MAX_TEXT} characters`),
    };
  const target = reply.replyTarget;
  const page = channel.settings.accountId;
  let result: GraphResult;
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
      message: { text: reply.text, ...quickRepliesOf(reply.choices) },
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
    const result = await graphRequest(
      channel.apiBaseUrl,
      channel.settings,
      "Facebook",
      "GET",
      `${id}?fields=first_name,last_name`,
    );
    if (!result.ok) {
      // Throttling or an outage holds the page's lookups with it; one person Meta will not show is skipped.
      if (concernsChannel(result.error)) throw new PlatformRefusal(result.error);
      continue;
    }
    const body = result.answer as { first_name?: string; last_name?: string };
    const name = [body.first_name, body.last_name].filter(Boolean).join(" ");
    if (name) profiles.set(id, { displayName: name });
  }
  return profiles;
}

/** GET of the page itself: proves the page token works and the Graph API answers. */
async function probe(channel: ChannelContext<FacebookSettings>): Promise<ProbeResult> {
  const result = await graphRequest(
    channel.apiBaseUrl,
    channel.settings,
    "Facebook",
    "GET",
    `${channel.settings.accountId}?fields=id`,
  );
  return result.ok ? { ok: true } : result;
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
  secretFields: META_SECRET_FIELDS,
  brokenEvents: "set_aside",
  accountIdOf: (settings) => settings.accountId,
  receiveWebhook,
  parse: (payload, channel) => parseFacebookItem(payload, channel.settings.accountId),
  send,
  moderate,
  publish,
  lookupProfiles,
  hydrate: hydrateFacebookEvents,
  needsHydration: facebookEventsNeedHydration,
  probe,
  locateAttachment: locateMetaCdnFile,
};
