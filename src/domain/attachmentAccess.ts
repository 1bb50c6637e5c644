import type { Attachment } from "./inboundEvent.ts";

/** Kinds that are a file somewhere on the platform; locations, contacts and shared links are not. */
const FILE_KINDS: ReadonlySet<Attachment["type"]> = new Set([
  "image",
  "video",
  "audio",
  "file",
  "sticker",
  "other",
]);

/** The most attachments one message is read for: far above what any platform allows on one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 50;

/**
 * A stored attachment as far as the jsonb column can be trusted: the column is written by the connectors, but
 * an old row or a hand-edited one must not crash the thread, so anything unexpected reads as "nothing".
 */
export function storedAttachment(value: unknown): Attachment | null {
  if (!value || typeof value !== "object") return null;
  const a = value as Record<string, unknown>;
  if (typeof a.type !== "string") return null;
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const count = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined);
  return {
    type: (FILE_KINDS.has(a.type as Attachment["type"]) || ["location", "contact", "link"].includes(a.type)
      ? a.type
      : "other") as Attachment["type"],
    ref: text(a.ref),
    url: text(a.url),
    name: text(a.name),
    mimeType: text(a.mimeType),
    size: count(a.size),
    width: count(a.width),
    height: count(a.height),
  };
}

/**
 * Whether the server can fetch this attachment's file for the browser: a file kind with something to fetch it
 * by. A WhatsApp location's `geo:` ref or a contact's phone number is never a file.
 */
export function isFetchable(attachment: Attachment): boolean {
  if (!FILE_KINDS.has(attachment.type)) return false;
  return Boolean(attachment.url ?? attachment.ref);
}

/** The attachment at `index` of a stored list, if it is one the server may fetch. */
export function fetchableAttachmentAt(stored: readonly unknown[], index: number): Attachment | null {
  if (!Number.isInteger(index) || index < 0 || index >= Math.min(stored.length, MAX_ATTACHMENTS_PER_MESSAGE))
    return null;
  const attachment = storedAttachment(stored[index]);
  return attachment && isFetchable(attachment) ? attachment : null;
}
