import type { Attachment, InboundEvent } from "../../domain/inboundEvent.ts";
import { privateThreadKey } from "../../domain/threading.ts";
import { UnparseableEventError } from "../channelAdapter.ts";
import type { TgCallbackQuery, TgMessage, TgMessageEntity, TgUpdate } from "./telegramTypes.ts";

const MESSAGE_KEYS = [
  "message",
  "edited_message",
  "channel_post",
  "edited_channel_post",
  "business_message",
  "edited_business_message",
] as const;
/** Update kinds Parley knows and deliberately does not turn into messages. */
const IGNORED_KEYS = [
  "my_chat_member",
  "chat_member",
  "chat_join_request",
  "inline_query",
  "chosen_inline_result",
  "message_reaction",
  "message_reaction_count",
  "poll",
  "poll_answer",
  "shipping_query",
  "pre_checkout_query",
  "chat_boost",
  "removed_chat_boost",
  "business_connection",
  "deleted_business_messages",
  "purchased_paid_media",
] as const;

export function externalMessageId(chatId: number | string, messageId: number | string): string {
  return `${chatId}:${messageId}`;
}

export function parseTelegramUpdate(payload: unknown, botUsername: string | undefined): InboundEvent[] {
  if (
    typeof payload !== "object" ||
    payload === null ||
    typeof (payload as TgUpdate).update_id !== "number"
  ) {
    throw new UnparseableEventError("Not a Telegram Update: update_id is missing");
  }
  const update = payload as TgUpdate;
  for (const key of MESSAGE_KEYS) {
    const message = update[key];
    if (message) return [toInboundMessage(message, key.startsWith("edited_"), botUsername)];
  }
  if (update.callback_query) return [toButtonPress(update.callback_query)];
  for (const key of IGNORED_KEYS) {
    if (key in update)
      return [{ type: "ignored", platform: "telegram", reason: `${key} updates are not conversations` }];
  }
  const keys = Object.keys(update).filter((k) => k !== "update_id");
  if (keys.length === 0) throw new UnparseableEventError("Empty Telegram update");
  throw new UnparseableEventError(`Unknown Telegram update kind: ${keys.join(", ")}`, { unknownKind: true });
}

function toInboundMessage(
  message: TgMessage,
  isEdit: boolean,
  botUsername: string | undefined,
): InboundEvent {
  if (
    typeof message.message_id !== "number" ||
    typeof message.date !== "number" ||
    !message.chat ||
    message.chat.id === undefined
  ) {
    throw new UnparseableEventError("Telegram message lacks message_id, date or chat");
  }
  const chat = message.chat;
  const isPrivate = chat.type === "private";
  const author = authorOf(message);
  const replyTarget: Record<string, string | number> = {
    chatId: Number.isSafeInteger(chat.id) ? chat.id : String(chat.id),
  };
  if (message.message_thread_id !== undefined) replyTarget.messageThreadId = message.message_thread_id;
  return {
    type: "message",
    platform: "telegram",
    externalId: externalMessageId(chat.id, message.message_id),
    threadKey: privateThreadKey(chat.id),
    visibility: isPrivate ? "private" : "public",
    author,
    text: message.text ?? message.caption ?? contentText(message),
    attachments: attachmentsOf(message),
    sentAt: new Date(message.date * 1000),
    editedAt: isEdit ? new Date((message.edit_date ?? message.date) * 1000) : undefined,
    parentExternalId: message.reply_to_message
      ? externalMessageId(chat.id, message.reply_to_message.message_id)
      : undefined,
    mentionsAccount: mentionsBot(message, botUsername),
    placeName: isPrivate ? undefined : (chat.title ?? chat.username ?? `Telegram chat ${chat.id}`),
    replyTarget,
  };
}

/**
 * A press on one of Parley's inline buttons (a survey score) becomes a message of the person's in the chat the
 * buttons were in, reading as the button's label, with the button's data as its `choice`.
 */
function toButtonPress(query: TgCallbackQuery): InboundEvent {
  if (typeof query.id !== "string" || !query.from)
    throw new UnparseableEventError("Telegram callback_query lacks id or from");
  const message = query.message;
  // Without its message (an inline-mode button, or one too old for Telegram to attach) there is no chat to put it in.
  if (!message?.chat || typeof query.data !== "string")
    return { type: "ignored", platform: "telegram", reason: "callback_query without a message or data" };
  const chat = message.chat;
  const pressed = message.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data === query.data);
  const { id, first_name, last_name, username, is_bot } = query.from;
  return {
    type: "message",
    platform: "telegram",
    externalId: `callback:${query.id}`,
    threadKey: privateThreadKey(chat.id),
    visibility: chat.type === "private" ? "private" : "public",
    author: {
      externalId: String(id),
      displayName: [first_name, last_name].filter(Boolean).join(" ") || username || String(id),
      username,
      isBot: is_bot,
    },
    text: pressed?.text ?? query.data,
    attachments: [],
    // A callback query carries no time of its own; the press is now.
    sentAt: new Date(),
    parentExternalId: externalMessageId(chat.id, message.message_id),
    replyTarget: { chatId: Number.isSafeInteger(chat.id) ? chat.id : String(chat.id) },
    choice: query.data,
    choiceAckId: query.id,
  };
}

function authorOf(message: TgMessage) {
  if (message.from) {
    const { id, first_name, last_name, username, is_bot } = message.from;
    return {
      externalId: String(id),
      displayName: [first_name, last_name].filter(Boolean).join(" ") || username || String(id),
      username,
      isBot: is_bot,
    };
  }
  // Channel posts and anonymous group admins speak as the chat itself.
  const chat = message.sender_chat ?? message.chat;
  return {
    externalId: String(chat.id),
    displayName: chat.title ?? chat.username ?? String(chat.id),
    username: chat.username,
  };
}

/**
 * Messages whose content is not text (a Mini App's data, a venue, a poll, a dice roll) still say something: the
 * thread shows it instead of an empty bubble.
 */
function contentText(message: TgMessage): string {
  if (message.web_app_data)
    return `${message.web_app_data.button_text}: ${message.web_app_data.data}`.slice(0, 4096);
  if (message.venue) return `📍 ${message.venue.title}, ${message.venue.address}`;
  if (message.poll)
    return `📊 ${message.poll.question}\n${message.poll.options.map((o) => `• ${o.text}`).join("\n")}`;
  if (message.dice) return `${message.dice.emoji} ${message.dice.value}`;
  if (message.contact) return `👤 ${message.contact.first_name}, ${message.contact.phone_number}`;
  return "";
}

function attachmentsOf(message: TgMessage): Attachment[] {
  const attachments: Attachment[] = [];
  const largestPhoto = message.photo?.reduce((best, p) =>
    p.width * p.height > best.width * best.height ? p : best,
  );
  // Telegram re-encodes every photo as JPEG; the other kinds say their type when the sender's app knew it.
  if (largestPhoto)
    attachments.push({
      type: "image",
      ref: largestPhoto.file_id,
      mimeType: "image/jpeg",
      size: largestPhoto.file_size,
      width: largestPhoto.width,
      height: largestPhoto.height,
    });
  const { document, video, voice, audio, sticker } = message;
  if (document)
    attachments.push({
      type: "file",
      ref: document.file_id,
      name: document.file_name,
      mimeType: document.mime_type,
      size: document.file_size,
    });
  if (video)
    attachments.push({
      type: "video",
      ref: video.file_id,
      name: video.file_name,
      mimeType: video.mime_type,
      size: video.file_size,
      width: video.width,
      height: video.height,
    });
  if (voice)
    attachments.push({
      type: "audio",
      ref: voice.file_id,
      name: "voice message",
      mimeType: voice.mime_type,
      size: voice.file_size,
    });
  if (audio)
    attachments.push({
      type: "audio",
      ref: audio.file_id,
      name: audio.title ?? audio.file_name,
      mimeType: audio.mime_type,
      size: audio.file_size,
    });
  if (sticker)
    attachments.push({
      type: "sticker",
      ref: sticker.file_id,
      name: sticker.emoji,
      // A static sticker is WebP; an animated one is gzipped Lottie (.tgs) and a video one WebM.
      mimeType: sticker.is_animated
        ? "application/x-tgsticker"
        : sticker.is_video
          ? "video/webm"
          : "image/webp",
      size: sticker.file_size,
      width: sticker.width,
      height: sticker.height,
    });
  if (message.location)
    attachments.push({
      type: "location",
      name: `${message.location.latitude},${message.location.longitude}`,
    });
  if (message.contact) attachments.push({ type: "contact", name: message.contact.first_name });
  return attachments;
}

function mentionsBot(message: TgMessage, botUsername: string | undefined): boolean {
  if (message.reply_to_message?.from?.is_bot) return true;
  const text = message.text ?? message.caption ?? "";
  const entities: TgMessageEntity[] = message.entities ?? message.caption_entities ?? [];
  const wanted = botUsername ? `@${botUsername.replace(/^@/, "").toLowerCase()}` : null;
  return entities.some((entity) => {
    if (entity.type === "text_mention") return entity.user?.is_bot === true;
    if (entity.type !== "mention" || !wanted) return false;
    return text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === wanted;
  });
}
