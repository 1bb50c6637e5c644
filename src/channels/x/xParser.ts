import type { Author, InboundEvent, InboundMessage } from "../../domain/inboundEvent.ts";
import { commentThreadKey, privateThreadKey } from "../../domain/threading.ts";
import { UnparseableEventError } from "../channelAdapter.ts";
import type { XActivityDm, XDmEnvelope, XIncludes, XTweet, XTweetEnvelope, XUser } from "./xTypes.ts";

/** The brand's account as the parser needs it: its user id and its handle. */
export interface XAccount {
  accountId: string;
  username: string;
}

/** A post the stream captured for listening only (not addressed to the brand) sets `capturedByListening`. */
export type XInboundMessage = InboundMessage;

const ID = /^\d{1,20}$/;

/** X ids are 64-bit: a string of digits is kept as it is; a number is accepted only while it is still exact. */
export function xId(value: unknown): string | undefined {
  if (typeof value === "string" && ID.test(value)) return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}

function authorOf(userId: string, includes: XIncludes | undefined): Author {
  const user = includes?.users?.find((u) => u.id === userId);
  return user ? personOf(user) : { externalId: userId, displayName: userId, needsProfile: true };
}

function personOf(user: XUser): Author {
  return {
    externalId: user.id,
    displayName: user.name || `@${user.username}`,
    username: user.username,
    reach: user.public_metrics?.followers_count,
  };
}

/** The post is addressed to the brand: it names the account, or it answers the account or one of its posts. */
export function addressesAccount(tweet: XTweet, includes: XIncludes | undefined, account: XAccount): boolean {
  const handle = account.username.replace(/^@/, "").toLowerCase();
  if (tweet.in_reply_to_user_id === account.accountId) return true;
  const named = tweet.entities?.mentions?.some(
    (m) => m.id === account.accountId || m.username.toLowerCase() === handle,
  );
  if (named) return true;
  return (tweet.referenced_tweets ?? []).some((ref) => {
    if (ref.type !== "replied_to") return false;
    const parent = includes?.tweets?.find((t) => t.id === ref.id);
    return parent?.author_id === account.accountId;
  });
}

/**
 * One post (a stream line, or one post cut out of a mentions timeline page). An edit arrives as a new id whose
 * `edit_history_tweet_ids` lists every version oldest first: the first is the logical post Parley keeps, and a
 * later version replaces its text, marked edited (PLATFORMS.md §9.1). A conversation is one customer's exchange
 * in one X conversation (`conversation_id`), so two people answering the same post are two cases.
 */
export function parseTweet(envelope: XTweetEnvelope, account: XAccount): InboundEvent[] {
  const tweet = envelope.data;
  const id = xId(tweet?.id);
  if (!id || typeof tweet.text !== "string")
    throw new UnparseableEventError("Not an X post: data.id or data.text is missing");
  const history = (tweet.edit_history_tweet_ids ?? [id]).map(xId).filter((v): v is string => !!v);
  const logicalId = history[0] ?? id;
  const authorId = xId(tweet.author_id);
  if (!authorId) throw new UnparseableEventError("An X post without author_id (ask for it in expansions)");
  // A repost carries someone else's words: a listening signal at most, never a case.
  if (tweet.referenced_tweets?.some((r) => r.type === "retweeted"))
    return [{ type: "ignored", platform: "x", reason: "repost" }];
  const fromAccount = authorId === account.accountId;
  const addressed = fromAccount || addressesAccount(tweet, envelope.includes, account);
  const conversationId = xId(tweet.conversation_id) ?? logicalId;
  const customerId = fromAccount ? (xId(tweet.in_reply_to_user_id) ?? authorId) : authorId;
  const sentAt = tweet.created_at ? new Date(tweet.created_at) : new Date();
  const root = envelope.includes?.tweets?.find((t) => t.id === conversationId);
  const parent = tweet.referenced_tweets?.find((r) => r.type === "replied_to")?.id;
  const message: XInboundMessage = {
    type: "message",
    platform: "x",
    externalId: logicalId,
    threadKey: commentThreadKey(conversationId, customerId),
    visibility: "public",
    author: authorOf(authorId, envelope.includes),
    text: tweet.text,
    attachments: [],
    sentAt,
    ...(history.length > 1 && logicalId !== id ? { editedAt: sentAt } : {}),
    ...(parent ? { parentExternalId: parent } : {}),
    // Only a post addressed to the brand hangs under a post of its own: listening reads that as "addressed".
    ...(addressed
      ? {
          post: {
            externalId: conversationId,
            text: root?.text ?? (conversationId === logicalId ? tweet.text : ""),
            permalink: `https://x.com/i/web/status/${conversationId}`,
          },
        }
      : {}),
    mentionsAccount: addressed && !fromAccount,
    // Answers go to the newest version: X refuses a reply to a version an edit replaced.
    replyTarget: { tweetId: id, authorId: customerId },
    ...(fromAccount ? { fromAccount: true } : {}),
    ...(!addressed && envelope.parley_source === "stream" ? { capturedByListening: true } : {}),
  };
  return [message];
}

/** One DM event of GET /2/dm_events. The brand's own DMs (sent in X's app, or by Parley) come back as echoes. */
export function parseDmEvent(envelope: XDmEnvelope, account: XAccount): InboundEvent[] {
  const event = envelope.data;
  const id = xId(event?.id);
  if (!id) throw new UnparseableEventError("Not an X DM event: id is missing");
  if (event.event_type !== "MessageCreate")
    return [{ type: "ignored", platform: "x", reason: `dm ${event.event_type}` }];
  const senderId = xId(event.sender_id);
  if (!senderId) throw new UnparseableEventError("An X DM without sender_id");
  const fromAccount = senderId === account.accountId;
  const other = fromAccount
    ? (event.participant_ids?.find((p) => p !== account.accountId) ?? otherOfConversation(event, account))
    : senderId;
  if (!other) throw new UnparseableEventError("An X DM whose customer cannot be told");
  return [
    dmMessage(id, other, event.text ?? "", event.created_at ? new Date(event.created_at) : new Date(), {
      author: authorOf(senderId, envelope.includes),
      fromAccount,
    }),
  ];
}

/** A one-to-one dm_conversation_id is "<smaller id>-<larger id>"; the customer is the id that is not the brand. */
function otherOfConversation(event: { dm_conversation_id?: string }, account: XAccount): string | undefined {
  return event.dm_conversation_id?.split("-").find((p) => p !== account.accountId && ID.test(p));
}

function dmMessage(
  id: string,
  customerId: string,
  text: string,
  sentAt: Date,
  from: { author: Author; fromAccount: boolean },
): InboundMessage {
  return {
    type: "message",
    platform: "x",
    externalId: `dm:${id}`,
    threadKey: privateThreadKey(customerId),
    visibility: "private",
    author: from.author,
    text,
    attachments: [],
    sentAt,
    replyTarget: { participantId: customerId },
    ...(from.fromAccount ? { fromAccount: true } : {}),
  };
}

/** One direct_message_events item of an Account Activity webhook (v1.1 shape: `message_create`). */
export function parseActivityDm(body: XActivityDm, account: XAccount): InboundEvent[] {
  const event = body.direct_message_events?.[0];
  const id = xId(event?.id);
  if (!event || !id || !event.message_create) throw new UnparseableEventError("Not an X DM activity event");
  const senderId = xId(event.message_create.sender_id);
  const recipientId = xId(event.message_create.target?.recipient_id);
  if (!senderId || !recipientId) throw new UnparseableEventError("An X DM activity without its people");
  const fromAccount = senderId === account.accountId;
  const user = body.users?.[senderId];
  const author: Author = user
    ? {
        externalId: senderId,
        displayName: user.name,
        username: user.screen_name,
        reach: user.followers_count,
      }
    : { externalId: senderId, displayName: senderId, needsProfile: true };
  const at = Number(event.created_timestamp);
  return [
    dmMessage(
      id,
      fromAccount ? recipientId : senderId,
      event.message_create.message_data?.text ?? "",
      Number.isFinite(at) ? new Date(at) : new Date(),
      { author, fromAccount },
    ),
  ];
}

/** Any stored X raw event: a post, a DM event, or an Account Activity DM. */
export function parseXPayload(payload: unknown, account: XAccount): InboundEvent[] {
  if (typeof payload !== "object" || payload === null) throw new UnparseableEventError("Not an X event");
  const value = payload as Record<string, unknown>;
  if (Array.isArray(value.direct_message_events))
    return parseActivityDm(value as unknown as XActivityDm, account);
  const data = value.data as Record<string, unknown> | undefined;
  if (typeof data !== "object" || data === null)
    throw new UnparseableEventError("An X event without data", { unknownKind: true });
  if (typeof data.event_type === "string") return parseDmEvent(value as unknown as XDmEnvelope, account);
  return parseTweet(value as unknown as XTweetEnvelope, account);
}
