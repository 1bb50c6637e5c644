import { concernsChannel } from "../../domain/channelHealth.ts";
import { PlatformRefusal } from "../../domain/deliveryError.ts";
import type { InboundEvent, InboundMessage } from "../../domain/inboundEvent.ts";
import type { ChannelContext } from "../channelAdapter.ts";
import { type GraphSettings, graphRequest } from "../meta/graphClient.ts";
import { str } from "../meta/messagingDedupKey.ts";

/**
 * Fills in a Page mention that came without its words (the adapter's `hydrate`, run by the ingest worker outside
 * its transaction). Meta's `mention` change often names only `post_id` and maybe `comment_id`; the text, the
 * author and the post are read with `GET /{comment-id}` or `GET /{post-id}` (PLATFORMS.md §3.1), as Instagram
 * mentions are. A retryable refusal (throttling, an outage) or a revoked token throws, so the raw event is tried
 * again and the page's wait kept; a permanent one (the comment was deleted) leaves the placeholder.
 */
type Json = Record<string, unknown>;
const TIMEOUT_MS = 5_000;

const isBareMention = (event: InboundEvent): event is InboundMessage =>
  event.type === "message" && event.replyTarget.hydrated === false;

export function facebookEventsNeedHydration(events: InboundEvent[]): boolean {
  return events.some(isBareMention);
}

export async function hydrateFacebookEvents(
  events: InboundEvent[],
  channel: ChannelContext<GraphSettings>,
): Promise<InboundEvent[]> {
  const hydrated: InboundEvent[] = [];
  for (const event of events)
    hydrated.push(isBareMention(event) ? await hydrateMention(event, channel) : event);
  return hydrated;
}

async function hydrateMention(
  event: InboundMessage,
  channel: ChannelContext<GraphSettings>,
): Promise<InboundMessage> {
  const { hydrated: _, ...replyTarget } = event.replyTarget;
  const commentId = replyTarget.commentId ? String(replyTarget.commentId) : undefined;
  const postId = String(replyTarget.postId);
  const fields = "id,message,from,created_time,permalink_url";
  const result = await graphRequest(
    channel.apiBaseUrl,
    channel.settings,
    "Facebook",
    "GET",
    `${commentId ?? postId}?fields=${encodeURIComponent(fields)}`,
    undefined,
    TIMEOUT_MS,
  );
  if (!result.ok) {
    if (concernsChannel(result.error) || result.error.retryable) throw new PlatformRefusal(result.error);
    return { ...event, replyTarget };
  }
  const answer: Json = result.answer;
  const from = answer.from as Json | undefined;
  const fromId = str(from?.id);
  const at = str(answer.created_time);
  const author =
    fromId && event.author.externalId.startsWith("post:")
      ? { externalId: fromId, displayName: str(from?.name) ?? `Facebook user ${fromId}` }
      : event.author;
  return {
    ...event,
    text: str(answer.message) ?? event.text,
    author,
    sentAt: at && !Number.isNaN(Date.parse(at)) ? new Date(at) : event.sentAt,
    post:
      !commentId && event.post
        ? {
            ...event.post,
            text: str(answer.message) ?? event.post.text,
            permalink: str(answer.permalink_url) ?? event.post.permalink,
          }
        : event.post,
    replyTarget: { ...replyTarget, commenterId: author.externalId },
  };
}
