import { concernsChannel } from "../../domain/channelHealth.ts";
import { PlatformRefusal } from "../../domain/deliveryError.ts";
import type { InboundEvent, InboundMessage } from "../../domain/inboundEvent.ts";
import type { ChannelContext } from "../channelAdapter.ts";
import { type InstagramGraphSettings, instagramGraph } from "./instagramGraph.ts";

/**
 * Fills in what Instagram webhooks name by id only (the adapter's `hydrate`, run by the ingest worker outside
 * its transaction):
 * - a mention carries `media_id` and maybe `comment_id`, never the text; it is read through the account's
 *   `mentioned_comment` / `mentioned_media` fields (PLATFORMS.md §4.1; a mention's comment cannot be read as
 *   `GET /{comment-id}` unless the account owns it);
 * - a comment carries its media's id without the caption, which the agent needs as the thread's post.
 * Throws a `PlatformRefusal` only for retryable failures (timeouts, throttling) and a revoked token, so the raw
 * event is tried again later and the account's wait is honoured; on a permanent refusal (the comment was
 * deleted, comments were disabled) the mention keeps its placeholder text.
 */
type Settings = InstagramGraphSettings & { accountId: string };
type Json = Record<string, unknown>;

const TIMEOUT_MS = 5_000;
const CACHE_LIMIT = 500;
const CACHE_TTL_MS = 10 * 60_000;

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

interface MediaInfo {
  caption: string;
  permalink?: string | undefined;
  username?: string | undefined;
  postedAt?: Date | undefined;
}

/** A comment burst under one post asks for its caption once. Keyed by channel, bounded, short-lived. */
const mediaCache = new Map<string, { media: MediaInfo; at: number }>();

function mediaInfo(json: Json | undefined): MediaInfo {
  const timestamp = str(json?.timestamp);
  return {
    caption: str(json?.caption) ?? "",
    permalink: str(json?.permalink),
    username: str(json?.username),
    postedAt: timestamp && !Number.isNaN(Date.parse(timestamp)) ? new Date(timestamp) : undefined,
  };
}

export async function hydrateInstagramEvents(
  events: InboundEvent[],
  channel: ChannelContext<Settings>,
): Promise<InboundEvent[]> {
  const hydrated: InboundEvent[] = [];
  for (const event of events) {
    if (event.type !== "message") hydrated.push(event);
    else if (isBareMention(event)) hydrated.push(await hydrateMention(event, channel));
    else if (lacksCaption(event)) hydrated.push(...(await withCaption(event, channel)));
    else hydrated.push(event);
  }
  return hydrated;
}

const isBareMention = (event: InboundMessage) => event.replyTarget.hydrated === false;
const lacksCaption = (event: InboundMessage) =>
  event.visibility === "public" && event.post !== undefined && !event.post.text && !event.fromAccount;

/** Whether hydrating these events may ask Instagram anything (a direct message never does). */
export function instagramEventsNeedHydration(events: InboundEvent[]): boolean {
  return events.some((e) => e.type === "message" && (isBareMention(e) || lacksCaption(e)));
}

async function hydrateMention(
  event: InboundMessage,
  channel: ChannelContext<Settings>,
): Promise<InboundMessage> {
  const { hydrated: _, ...replyTarget } = event.replyTarget;
  const mediaId = String(replyTarget.mentionMediaId);
  const commentId = replyTarget.mentionCommentId ? String(replyTarget.mentionCommentId) : undefined;
  const fields = commentId
    ? `mentioned_comment.comment_id(${commentId}){id,text,timestamp,media{id,caption,permalink,username,timestamp}}`
    : `mentioned_media.media_id(${mediaId}){id,caption,permalink,username,timestamp}`;
  const result = await instagramGraph(
    channel,
    "GET",
    `${channel.settings.accountId}?fields=${encodeURIComponent(fields)}`,
    undefined,
    TIMEOUT_MS,
  );
  if (!result.ok) {
    if (result.error.retryable || result.error.needsReauth) throw new PlatformRefusal(result.error);
    return { ...event, replyTarget };
  }
  const comment = result.answer.mentioned_comment as Json | undefined;
  const mediaJson = (commentId ? comment?.media : result.answer.mentioned_media) as Json | undefined;
  const media = mediaInfo(mediaJson);
  const post = {
    externalId: mediaId,
    text: media.caption,
    permalink: media.permalink,
    authorName: media.username,
    createdAt: media.postedAt,
  };
  if (commentId) {
    const text = str(comment?.text);
    const at = str(comment?.timestamp);
    return {
      ...event,
      text: text ?? event.text,
      sentAt: at && !Number.isNaN(Date.parse(at)) ? new Date(at) : event.sentAt,
      post,
      replyTarget,
    };
  }
  // A caption mention: the post is the message, and its owner the author.
  return {
    ...event,
    text: media.caption || event.text,
    sentAt: media.postedAt ?? event.sentAt,
    author: media.username
      ? { externalId: `username:${media.username}`, displayName: media.username, username: media.username }
      : event.author,
    post,
    replyTarget,
  };
}

async function withCaption(
  event: InboundMessage,
  channel: ChannelContext<Settings>,
): Promise<InboundEvent[]> {
  const mediaId = event.post!.externalId;
  const key = `${channel.id}:${mediaId}`;
  const cached = mediaCache.get(key);
  let media = cached && Date.now() - cached.at < CACHE_TTL_MS ? cached.media : undefined;
  const fetched = !media;
  if (!media) {
    const result = await instagramGraph(
      channel,
      "GET",
      `${mediaId}?fields=${encodeURIComponent("id,caption,permalink,username,timestamp")}`,
      undefined,
      TIMEOUT_MS,
    );
    // The caption is context, not content: without it the comment still goes in. Only a refusal of the whole
    // account (throttling, an outage, a revoked token) holds the comment back, so the account's wait is kept.
    if (!result.ok) {
      if (concernsChannel(result.error)) throw new PlatformRefusal(result.error);
      return [event];
    }
    media = mediaInfo(result.answer);
    if (mediaCache.size >= CACHE_LIMIT) mediaCache.delete(mediaCache.keys().next().value!);
    mediaCache.set(key, { media, at: Date.now() });
  }
  const post = {
    externalId: mediaId,
    text: media.caption,
    permalink: event.post!.permalink ?? media.permalink,
    authorName: media.username,
    createdAt: media.postedAt,
  };
  // A fresh fetch also records the caption as the post's, in case an earlier comment created it without.
  return fetched
    ? [
        { type: "post", platform: "instagram", post },
        { ...event, post },
      ]
    : [{ ...event, post }];
}
