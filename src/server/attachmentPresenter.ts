import { isFetchable, MAX_ATTACHMENTS_PER_MESSAGE, storedAttachment } from "../domain/attachmentAccess.ts";
import type { Attachment } from "../domain/inboundEvent.ts";

/** An attachment as the browser sees it: what it is and Parley's own address for it, never the platform's. */
export interface PresentedAttachment {
  type: Attachment["type"];
  /** The customer's file name or the platform's label (a sticker's emoji): hostile text, shown inert. */
  name: string | null;
  mimeType: string | null;
  size: number | null;
  width: number | null;
  height: number | null;
  /** GET /api/messages/:id/attachments/:index, for files the server can fetch; null otherwise. */
  url: string | null;
  /** A shared link's own address (http or https only), for link attachments. */
  link: string | null;
}

function httpLink(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Never includes `ref` or `url`: a Telegram file_id or a WhatsApp media id is only useful with a token. */
export function presentAttachments(messageId: string, stored: readonly unknown[]): PresentedAttachment[] {
  return stored.slice(0, MAX_ATTACHMENTS_PER_MESSAGE).flatMap((value, index) => {
    const attachment = storedAttachment(value);
    if (!attachment) return [];
    return [
      {
        type: attachment.type,
        name: attachment.name ?? null,
        mimeType: attachment.mimeType ?? null,
        size: attachment.size ?? null,
        width: attachment.width ?? null,
        height: attachment.height ?? null,
        url: isFetchable(attachment) ? `/api/messages/${messageId}/attachments/${index}` : null,
        link: attachment.type === "link" ? httpLink(attachment.ref) : null,
      },
    ];
  });
}
