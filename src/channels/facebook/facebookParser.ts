import type { Attachment, Author, InboundEvent } from "../../domain/inboundEvent.ts";
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
 * Page webhooks (object "page"): Messenger events in `messaging[]` and feed/mention changes in `changes[]`
 * (https://developers.facebook.com/docs/graph-api/webhooks/reference/page/). Messenger times are milliseconds,
 * feed times seconds.
 */
type Json = Record<string, unknown>;

export function facebookDedupKey(item: MetaItem): string {
  if (item.problem) return problemDedupKey(item);
  const v = item.item;
  if (item.kind !== "change") return messagingDedupKey(item, ["reaction", "read", "delivery"]);
  // Feed changes carry no event id: field, item, verb, object id and time identify one (PLATFORMS.md §1).
  return `${item.field}:${str(v.item)}:${str(v.verb)}:${str(v.comment_id) ?? str(v.post_id) ?? str(v.open_graph_story_id)}:${str(v.created_time) ?? item.entryTime}`;
}

export function parseFacebookItem(payload: unknown, pageId: string): InboundEvent[] {
  const item = payload as MetaItem;
  if (!item || typeof item !== "object" || !item.item || typeof item.item !== "object")
    throw new UnparseableEventError("Not a stored Page webhook item");
  if (item.problem) throw new UnparseableEventError(item.problem);
  if (item.kind === "change") {
    if (item.field === "feed") return parseFeed(item.item, pageId);
    if (item.field === "mention") return parseMention(item.item);
    if (item.field === "ratings") return parseRating(item.item);
    throw new UnparseableEventError(`Unknown Page webhook field: ${item.field}`, { unknownKind: true });
  }
  return parseMessaging(item.item);
}

function messengerAuthor(id: string): Author {
  // Messenger events carry the page-scoped id only; names come from the profile API later.
  return { externalId: id, displayName: `Facebook user ${id}`, needsProfile: true };
}

function attachmentsOf(list: unknown): Attachment[] {
  if (!Array.isArray(list)) return [];
  const types: Record<string, Attachment["type"]> = {
    image: "image",
    video: "video",
    audio: "audio",
    file: "file",
    fallback: "link",
  };
  return list.map((a: Json) => ({
    type: types[str(a.type) ?? ""] ?? "other",
    ref: str((a.payload as Json | undefined)?.url),
  }));
}

function parseMessaging(v: Json): InboundEvent[] {
  const sender = str((v.sender as Json | undefined)?.id);
  const recipient = str((v.recipient as Json | undefined)?.id);
  const at = new Date(Number(v.timestamp ?? Date.now()));
  const message = v.message as Json | undefined;
  if (message?.is_deleted)
    return [
      { type: "message_deleted", platform: "facebook", externalId: str(message.mid) ?? "", deletedAt: at },
    ];
  if (message || v.message_edit || v.postback) {
    if (!sender || !recipient) throw new UnparseableEventError("Messenger event lacks sender or recipient");
    const echo = message?.is_echo === true;
    const customer = echo ? recipient : sender;
    const edit = v.message_edit as Json | undefined;
    const postback = v.postback as Json | undefined;
    const mid = str(edit?.mid ?? message?.mid) ?? (postback ? postbackId(v) : undefined);
    if (!mid) throw new UnparseableEventError("Messenger message lacks mid");
    const referral = (postback?.referral ?? message?.referral ?? v.referral) as Json | undefined;
    const cameFrom = referral && !echo ? referralSummary(referral) : undefined;
    const attachments = [
      ...attachmentsOf(message?.attachments),
      ...(message?.is_unsupported === true ? [unsupportedPlaceholder("facebook")] : []),
      ...(cameFrom ? [...cameFrom.attachments, { type: "other" as const, name: cameFrom.text }] : []),
    ];
    return [
      {
        type: "message",
        platform: "facebook",
        externalId: mid,
        threadKey: privateThreadKey(customer),
        visibility: "private",
        author: messengerAuthor(customer),
        text: str(edit?.text ?? message?.text ?? postback?.title) ?? "",
        attachments,
        sentAt: at,
        editedAt: edit ? at : undefined,
        parentExternalId: str((message?.reply_to as Json | undefined)?.mid),
        replyTarget: { psid: customer },
        fromAccount: echo,
        // A tapped quick reply (or a postback button) carries the payload Parley gave it.
        choice: echo
          ? undefined
          : (str((message?.quick_reply as Json | undefined)?.payload) ?? str(postback?.payload)),
      },
    ];
  }
  const delivery = v.delivery as Json | undefined;
  if (delivery && Array.isArray(delivery.mids)) {
    return delivery.mids.map((mid) => ({
      type: "delivery_status" as const,
      platform: "facebook" as const,
      externalId: String(mid),
      status: "delivered" as const,
      at,
    }));
  }
  const read = v.read as Json | undefined;
  if (read && sender)
    return [
      {
        type: "read_up_to",
        platform: "facebook",
        threadKey: privateThreadKey(sender),
        at: new Date(Number(read.watermark)),
      },
    ];
  const reaction = messagingReaction(v, "facebook", at);
  if (reaction) return [reaction];
  const note = messagingThreadNote(v, "facebook", sender, messengerAuthor, (psid) => ({ psid }), at);
  if (note) return [note];
  const policy = policyNotice(v, "facebook");
  if (policy) return [policy];
  for (const kind of ["reaction", "delivery", "account_linking", "app_roles", "standby"]) {
    if (kind in v)
      return [
        { type: "ignored", platform: "facebook", reason: `Messenger ${kind} events are not conversations` },
      ];
  }
  throw new UnparseableEventError(`Unknown Messenger event: ${Object.keys(v).join(", ")}`, {
    unknownKind: true,
  });
}

function feedAuthor(v: Json): Author {
  // Two payload generations: a `from` object, or the older sender_id / sender_name.
  const from = v.from as Json | undefined;
  const id = str(from?.id ?? v.sender_id);
  if (!id) throw new UnparseableEventError("Feed change lacks from.id and sender_id");
  return { externalId: id, displayName: str(from?.name ?? v.sender_name) ?? `Facebook user ${id}` };
}

function parseFeed(v: Json, pageId: string): InboundEvent[] {
  const itemType = str(v.item);
  const verb = str(v.verb);
  const postId = str(v.post_id);
  const at = new Date(Number(v.created_time ?? Date.now() / 1000) * 1000);
  const post = v.post as Json | undefined;
  const postContext = postId
    ? {
        externalId: postId,
        text: str(post?.message) ?? "",
        permalink: str(post?.permalink_url) ?? `https://www.facebook.com/${postId}`,
      }
    : undefined;
  if (itemType === "comment") {
    const commentId = str(v.comment_id);
    if (!commentId || !postId) throw new UnparseableEventError("Comment change lacks comment_id or post_id");
    if (verb === "remove")
      return [{ type: "message_deleted", platform: "facebook", externalId: commentId, deletedAt: at }];
    if (verb === "hide" || verb === "unhide")
      return [
        {
          type: "comment_visibility",
          platform: "facebook",
          externalId: commentId,
          hidden: verb === "hide",
          at,
        },
      ];
    const author = feedAuthor(v);
    const parentId = str(v.parent_id);
    // Facebook threads two levels deep: a reply's parent is its top-level comment (or the post itself).
    const topLevel = parentId && parentId !== postId ? parentId : commentId;
    return [
      {
        type: "message",
        platform: "facebook",
        externalId: commentId,
        threadKey: commentThreadKey(postId, topLevel),
        visibility: "public",
        author,
        text: str(v.message) ?? "",
        attachments: v.photo ? [{ type: "image", ref: str(v.photo) }] : [],
        sentAt: at,
        editedAt: verb === "edited" ? at : undefined,
        parentExternalId: parentId && parentId !== postId ? parentId : undefined,
        post: postContext,
        placeName: "Facebook post",
        replyTarget: { commentId: topLevel, postId, commenterId: author.externalId },
        fromAccount: author.externalId === pageId,
      },
    ];
  }
  if (
    itemType &&
    ["post", "status", "photo", "video", "share", "album", "photo-album", "link"].includes(itemType) &&
    postId
  ) {
    const author = feedAuthor(v);
    if (verb === "remove")
      return [{ type: "message_deleted", platform: "facebook", externalId: postId, deletedAt: at }];
    if (author.externalId === pageId)
      return [
        {
          type: "post",
          platform: "facebook",
          post: { ...postContext!, text: str(v.message) ?? "", createdAt: at },
        },
      ];
    // A visitor's post on the page is a public thread of its own.
    return [
      {
        type: "message",
        platform: "facebook",
        externalId: postId,
        threadKey: postThreadKey(postId),
        visibility: "public",
        author,
        text: str(v.message) ?? "",
        attachments: visitorPostMedia(v),
        sentAt: at,
        editedAt: verb === "edited" ? at : undefined,
        post: { ...postContext!, text: str(v.message) ?? "" },
        placeName: "Visitor post",
        replyTarget: { postId, commenterId: author.externalId },
      },
    ];
  }
  if (itemType === "reaction" || itemType === "like")
    return [{ type: "ignored", platform: "facebook", reason: `feed ${itemType}` }];
  throw new UnparseableEventError(`Unknown feed item: ${itemType}`, { unknownKind: true });
}

/**
 * What a visitor posted besides words: a photo (`photo`), an album (`photos[]`), a video (`video` or
 * `video_id`) or a shared link. Without them a video or album post arrives as an empty message.
 */
function visitorPostMedia(v: Json): Attachment[] {
  const media: Attachment[] = [];
  const photos = Array.isArray(v.photos) ? v.photos.map(str).filter((p): p is string => Boolean(p)) : [];
  for (const photo of photos.length > 0 ? photos : [str(v.photo)].filter((p): p is string => Boolean(p)))
    media.push({ type: "image", ref: photo });
  const video = str(v.video) ?? (str(v.video_id) ? `https://www.facebook.com/${str(v.video_id)}` : undefined);
  if (video) media.push({ type: "video", ref: video });
  if (str(v.link) && !video && photos.length === 0 && !v.photo)
    media.push({ type: "link", ref: str(v.link) });
  return media;
}

/**
 * A recommendation (or a legacy star rating) of the page, field `ratings`: a review to answer in public, as a
 * comment on its story (`open_graph_story_id`). Comments under the review arrive as `item: comment` and join its
 * thread. Field names follow Meta's Page webhook reference; the platform's samples are few, so an item without
 * the story id is refused with the reason rather than guessed at.
 */
function parseRating(v: Json): InboundEvent[] {
  const storyId = str(v.open_graph_story_id) ?? str(v.parent_id);
  if (!storyId) throw new UnparseableEventError("Rating change lacks open_graph_story_id");
  const verb = str(v.verb) ?? "add";
  const at = new Date(Number(v.created_time ?? Date.now() / 1000) * 1000);
  const reviewerId = str(v.reviewer_id) ?? str((v.from as Json | undefined)?.id) ?? str(v.sender_id);
  const reviewerName = str(v.reviewer_name) ?? str((v.from as Json | undefined)?.name) ?? str(v.sender_name);
  if (verb === "remove")
    return [
      {
        type: "message_deleted",
        platform: "facebook",
        externalId: str(v.comment_id) ?? storyId,
        deletedAt: at,
      },
    ];
  if (!reviewerId) throw new UnparseableEventError("Rating change names no reviewer");
  const author: Author = {
    externalId: reviewerId,
    displayName: reviewerName ?? `Facebook user ${reviewerId}`,
  };
  const permalink = `https://www.facebook.com/${storyId}`;
  if (str(v.item) === "comment") {
    const commentId = str(v.comment_id);
    if (!commentId) throw new UnparseableEventError("Comment on a rating lacks comment_id");
    return [
      {
        type: "message",
        platform: "facebook",
        externalId: commentId,
        threadKey: postThreadKey(storyId),
        visibility: "public",
        author,
        text: str(v.message) ?? "",
        attachments: [],
        sentAt: at,
        editedAt: verb === "edited" || verb === "edit" ? at : undefined,
        parentExternalId: storyId,
        placeName: "Page review",
        replyTarget: { postId: storyId, commenterId: reviewerId },
      },
    ];
  }
  const recommendation = str(v.recommendation_type);
  const stars = str(v.rating);
  const verdict =
    recommendation === "positive"
      ? "👍 Recommends the page"
      : recommendation === "negative"
        ? "👎 Does not recommend the page"
        : stars
          ? `${"★".repeat(Math.min(5, Number(stars) || 0))} ${stars}/5`
          : "Reviewed the page";
  return [
    {
      type: "message",
      platform: "facebook",
      externalId: storyId,
      threadKey: postThreadKey(storyId),
      visibility: "public",
      author,
      text: str(v.review_text) ?? "",
      attachments: [{ type: "other", name: verdict }],
      sentAt: at,
      editedAt: verb === "edited" || verb === "edit" ? at : undefined,
      post: {
        externalId: storyId,
        text: str(v.review_text) ?? verdict,
        permalink,
        authorName: author.displayName,
      },
      placeName: "Page review",
      replyTarget: { postId: storyId, commenterId: reviewerId },
    },
  ];
}

/** Text a mention keeps when its words cannot be read back (see facebookHydrator.ts). */
export const FACEBOOK_MENTION_UNAVAILABLE = "Mention of the page (text unavailable)";

function parseMention(v: Json): InboundEvent[] {
  const postId = str(v.post_id);
  if (!postId) throw new UnparseableEventError("Mention lacks post_id");
  if (str(v.verb) === "remove") return [{ type: "ignored", platform: "facebook", reason: "mention removed" }];
  const commentId = str(v.comment_id);
  const author =
    v.from || v.sender_id ? feedAuthor(v) : { externalId: `post:${postId}`, displayName: "Facebook mention" };
  return [
    {
      type: "message",
      platform: "facebook",
      externalId: commentId ?? postId,
      threadKey: commentId ? commentThreadKey(postId, commentId) : postThreadKey(postId),
      visibility: "public",
      author,
      text: str(v.message) ?? FACEBOOK_MENTION_UNAVAILABLE,
      attachments: [],
      sentAt: new Date(Number(v.created_time ?? Date.now() / 1000) * 1000),
      mentionsAccount: true,
      post: { externalId: postId, text: "", permalink: `https://www.facebook.com/${postId}` },
      placeName: "Mention of the page",
      replyTarget: {
        ...(commentId
          ? { commentId, postId, commenterId: author.externalId }
          : { postId, commenterId: author.externalId }),
        // A mention without its words (Meta often sends only ids) is read through the Graph API by `hydrate`.
        ...(str(v.message) ? {} : { hydrated: false }),
      },
    },
  ];
}
