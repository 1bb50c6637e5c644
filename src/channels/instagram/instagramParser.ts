import type { Attachment, Author, InboundEvent, InboundMessage } from "../../domain/inboundEvent.ts";
import { commentThreadKey, postThreadKey, privateThreadKey } from "../../domain/threading.ts";
import { UnparseableEventError } from "../channelAdapter.ts";
import {
  messagingThreadNote,
  policyNotice,
  referralSummary,
  unsupportedPlaceholder,
} from "../meta/messagingContext.ts";
import { messagingDedupKey, postbackId, str } from "../meta/messagingDedupKey.ts";
import { messagingReaction } from "../meta/messagingReaction.ts";
import { type MetaItem, problemDedupKey } from "../meta/metaWebhook.ts";

/**
 * Instagram webhooks (object "instagram", PLATFORMS.md §4.1): comments and mentions as changes — in `changes[]`
 * with Facebook Login, flat `field`/`value` on the entry with Instagram Login (splitMetaEnvelope reads both) —
 * and direct messages in `messaging[]`, shaped like Messenger's. Change times are seconds, messaging times
 * milliseconds (§1.3).
 */
type Json = Record<string, unknown>;

/** Text a mention keeps when its comment or caption cannot be fetched (see instagramHydrator.ts). */
export const MENTION_TEXT_UNAVAILABLE = {
  comment: "Mention in a comment (text unavailable)",
  caption: "Mention in a post caption (text unavailable)",
} as const;

/** Seconds or milliseconds, whichever the number looks like: Meta mixes both across Instagram fields. */
function timeOf(value: unknown, fallbackSeconds: number): Date {
  const n = Number(value ?? fallbackSeconds);
  if (!Number.isFinite(n) || n <= 0) return new Date();
  return new Date(n > 1e12 ? n : n * 1000);
}

export function instagramDedupKey(item: MetaItem): string {
  if (item.problem) return problemDedupKey(item);
  const v = item.item;
  if (item.kind !== "change") return messagingDedupKey(item, ["reaction", "read", "referral"]);
  if (item.field === "mentions") return `mentions:${str(v.media_id)}:${str(v.comment_id) ?? "caption"}`;
  // A comment is created once and Instagram comments cannot be edited: field and id identify the event;
  // any other verb (should Meta send one) is told apart by its time.
  const verb = str(v.verb) ?? "add";
  const id = str(v.id) ?? str(v.comment_id);
  return verb === "add"
    ? `${item.field}:${id}:add`
    : `${item.field}:${id}:${verb}:${str(v.timestamp) ?? item.entryTime}`;
}

export function parseInstagramItem(payload: unknown, accountId: string): InboundEvent[] {
  const item = payload as MetaItem;
  if (!item || typeof item !== "object" || !item.item || typeof item.item !== "object")
    throw new UnparseableEventError("Not a stored Instagram webhook item");
  if (item.problem) throw new UnparseableEventError(item.problem);
  if (item.kind === "change") {
    if (item.field === "comments" || item.field === "live_comments")
      return parseComment(item.item, item.field, item.entryTime, accountId);
    if (item.field === "mentions") return [parseMention(item.item, item.entryTime)];
    throw new UnparseableEventError(`Unknown Instagram webhook field: ${item.field}`, { unknownKind: true });
  }
  return parseMessaging(item.item, accountId);
}

function parseComment(v: Json, field: string, entryTime: number, accountId: string): InboundEvent[] {
  const commentId = str(v.id) ?? str(v.comment_id);
  const media = v.media as Json | undefined;
  const mediaId = str(media?.id) ?? str(v.media_id);
  if (!commentId || !mediaId) throw new UnparseableEventError("Instagram comment lacks id or media.id");
  const at = timeOf(v.timestamp ?? v.created_time, entryTime);
  const verb = str(v.verb);
  if (verb === "remove" || verb === "delete")
    return [{ type: "message_deleted", platform: "instagram", externalId: commentId, deletedAt: at }];
  const from = v.from as Json | undefined;
  const authorId = str(from?.id);
  if (!authorId) throw new UnparseableEventError("Instagram comment lacks from.id");
  const username = str(from?.username);
  const author: Author = {
    externalId: authorId,
    displayName: username ?? `Instagram user ${authorId}`,
    username,
  };
  // Instagram threads two levels deep: a reply's parent_id is always its top-level comment.
  const parentId = str(v.parent_id);
  const topLevel = parentId ?? commentId;
  const live = field === "live_comments";
  return [
    {
      type: "message",
      platform: "instagram",
      externalId: commentId,
      threadKey: commentThreadKey(mediaId, topLevel),
      visibility: "public",
      author,
      text: str(v.text) ?? "",
      attachments: [],
      sentAt: at,
      parentExternalId: parentId,
      post: {
        externalId: mediaId,
        text: str(media?.caption) ?? "",
        permalink: str(media?.permalink),
      },
      placeName: live ? "Instagram live video" : "Instagram post",
      replyTarget: {
        commentId: topLevel,
        mediaId,
        commenterId: authorId,
        commentedAt: at.getTime(),
        live,
      },
      // The account's own comments come with its own id in from.id (the webhook also names self_ig_scoped_id).
      fromAccount: authorId === accountId,
    },
  ];
}

/**
 * A mention webhook names only the media (caption mention) or the comment too; the text is fetched afterwards
 * by the adapter's `hydrate`. Until then, and if that fails for good, the message says the text is unavailable.
 * The thread is the mentioning comment, or the mentioning post itself.
 */
function parseMention(v: Json, entryTime: number): InboundMessage {
  const mediaId = str(v.media_id);
  if (!mediaId) throw new UnparseableEventError("Instagram mention lacks media_id");
  const commentId = str(v.comment_id);
  return {
    type: "message",
    platform: "instagram",
    externalId: commentId ?? mediaId,
    threadKey: commentId ? commentThreadKey(mediaId, commentId) : postThreadKey(mediaId),
    visibility: "public",
    author: { externalId: `mention:${mediaId}`, displayName: "Instagram mention" },
    text: commentId ? MENTION_TEXT_UNAVAILABLE.comment : MENTION_TEXT_UNAVAILABLE.caption,
    attachments: [],
    sentAt: timeOf(undefined, entryTime),
    mentionsAccount: true,
    post: { externalId: mediaId, text: "" },
    placeName: commentId ? "Mention in a comment" : "Mention in a post",
    replyTarget: commentId
      ? { mentionMediaId: mediaId, mentionCommentId: commentId, hydrated: false }
      : { mentionMediaId: mediaId, hydrated: false },
  };
}

function attachmentsOf(list: unknown): Attachment[] {
  if (!Array.isArray(list)) return [];
  const types: Record<string, Attachment["type"]> = {
    image: "image",
    video: "video",
    audio: "audio",
    file: "file",
    reel: "video",
    ig_reel: "video",
    share: "link",
    fallback: "link",
  };
  return list.map((a: Json) => {
    const type = str(a.type) ?? "";
    const url = str((a.payload as Json | undefined)?.url);
    // Story CDN URLs expire within 24 hours; the UI shows a placeholder once they stop loading.
    if (type === "story_mention") return { type: "other" as const, ref: url, name: "Story mention" };
    return { type: types[type] ?? ("other" as const), ref: url, name: types[type] ? undefined : type };
  });
}

function dmAuthor(id: string): Author {
  // Messaging events carry the Instagram-scoped id only; lookupProfiles fetches name and username later.
  return { externalId: id, displayName: `Instagram user ${id}`, needsProfile: true };
}

function parseMessaging(v: Json, accountId: string): InboundEvent[] {
  const sender = str((v.sender as Json | undefined)?.id);
  const recipient = str((v.recipient as Json | undefined)?.id);
  const at = timeOf(v.timestamp, Date.now() / 1000);
  const message = v.message as Json | undefined;
  if (message?.is_deleted)
    return [
      { type: "message_deleted", platform: "instagram", externalId: str(message.mid) ?? "", deletedAt: at },
    ];
  const edit = v.message_edit as Json | undefined;
  const postback = v.postback as Json | undefined;
  if (message || edit || postback) {
    if (!sender || !recipient) throw new UnparseableEventError("Instagram message lacks sender or recipient");
    const mid = str(edit?.mid ?? message?.mid) ?? (postback ? postbackId(v) : undefined);
    if (!mid) throw new UnparseableEventError("Instagram message lacks mid");
    // An echo is the account's own message (sent from the Instagram app): the customer is its recipient.
    const echo = message?.is_echo === true || sender === accountId;
    const customer = echo ? recipient : sender;
    const referral = (postback?.referral ?? message?.referral ?? v.referral) as Json | undefined;
    const cameFrom = referral && !echo ? referralSummary(referral) : undefined;
    const unsupported = message?.is_unsupported === true;
    const attachments = [
      ...attachmentsOf(message?.attachments),
      ...(unsupported ? [unsupportedPlaceholder("instagram")] : []),
      ...(cameFrom ? [...cameFrom.attachments, { type: "other" as const, name: cameFrom.text }] : []),
    ];
    const replyTo = message?.reply_to as Json | undefined;
    return [
      {
        type: "message",
        platform: "instagram",
        externalId: mid,
        threadKey: privateThreadKey(customer),
        visibility: "private",
        author: dmAuthor(customer),
        text: str(edit?.text ?? message?.text ?? postback?.title) ?? "",
        attachments,
        sentAt: at,
        editedAt: edit ? at : undefined,
        parentExternalId: str(replyTo?.mid),
        mentionsAccount: attachments.some((a) => a.name === "Story mention") || undefined,
        placeName: replyTo?.story ? "Reply to a story" : undefined,
        replyTarget: { igsid: customer },
        fromAccount: echo,
        // A tapped quick reply (or a postback button) carries the payload Parley gave it.
        choice: echo
          ? undefined
          : (str((message?.quick_reply as Json | undefined)?.payload) ?? str(postback?.payload)),
      },
    ];
  }
  const read = v.read as Json | undefined;
  if (read && sender)
    // messaging_seen names the last message read (`mid`), not a watermark: the event time stands in.
    return [
      {
        type: "read_up_to",
        platform: "instagram",
        threadKey: privateThreadKey(sender),
        at: read.watermark ? timeOf(read.watermark, 0) : at,
      },
    ];
  const reaction = messagingReaction(v, "instagram", at);
  if (reaction) return [reaction];
  const note = messagingThreadNote(v, "instagram", sender, dmAuthor, (igsid) => ({ igsid }), at);
  if (note) return [note];
  const policy = policyNotice(v, "instagram");
  if (policy) return [policy];
  for (const kind of ["reaction", "standby"]) {
    if (kind in v)
      return [
        { type: "ignored", platform: "instagram", reason: `Instagram ${kind} events are not conversations` },
      ];
  }
  throw new UnparseableEventError(`Unknown Instagram messaging event: ${Object.keys(v).join(", ")}`, {
    unknownKind: true,
  });
}
