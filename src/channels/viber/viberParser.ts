import type { Attachment, InboundEvent } from "../../domain/inboundEvent.ts";
import { privateThreadKey } from "../../domain/threading.ts";
import { UnparseableEventError } from "../channelAdapter.ts";
import { choiceFrom } from "./viberChoices.ts";
import { viberToken } from "./viberJson.ts";
import type { ViberMessage, ViberUser } from "./viberTypes.ts";

/** Events Parley knows and turns into nothing: the door answers `webhook` itself; `conversation_started` is a
 * person opening the chat (its welcome, if any, was the door's answer); the rest are Viber's client signals. */
const IGNORED: Record<string, string> = {
  webhook: "the webhook check Viber sends after set_webhook",
  conversation_started: "a person opened the chat; no message yet (a configured welcome answered it)",
  client_status: "client status updates are not conversations",
  action: "client actions are not conversations",
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * One Viber callback (https://creators.viber.com/docs/bots-api/events/) as normalized events. Bots talk 1:1, so
 * every thread is the private chat with one person, keyed by their id (unique per bot and stable).
 */
export function parseViberCallback(payload: unknown): InboundEvent[] {
  if (!isObject(payload) || typeof payload.event !== "string")
    throw new UnparseableEventError("Not a Viber callback: event is missing");
  const { event } = payload;
  const at = timeOf(payload.timestamp);
  switch (event) {
    case "message":
      return [toMessage(payload, at)];
    case "subscribed": {
      const user = userOf(payload.user, "subscribed");
      return [
        {
          type: "subscription",
          platform: "viber",
          threadKey: privateThreadKey(user.id),
          subscribed: true,
          at,
        },
      ];
    }
    case "unsubscribed":
      return [
        {
          type: "subscription",
          platform: "viber",
          threadKey: privateThreadKey(userIdOf(payload.user_id, event)),
          subscribed: false,
          at,
        },
      ];
    case "delivered":
      return [
        {
          type: "delivery_status",
          platform: "viber",
          externalId: tokenOf(payload, event),
          status: "delivered",
          at,
        },
      ];
    case "seen":
      // "Sent only once when the user reads their unread messages": everything the bot sent before is read too.
      return [
        {
          type: "delivery_status",
          platform: "viber",
          externalId: tokenOf(payload, event),
          status: "read",
          at,
        },
        {
          type: "read_up_to",
          platform: "viber",
          threadKey: privateThreadKey(userIdOf(payload.user_id, event)),
          at,
        },
      ];
    case "failed":
      return [
        {
          type: "delivery_status",
          platform: "viber",
          externalId: tokenOf(payload, event),
          status: "failed",
          at,
          error: `Viber could not deliver the message: ${typeof payload.desc === "string" && payload.desc ? payload.desc : "no reason given"}`,
        },
      ];
  }
  const reason = IGNORED[event];
  if (reason) return [{ type: "ignored", platform: "viber", reason }];
  throw new UnparseableEventError(`Unknown Viber event: ${event.slice(0, 100)}`, { unknownKind: true });
}

function timeOf(value: unknown): Date {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new UnparseableEventError("Viber callback lacks its timestamp");
  return new Date(value);
}

function tokenOf(payload: Record<string, unknown>, event: string): string {
  const token = viberToken(payload.message_token);
  if (token === undefined) throw new UnparseableEventError(`Viber ${event} lacks message_token`);
  return token;
}

function userIdOf(value: unknown, event: string): string {
  if (typeof value !== "string" || value.length === 0)
    throw new UnparseableEventError(`Viber ${event} lacks the user's id`);
  return value;
}

function userOf(value: unknown, event: string, field = "user"): ViberUser {
  if (!isObject(value)) throw new UnparseableEventError(`Viber ${event} lacks its ${field}`);
  userIdOf(value.id, event);
  return value as unknown as ViberUser;
}

function toMessage(payload: Record<string, unknown>, at: Date): InboundEvent {
  const sender = userOf(payload.sender, "message", "sender");
  if (!isObject(payload.message) || typeof payload.message.type !== "string")
    throw new UnparseableEventError("Viber message lacks its message object");
  const message = payload.message as unknown as ViberMessage;
  const text = typeof message.text === "string" ? message.text : "";
  const choice = choiceFrom(text, message.tracking_data);
  return {
    type: "message",
    platform: "viber",
    externalId: tokenOf(payload, "message"),
    threadKey: privateThreadKey(sender.id),
    visibility: "private",
    author: {
      externalId: sender.id,
      // Without the person's consent to "content personalisation" Viber sends a placeholder or nothing.
      displayName: typeof sender.name === "string" && sender.name.trim() ? sender.name : "Viber user",
    },
    text,
    attachments: attachmentsOf(message),
    sentAt: at,
    replyTarget: { receiver: sender.id },
    ...(choice ? { choice } : {}),
  };
}

/** Media arrive as Viber's URLs (valid for a limited time); they are references, never fetched blindly. */
function attachmentsOf(message: ViberMessage): Attachment[] {
  const media = typeof message.media === "string" ? message.media : undefined;
  switch (message.type) {
    case "text":
      return [];
    case "picture":
      return [{ type: "image", ref: media }];
    case "video":
      return [{ type: "video", ref: media }];
    case "file":
      return [{ type: "file", ref: media, name: message.file_name }];
    case "sticker":
      return [{ type: "sticker", ref: media ?? String(message.sticker_id ?? ""), name: "sticker" }];
    case "url":
      return [{ type: "link", ref: media }];
    case "location":
      return message.location
        ? [{ type: "location", name: `${message.location.lat},${message.location.lon}` }]
        : [{ type: "location" }];
    case "contact":
      return [
        {
          type: "contact",
          name: [message.contact?.name, message.contact?.phone_number].filter(Boolean).join(" "),
        },
      ];
    default:
      // A kind Parley does not show yet (rich media, a new type) is still a message with a placeholder.
      return [{ type: "other", name: `Viber ${message.type.slice(0, 50)} message`, ref: media }];
  }
}
