import { permanentError } from "../../domain/deliveryError.ts";
import type { ChannelContext, OutboundModeration, OutboundReply, SendResult } from "../channelAdapter.ts";
import { callX } from "./xHttp.ts";
import type { XSettings } from "./xSettings.ts";

/** A post holds 280 characters (weighted; Parley counts plainly and lets X refuse the rare overlong one). */
export const MAX_POST = 280;
export const MAX_DM = 10_000;

/**
 * A public answer is a post in reply to the customer's (newest version of the) post; a private one is a DM to
 * the person (POST /2/dm_conversations/with/:participant_id/messages). X has no idempotency key: a send whose
 * outcome is unknown is flagged by the outbox, never repeated blindly.
 */
export async function sendX(reply: OutboundReply, channel: ChannelContext<XSettings>): Promise<SendResult> {
  const limit = reply.visibility === "public" ? MAX_POST : MAX_DM;
  if (reply.text.length === 0 || reply.text.length > limit)
    return {
      ok: false,
      error: permanentError(
        "invalid_text",
        `X ${reply.visibility === "public" ? "posts" : "DMs"} must be 1-${limit} characters`,
      ),
    };
  const target = reply.replyTarget;
  if (reply.visibility === "public") {
    const tweetId = typeof target.tweetId === "string" ? target.tweetId : reply.inReplyToExternalId;
    if (!tweetId) return { ok: false, error: permanentError("no_target", "No post to answer") };
    const answer = await callX<{ data?: { id?: string } }>(channel, {
      method: "POST",
      path: "2/tweets",
      body: { text: reply.text, reply: { in_reply_to_tweet_id: tweetId } },
      auth: "user",
    });
    if (!answer.ok) return answer;
    const id = answer.body?.data?.id;
    return id
      ? { ok: true, externalId: id }
      : { ok: false, error: permanentError("rejected", "X returned no post id") };
  }
  const participant =
    (typeof target.participantId === "string" ? target.participantId : undefined) ??
    (typeof target.authorId === "string" ? target.authorId : undefined) ??
    reply.recipientExternalId;
  if (!participant) return { ok: false, error: permanentError("no_recipient", "Nobody to send this to") };
  const answer = await callX<{ data?: { dm_event_id?: string } }>(channel, {
    method: "POST",
    path: `2/dm_conversations/with/${participant}/messages`,
    body: { text: reply.text },
    auth: "user",
  });
  if (!answer.ok) return answer;
  const id = answer.body?.data?.dm_event_id;
  // Stored as the DM event's id, so the echo in dm_events is known as this message.
  return id
    ? { ok: true, externalId: `dm:${id}` }
    : { ok: false, error: permanentError("rejected", "X returned no DM event id") };
}

/**
 * Hide or unhide a reply under the brand's post (PUT /2/tweets/:id/hidden) and like or unlike a post
 * (POST /2/users/:id/likes, DELETE /2/users/:id/likes/:tweet_id). The target is the logical post id.
 */
export async function moderateX(
  action: OutboundModeration,
  channel: ChannelContext<XSettings>,
): Promise<SendResult> {
  const id = action.targetExternalId;
  if (!/^\d{1,20}$/.test(id))
    return { ok: false, error: permanentError("invalid_target", "Only posts can be moderated") };
  const me = channel.settings.accountId;
  const answer =
    action.operation === "hide" || action.operation === "unhide"
      ? await callX(channel, {
          method: "PUT",
          path: `2/tweets/${id}/hidden`,
          body: { hidden: action.operation === "hide" },
          auth: "user",
        })
      : action.operation === "like"
        ? await callX(channel, {
            method: "POST",
            path: `2/users/${me}/likes`,
            body: { tweet_id: id },
            auth: "user",
          })
        : action.operation === "unlike"
          ? await callX(channel, { method: "DELETE", path: `2/users/${me}/likes/${id}`, auth: "user" })
          : await callX(channel, { method: "DELETE", path: `2/tweets/${id}`, auth: "user" });
  return answer.ok ? { ok: true, externalId: id } : answer;
}
