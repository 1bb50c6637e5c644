import type { Attachment, InboundEvent } from "../../domain/inboundEvent.ts";
import { commentThreadKey, privateThreadKey } from "../../domain/threading.ts";
import { UnparseableEventError } from "../channelAdapter.ts";
import type { VkAttachment, VkCallback, VkMessage, VkWallComment, VkWallPost } from "./vkTypes.ts";

/** VK group chats have peer ids from 2e9 up (https://dev.vk.com/en/reference/objects/message). */
const CHAT_PEER_OFFSET = 2_000_000_000;
const IGNORED = new Set([
  "message_allow",
  "message_deny",
  "message_typing_state",
  "message_read",
  "message_event",
  "message_reaction_event",
  "group_join",
  "group_leave",
  "user_block",
  "user_unblock",
  "like_add",
  "like_remove",
  "wall_repost",
  "poll_vote_new",
  "group_change_settings",
  "group_change_photo",
  "group_officers_edit",
]);

const KNOWN = new Set([
  "message_new",
  "message_edit",
  "message_reply",
  "wall_post_new",
  "wall_reply_new",
  "wall_reply_edit",
  "wall_reply_restore",
  "wall_reply_delete",
]);

export const vkMessageId = (peerId: number, conversationMessageId: number | undefined): string =>
  `msg:${peerId}_${conversationMessageId}`;
export const vkCommentId = (ownerId: number, commentId: number): string =>
  `wallcomment:${ownerId}_${commentId}`;

export function parseVkCallback(payload: unknown, groupId: number): InboundEvent[] {
  if (typeof payload !== "object" || payload === null || typeof (payload as VkCallback).type !== "string") {
    throw new UnparseableEventError("Not a VK Callback API event: type is missing");
  }
  const event = payload as VkCallback;
  const object = event.object as Record<string, unknown> | undefined;
  if (IGNORED.has(event.type))
    return [{ type: "ignored", platform: "vk", reason: `${event.type} events are not conversations` }];
  if (!KNOWN.has(event.type))
    throw new UnparseableEventError(`Unknown VK event type: ${event.type}`, { unknownKind: true });
  if (!object || typeof object !== "object")
    throw new UnparseableEventError(`VK ${event.type} event has no object`);
  switch (event.type) {
    case "message_new":
    case "message_edit":
    case "message_reply": {
      // API 5.103+ wraps the message with client_info; older versions send the message itself.
      const message = (
        event.type === "message_new" && "message" in object ? object.message : object
      ) as VkMessage;
      return [messageEvent(message, event.type, groupId)];
    }
    case "wall_post_new": {
      const post = object as unknown as VkWallPost;
      requireNumbers(post, ["id", "owner_id", "date"], event.type);
      return [
        {
          type: "post",
          platform: "vk",
          post: {
            externalId: `${post.owner_id}_${post.id}`,
            text: post.text ?? "",
            permalink: `https://vk.com/wall${post.owner_id}_${post.id}`,
            createdAt: new Date(post.date * 1000),
          },
        },
      ];
    }
    case "wall_reply_new":
    case "wall_reply_edit":
    case "wall_reply_restore":
      return [commentEvent(object as unknown as VkWallComment, event.type === "wall_reply_edit", groupId)];
    case "wall_reply_delete": {
      const { owner_id: ownerId, id } = object as { owner_id?: number; id?: number };
      if (typeof ownerId !== "number" || typeof id !== "number")
        throw new UnparseableEventError("wall_reply_delete lacks owner_id or id");
      return [
        {
          type: "message_deleted",
          platform: "vk",
          externalId: vkCommentId(ownerId, id),
          deletedAt: new Date(),
        },
      ];
    }
    default:
      throw new UnparseableEventError(`Unknown VK event type: ${event.type}`, { unknownKind: true });
  }
}

function requireNumbers(object: object, keys: string[], type: string): void {
  for (const key of keys) {
    if (typeof (object as Record<string, unknown>)[key] !== "number")
      throw new UnparseableEventError(`VK ${type} lacks ${key}`);
  }
}

function mentions(text: string, groupId: number): boolean {
  return (
    text.includes(`[club${groupId}|`) ||
    text.includes(`[public${groupId}|`) ||
    new RegExp(`@(club|public)${groupId}\\b`).test(text)
  );
}

function messageEvent(message: VkMessage, type: string, groupId: number): InboundEvent {
  requireNumbers(message, ["peer_id", "from_id", "date", "conversation_message_id"], type);
  const fromAccount = type === "message_reply" || message.out === 1;
  const isChat = message.peer_id >= CHAT_PEER_OFFSET;
  return {
    type: "message",
    platform: "vk",
    externalId: vkMessageId(message.peer_id, message.conversation_message_id),
    threadKey: privateThreadKey(message.peer_id),
    visibility: isChat ? "public" : "private",
    author: {
      externalId: String(fromAccount ? message.peer_id : message.from_id),
      displayName: `VK user ${fromAccount ? message.peer_id : message.from_id}`,
      needsProfile: true,
    },
    text: message.text || geoText(message.geo),
    attachments: [...attachmentsOf(message.attachments), ...geoAttachment(message.geo)],
    sentAt: new Date(message.date * 1000),
    editedAt: type === "message_edit" ? new Date((message.update_time ?? message.date) * 1000) : undefined,
    parentExternalId: message.reply_message?.conversation_message_id
      ? vkMessageId(message.peer_id, message.reply_message.conversation_message_id)
      : undefined,
    mentionsAccount: mentions(message.text ?? "", groupId),
    placeName: isChat ? `VK chat ${message.peer_id - CHAT_PEER_OFFSET}` : undefined,
    replyTarget: { peerId: message.peer_id },
    fromAccount,
    // Parley's own sends carry a random_id derived from the outbox item (vkAdapter's randomIdFor).
    sendKey: fromAccount && message.random_id ? String(message.random_id) : undefined,
    choice: fromAccount ? undefined : choiceOf(message.payload),
  };
}

/** A keyboard button Parley drew carries `{"choice": "..."}`; other bots' or VK's own payloads are not ours. */
function choiceOf(payload: string | undefined): string | undefined {
  if (!payload) return undefined;
  try {
    const parsed = JSON.parse(payload) as { choice?: unknown };
    return typeof parsed?.choice === "string" ? parsed.choice : undefined;
  } catch {
    return undefined;
  }
}

function commentEvent(comment: VkWallComment, isEdit: boolean, groupId: number): InboundEvent {
  requireNumbers(
    comment,
    ["id", "from_id", "post_id", "date"],
    isEdit ? "wall_reply_edit" : "wall_reply_new",
  );
  const owner = comment.owner_id ?? comment.post_owner_id;
  if (typeof owner !== "number") throw new UnparseableEventError("VK wall comment lacks owner_id");
  const stack = comment.parents_stack ?? [];
  // The thread is the top-level comment: the first ancestor, or the comment replied to, or the comment itself.
  const topLevel = stack[0] ?? comment.reply_to_comment ?? comment.id;
  const parent = comment.reply_to_comment ?? stack[stack.length - 1];
  const postKey = `${owner}_${comment.post_id}`;
  return {
    type: "message",
    platform: "vk",
    externalId: vkCommentId(owner, comment.id),
    threadKey: commentThreadKey(postKey, topLevel),
    visibility: "public",
    author: {
      externalId: String(comment.from_id),
      displayName: comment.from_id < 0 ? `VK community ${-comment.from_id}` : `VK user ${comment.from_id}`,
      needsProfile: comment.from_id > 0,
    },
    text: comment.text ?? "",
    attachments: attachmentsOf(comment.attachments),
    sentAt: new Date(comment.date * 1000),
    editedAt: isEdit ? new Date() : undefined,
    parentExternalId: parent !== undefined && parent !== comment.id ? vkCommentId(owner, parent) : undefined,
    post: { externalId: postKey, text: "", permalink: `https://vk.com/wall${postKey}` },
    mentionsAccount: mentions(comment.text ?? "", groupId),
    placeName: `Wall post ${postKey}`,
    replyTarget: { ownerId: owner, postId: comment.post_id, commentId: topLevel, peerId: comment.from_id },
    fromAccount: comment.from_id === -groupId,
  };
}

const ATTACHMENT_TYPES: Record<string, Attachment["type"]> = {
  photo: "image",
  video: "video",
  audio: "audio",
  audio_message: "audio",
  doc: "file",
  sticker: "sticker",
  link: "link",
  wall: "link",
};

/** A location shared in a chat arrives as `geo`, with no text and no attachment: shown as the place and a pin. */
function geoText(geo: VkMessage["geo"]): string {
  const at = geo?.coordinates;
  if (at?.latitude === undefined || at.longitude === undefined) return "";
  const place = [geo?.place?.title, geo?.place?.city, geo?.place?.country].filter(Boolean).join(", ");
  return place ? `📍 ${place} (${at.latitude}, ${at.longitude})` : `📍 ${at.latitude}, ${at.longitude}`;
}

function geoAttachment(geo: VkMessage["geo"]): Attachment[] {
  const at = geo?.coordinates;
  if (at?.latitude === undefined || at.longitude === undefined) return [];
  return [{ type: "location", ref: `geo:${at.latitude},${at.longitude}`, name: geo?.place?.title }];
}

interface VkImageSize {
  url?: string;
  width?: number;
  height?: number;
}

interface VkAttachmentBody {
  id?: number;
  owner_id?: number;
  title?: string;
  url?: string;
  size?: number;
  sizes?: VkImageSize[];
  images?: VkImageSize[];
  link_mp3?: string;
}

function largest(sizes: VkImageSize[] | undefined): VkImageSize | undefined {
  return sizes
    ?.filter((s) => typeof s.url === "string")
    .reduce<VkImageSize | undefined>(
      (best, s) =>
        !best || (s.width ?? 0) * (s.height ?? 0) > (best.width ?? 0) * (best.height ?? 0) ? s : best,
      undefined,
    );
}

/**
 * VK's attachments carry their own download addresses (https://dev.vk.com/en/reference/objects/photo: `sizes`,
 * and the `url` of a document): no token is needed to fetch them, but they still go through the server.
 */
function downloadOf(type: string, inner: VkAttachmentBody | undefined): Partial<Attachment> {
  if (!inner) return {};
  if (type === "photo") {
    const size = largest(inner.sizes);
    return size ? { url: size.url, mimeType: "image/jpeg", width: size.width, height: size.height } : {};
  }
  if (type === "sticker") {
    const size = largest(inner.images);
    return size ? { url: size.url, mimeType: "image/png", width: size.width, height: size.height } : {};
  }
  if (type === "doc") return { url: inner.url, size: inner.size };
  if (type === "audio_message") return { url: inner.link_mp3, mimeType: "audio/mpeg" };
  return {};
}

function attachmentsOf(attachments: VkAttachment[] | undefined): Attachment[] {
  return (attachments ?? []).map((attachment) => {
    const inner = attachment[attachment.type] as VkAttachmentBody | undefined;
    const ref =
      inner?.owner_id !== undefined && inner.id !== undefined
        ? `${attachment.type}${inner.owner_id}_${inner.id}`
        : inner?.url;
    return {
      type: ATTACHMENT_TYPES[attachment.type] ?? "other",
      ref,
      name: inner?.title,
      ...downloadOf(attachment.type, inner),
    };
  });
}
