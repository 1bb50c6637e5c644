import { createHash } from "node:crypto";
import type {
  Attachment,
  Author,
  InboundChannelNotice,
  InboundEvent,
  InboundMessage,
  ReplyTarget,
} from "../../domain/inboundEvent.ts";
import { privateThreadKey } from "../../domain/threading.ts";
import { type RawEventInput, UnparseableEventError } from "../channelAdapter.ts";
import { describeValue } from "../webhookJson.ts";

/**
 * WhatsApp Cloud API webhooks (object "whatsapp_business_account", PLATFORMS.md §5.1): `entry[].id` is the
 * WhatsApp Business Account, each `changes[].value.metadata.phone_number_id` the number that received the
 * event. A change batches `messages[]`, `statuses[]` and `errors[]`; each becomes a raw event of its own.
 * Timestamps are strings of seconds.
 */
type Json = Record<string, unknown>;

export const WHATSAPP_OBJECT = "whatsapp_business_account";

/** One item cut out of a webhook, as stored: the message, status or error with what it needs from its change. */
export interface WhatsappItem {
  object: string;
  /** entry.id: the WhatsApp Business Account id. */
  wabaId: string;
  field: string;
  /** value.metadata.phone_number_id: the channel's number (RawEventInput.accountId). */
  phoneNumberId?: string | undefined;
  kind: "message" | "status" | "error" | "echo" | "change";
  /** For messages: the sender's entry of value.contacts[] (profile name). */
  contact?: Json | undefined;
  item: Json;
  /** Set when the envelope had the wrong shape here (an entry that is no object...): the item is set aside. */
  problem?: string | undefined;
}

const str = (value: unknown): string | undefined =>
  typeof value === "string" || typeof value === "number" ? String(value) : undefined;
const obj = (value: unknown): Json | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((v) => obj(v)) : []);
/** What is wrong with `name`, which should be an object or a list of objects; undefined when nothing is. */
const wrongShape = (name: string, value: unknown, want: "object" | "list"): string | undefined => {
  if (want === "object") return obj(value) ? undefined : `${name} is ${describeValue(value)}, not an object`;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return `${name} is ${describeValue(value)}, not a list`;
  const bad = value.findIndex((v) => !obj(v));
  return bad < 0 ? undefined : `${name}[${bad}] is ${describeValue(value[bad])}, not an object`;
};
const digest = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);

/** Cuts a parsed webhook body into raw events, routed by phone number id and deduplicated on WhatsApp's ids. */
export function splitWhatsappEnvelope(envelope: { object: string; entry: unknown[] }): RawEventInput[] {
  const events: RawEventInput[] = [];
  // A part of the wrong shape is kept whole, as an item the parser refuses with the reason: set aside, not lost.
  const setAside = (index: number, problem: string, value: unknown) =>
    events.push({
      dedupKey: `wrong-shape:${digest(JSON.stringify({ index, problem, value }) ?? "")}`,
      payload: {
        object: envelope.object,
        wabaId: "",
        field: "(wrong shape)",
        kind: "change",
        item: { index, value },
        problem: `WhatsApp webhook ${problem}`,
      } satisfies WhatsappItem,
    });
  for (const [index, rawEntry] of envelope.entry.entries()) {
    const entry = obj(rawEntry) ?? {};
    const problem =
      wrongShape(`entry ${index}`, rawEntry, "object") ??
      wrongShape(`entry ${index} changes`, entry.changes, "list");
    if (problem) setAside(index, problem, rawEntry);
    const wabaId = str(entry.id) ?? "";
    for (const change of list(entry.changes)) {
      const field = str(change.field) ?? "";
      const value = obj(change.value) ?? {};
      const phoneNumberId = str(obj(value.metadata)?.phone_number_id);
      const base = { object: envelope.object, wabaId, field, phoneNumberId };
      const push = (dedupKey: string, item: Omit<WhatsappItem, keyof typeof base>) =>
        events.push({ dedupKey, payload: { ...base, ...item }, accountId: phoneNumberId });
      const before = events.length;
      if (field === "messages") {
        const contacts = list(value.contacts);
        for (const message of list(value.messages)) {
          const from = str(message.from);
          const userId = str(message.from_user_id);
          const contact =
            contacts.find(
              (c) =>
                (from !== undefined && str(c.wa_id) === from) ||
                (userId !== undefined && str(c.user_id) === userId),
            ) ?? (contacts.length === 1 ? contacts[0] : undefined);
          push(str(message.id) ?? `message:${digest(JSON.stringify(message))}`, {
            kind: "message",
            contact,
            item: message,
          });
        }
        for (const status of list(value.statuses))
          push(`status:${str(status.id)}:${str(status.status)}`, { kind: "status", item: status });
        const errors = list(value.errors);
        for (const [index, error] of errors.entries())
          push(`error:${phoneNumberId}:${digest(JSON.stringify(value))}:${index}`, {
            kind: "error",
            item: error,
          });
      } else if (field === "smb_message_echoes") {
        for (const echo of list(value.message_echoes))
          push(str(echo.id) ?? `echo:${digest(JSON.stringify(echo))}`, { kind: "echo", item: echo });
      }
      // Any other field, or a messages change with nothing Parley reads, is kept whole and set aside.
      if (events.length === before)
        push(`${field}:${wabaId}:${digest(JSON.stringify(value))}`, { kind: "change", item: value });
    }
  }
  return events;
}

export function parseWhatsappItem(payload: unknown): InboundEvent[] {
  const stored = obj(payload) as WhatsappItem | undefined;
  if (!stored || !obj(stored.item)) throw new UnparseableEventError("Not a stored WhatsApp webhook item");
  if (stored.problem) throw new UnparseableEventError(stored.problem);
  if (stored.object !== WHATSAPP_OBJECT)
    throw new UnparseableEventError(`Not a WhatsApp Business Account webhook: object ${stored.object}`, {
      unknownKind: true,
    });
  switch (stored.kind) {
    case "message":
      return [parseMessage(stored.item, stored.contact)];
    case "status":
      return parseStatus(stored.item);
    case "echo":
      return [parseEcho(stored.item)];
    case "error":
      // Account-level failures (rate limits, a number's quality...): kept as an inbound problem for the admin.
      throw new UnparseableEventError(`WhatsApp reported ${errorText(stored.item)}`, { unknownKind: true });
    default: {
      const notice = accountNotice(stored.field, stored.item);
      if (notice) return [notice];
      throw new UnparseableEventError(
        stored.field === "messages"
          ? "WhatsApp messages change without messages, statuses or errors"
          : `Unknown WhatsApp webhook field: ${stored.field}`,
        { unknownKind: true },
      );
    }
  }
}

/**
 * The number's and the account's own news (PLATFORMS.md §5.1 fields beyond `messages`): quality rating and
 * messaging limit, account bans, violations and restrictions, template reviews. Admins hear of them in the bell,
 * because each changes what the team can send.
 */
function accountNotice(field: string, value: Json): InboundChannelNotice | undefined {
  const event = str(value.event) ?? "";
  const notice = (
    kind: string,
    severity: InboundChannelNotice["severity"],
    text: string,
    data: InboundChannelNotice["data"],
  ): InboundChannelNotice => ({ type: "channel_notice", platform: "whatsapp", kind, severity, text, data });
  if (field === "phone_number_quality_update") {
    const limit = str(value.current_limit) ?? str(value.max_daily_conversations_per_business);
    const bad = event === "FLAGGED" || event === "DOWNGRADE";
    const what: Record<string, string> = {
      FLAGGED: "quality is low: the number is flagged and its messaging limit may drop",
      UNFLAGGED: "quality recovered: the number is no longer flagged",
      DOWNGRADE: "messaging limit lowered",
      UPGRADE: "messaging limit raised",
      THROUGHPUT_UPGRADE: "throughput raised",
      ONBOARDING: "number onboarded",
    };
    return notice(
      "whatsapp.phone_quality",
      bad ? "warning" : "info",
      `WhatsApp number ${str(value.display_phone_number) ?? ""}: ${what[event] ?? event.toLowerCase()}${limit ? ` (limit ${limit})` : ""}`,
      { event, limit: limit ?? null, previousLimit: str(value.old_limit) ?? null },
    );
  }
  if (field === "account_update") {
    const ban = obj(value.ban_info);
    const violation = str(obj(value.violation_info)?.violation_type);
    const restrictions = list(value.restriction_info)
      .map(
        (r) => `${str(r.restriction_type) ?? "?"}${str(r.expiration) ? ` until ${str(r.expiration)}` : ""}`,
      )
      .join(", ");
    const detail = [
      str(ban?.waba_ban_state) ? `ban ${str(ban?.waba_ban_state)}` : "",
      violation ? `violation ${violation}` : "",
      restrictions ? `restricted: ${restrictions}` : "",
    ].filter(Boolean);
    const bad = /BAN|VIOLATION|RESTRICTION|DISABLED/.test(event);
    return notice(
      "whatsapp.account",
      bad ? "warning" : "info",
      `WhatsApp account update: ${event.toLowerCase().replaceAll("_", " ") || "changed"}${detail.length ? ` (${detail.join("; ")})` : ""}`,
      { event, violation: violation ?? null, restrictions: restrictions || null },
    );
  }
  if (field === "message_template_status_update" || field === "message_template_quality_update") {
    const name = str(value.message_template_name) ?? str(value.message_template_id) ?? "?";
    const language = str(value.message_template_language);
    const label = `template “${name}”${language ? ` (${language})` : ""}`;
    if (field === "message_template_quality_update") {
      const quality = str(value.new_quality_score) ?? "?";
      return notice(
        "whatsapp.template_quality",
        quality === "RED" ? "warning" : "info",
        `WhatsApp ${label} quality: ${str(value.previous_quality_score) ?? "?"} → ${quality}`,
        { template: name, language: language ?? null, quality },
      );
    }
    const reason = str(value.reason);
    return notice(
      "whatsapp.template_status",
      ["REJECTED", "DISABLED", "PAUSED", "FLAGGED", "PENDING_DELETION"].includes(event) ? "warning" : "info",
      `WhatsApp ${label}: ${event.toLowerCase().replaceAll("_", " ")}${reason && reason !== "NONE" ? ` — ${reason}` : ""}`,
      { template: name, language: language ?? null, event, reason: reason ?? null },
    );
  }
  return undefined;
}

/** `{code, title, message, error_data.details}` of a webhook error, as one line for an agent or an admin. */
export function errorText(error: Json | undefined): string {
  if (!error) return "an unknown error";
  const details = str(obj(error.error_data)?.details);
  const title = str(error.title) ?? str(error.message) ?? "Error";
  return `error ${str(error.code) ?? "?"}: ${title}${details && details !== title ? ` — ${details}` : ""}`;
}

const secondsToDate = (value: unknown): Date => {
  const seconds = Number(str(value));
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
};

/**
 * Who wrote: since 2026 a customer who adopted a WhatsApp username may be named only by a business-scoped user
 * id (BSUID, `from_user_id` / `contacts[].user_id`, "LV.1502576394655843") with no phone number. The phone stays
 * the key where it is given, so conversations kept before BSUIDs still continue; the BSUID keys the rest.
 */
export interface WhatsappSender {
  /** The stable key of the person: the phone number (wa_id) when given, else the BSUID. */
  key: string;
  waId?: string | undefined;
  userId?: string | undefined;
}

export function senderOf(message: Json): WhatsappSender | undefined {
  const waId = str(message.from);
  const userId = str(message.from_user_id);
  const key = waId ?? userId;
  return key ? { key, waId, userId } : undefined;
}

function customer(sender: WhatsappSender, contact: Json | undefined): Author {
  const profile = obj(contact?.profile);
  const name = str(profile?.name);
  const handle = sender.waId ? `+${sender.waId}` : (str(profile?.username) ?? sender.userId);
  // Without a profile name the one already known is kept (needsProfile), instead of being replaced by the number.
  return name
    ? { externalId: sender.key, displayName: name, username: handle }
    : { externalId: sender.key, displayName: handle ?? sender.key, username: handle, needsProfile: true };
}

/** How a reply reaches the person: the phone where known (`to`), else the BSUID (`recipient`). */
const replyTargetOf = (sender: WhatsappSender): ReplyTarget =>
  sender.waId ? { waId: sender.waId } : { userId: sender.userId ?? sender.key };

const MEDIA: Record<string, Attachment["type"]> = {
  image: "image",
  video: "video",
  audio: "audio",
  document: "file",
  sticker: "sticker",
};

/** Text and attachments of one message type (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages). */
function contentOf(
  message: Json,
  type: string,
): { text: string; attachments: Attachment[]; choice?: string | undefined } {
  const body = obj(message[type]);
  const mediaType = MEDIA[type];
  if (type === "text") return { text: str(body?.body) ?? "", attachments: [] };
  if (mediaType) {
    const ref = str(body?.id) ?? str(body?.url);
    // A voice note is an audio message recorded in the app (`audio.voice: true`): named so, as it has no file name.
    const name =
      str(body?.filename) ?? (type === "audio" && body?.voice === true ? "voice message" : undefined);
    return {
      text: str(body?.caption) ?? "",
      attachments: [{ type: mediaType, ref, name, mimeType: str(body?.mime_type) }],
    };
  }
  if (type === "location") {
    const at = `${str(body?.latitude) ?? "?"}, ${str(body?.longitude) ?? "?"}`;
    const place = [str(body?.name), str(body?.address)].filter(Boolean).join(", ");
    return {
      text: place ? `📍 ${place} (${at})` : `📍 ${at}`,
      attachments: [{ type: "location", ref: `geo:${at.replace(" ", "")}`, name: place || undefined }],
    };
  }
  if (type === "contacts") {
    const cards = list(message.contacts).map((card) => {
      const name = obj(card.name);
      const phones = list(card.phones);
      return {
        name:
          str(name?.formatted_name) ??
          [str(name?.first_name), str(name?.last_name)].filter(Boolean).join(" "),
        phones: phones.map((p) => str(p.phone) ?? str(p.wa_id)).filter((p): p is string => Boolean(p)),
        waId: phones.map((p) => str(p.wa_id)).find(Boolean),
      };
    });
    return {
      text: cards.map((c) => `👤 ${[c.name || "Contact", ...c.phones].join(", ")}`).join("\n"),
      attachments: cards.map((c) => ({
        type: "contact",
        ref: c.waId ?? c.phones[0],
        name: c.name || undefined,
      })),
    };
  }
  if (type === "interactive") {
    const flow = obj(body?.nfm_reply);
    if (flow) return { text: flowAnswerText(flow), attachments: [] };
    const reply = obj(body?.button_reply) ?? obj(body?.list_reply);
    if (!reply) return placeholder(`interactive ${str(body?.type) ?? "reply"}`);
    return { text: str(reply.title) ?? str(reply.id) ?? "", attachments: [], choice: str(reply.id) };
  }
  // A tap on a template's quick-reply button.
  if (type === "button") return { text: str(body?.text) ?? str(body?.payload) ?? "", attachments: [] };
  if (type === "order") {
    const items = list(body?.product_items);
    const lines = items.map((i) =>
      `${str(i.quantity) ?? "1"} × ${str(i.product_retailer_id) ?? "?"} (${str(i.item_price) ?? "?"} ${str(i.currency) ?? ""})`.trim(),
    );
    return {
      text: [str(body?.text), ...lines].filter(Boolean).join("\n"),
      attachments: [{ type: "other", name: "order" }],
    };
  }
  // A type WhatsApp added after this code, or one Cloud API cannot deliver: the customer still wrote something, so
  // the agent sees that a message came instead of it vanishing (PLATFORMS.md §5.1).
  return placeholder(`${type || "unknown"} message`);
}

/** A message whose content Parley cannot show: an attachment chip names what it was, so the thread and preview are not blank. */
function placeholder(what: string): { text: string; attachments: Attachment[] } {
  return { text: "", attachments: [{ type: "other", name: `WhatsApp ${what}` }] };
}

/**
 * A WhatsApp Flow (form) the customer submitted: `nfm_reply.response_json` is a JSON string of the form's fields.
 * Shown as "field: value" lines; the flow_token is Parley's own bookkeeping, not the customer's words.
 */
export function flowAnswerText(flow: Json): string {
  let fields: Json | undefined;
  try {
    fields = obj(JSON.parse(str(flow.response_json) ?? ""));
  } catch {
    fields = undefined;
  }
  const lines = Object.entries(fields ?? {})
    .filter(([key]) => key !== "flow_token")
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return lines.length > 0 ? lines.join("\n") : (str(flow.body) ?? "");
}

function parseMessage(message: Json, contact: Json | undefined): InboundEvent {
  const id = str(message.id);
  const sender = senderOf(message);
  const type = str(message.type) ?? "";
  if (!id || !sender)
    throw new UnparseableEventError("WhatsApp message lacks id or a sender (from or from_user_id)");
  if (type === "reaction") {
    // Feedback on one message, not something to answer: it becomes that message's state. An empty emoji
    // takes the reaction back.
    const reaction = obj(message.reaction);
    const target = str(reaction?.message_id);
    if (!target) throw new UnparseableEventError("WhatsApp reaction lacks message_id");
    return {
      type: "reaction",
      platform: "whatsapp",
      externalId: target,
      emoji: str(reaction?.emoji) || null,
      at: new Date(Number(message.timestamp ?? Date.now() / 1000) * 1000),
    };
  }
  if (type === "system")
    return {
      type: "ignored",
      platform: "whatsapp",
      reason: `System message: ${str(obj(message.system)?.body) ?? str(obj(message.system)?.type) ?? "no text"}`,
    };
  const content: ReturnType<typeof contentOf> =
    type === "unsupported"
      ? placeholder(`message Cloud API cannot show (${errorText(list(message.errors)[0])})`)
      : contentOf(message, type);
  const event: InboundMessage = {
    type: "message",
    platform: "whatsapp",
    externalId: id,
    threadKey: privateThreadKey(sender.key),
    visibility: "private",
    author: customer(sender, contact),
    text: content.text,
    attachments: content.attachments,
    sentAt: secondsToDate(message.timestamp),
    parentExternalId: str(obj(message.context)?.id),
    replyTarget: replyTargetOf(sender),
    ...(content.choice ? { choice: content.choice } : {}),
  };
  return event;
}

/** Sent, delivered, read or failed, for a message Parley sent; the id is the wamid the send returned. */
function parseStatus(status: Json): InboundEvent[] {
  const id = str(status.id);
  const state = str(status.status);
  if (!id || !state) throw new UnparseableEventError("WhatsApp status lacks id or status");
  const at = secondsToDate(status.timestamp);
  if (state === "sent" || state === "delivered" || state === "read" || state === "failed") {
    const errors = list(status.errors);
    return [
      {
        type: "delivery_status",
        platform: "whatsapp",
        externalId: id,
        status: state,
        at,
        error:
          state === "failed"
            ? errors.length > 0
              ? errors.map((e) => `WhatsApp ${errorText(e)}`).join("; ")
              : "WhatsApp reported the message failed"
            : undefined,
      },
    ];
  }
  // "deleted" (legacy On-Premises) and "warning" carry nothing Parley tracks.
  if (state === "deleted" || state === "warning")
    return [{ type: "ignored", platform: "whatsapp", reason: `WhatsApp status ${state} for ${id}` }];
  throw new UnparseableEventError(`Unknown WhatsApp status: ${state}`, { unknownKind: true });
}

/** A message the business sent from the WhatsApp Business app on a coexistence number (smb_message_echoes). */
function parseEcho(echo: Json): InboundEvent {
  const id = str(echo.id);
  const to = str(echo.to) ?? str(echo.to_user_id);
  if (!id || !to) throw new UnparseableEventError("WhatsApp message echo lacks id or to");
  const recipient: WhatsappSender = str(echo.to) ? { key: to, waId: to } : { key: to, userId: to };
  const content = contentOf(echo, str(echo.type) ?? "");
  return {
    type: "message",
    platform: "whatsapp",
    externalId: id,
    threadKey: privateThreadKey(to),
    visibility: "private",
    author: customer(recipient, undefined),
    text: content.text,
    attachments: content.attachments,
    sentAt: secondsToDate(echo.timestamp),
    parentExternalId: str(obj(echo.context)?.id),
    replyTarget: replyTargetOf(recipient),
    fromAccount: true,
  };
}
