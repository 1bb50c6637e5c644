import { sql } from "drizzle-orm";
import { fetchableAttachmentAt } from "../domain/attachmentAccess.ts";
import { loadChannel } from "../store/channelStore.ts";
import type { DbOrTx } from "../store/database.ts";
import type { SecretBox } from "../store/secretBox.ts";
import {
  AttachmentUnavailableError,
  type DownloadedFile,
  type DownloadOptions,
  downloadFile,
} from "./fileDownload.ts";
import { attachmentHeaders, SNIFF_BYTES, safeFileName, servedType } from "./servedType.ts";

/** Default for PARLEY_ATTACHMENT_MAX_BYTES: above Telegram's 20 MB for bots, below WhatsApp's 100 MB documents. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

export interface StoredMessageFiles {
  id: string;
  channelId: string;
  attachments: readonly unknown[];
}

export interface RelayedAttachment {
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array>;
  /** Bytes in the whole file, where the platform said; ranges are served only then. */
  size: number | undefined;
}

/** The message has no file at that index, or its channel cannot fetch files: the same answer as no message. */
export class NoSuchAttachmentError extends Error {
  override readonly name = "NoSuchAttachmentError";
}

/**
 * Fetches one attachment of a message from its platform for a viewer who may see the message (the caller
 * checks): the adapter says where the file is and with which credential, the download is size-limited and
 * the served type comes from the bytes (servedType.ts). The browser only ever talks to Parley.
 */
export async function relayAttachment(
  db: DbOrTx,
  box: SecretBox,
  message: StoredMessageFiles,
  index: number,
  options: DownloadOptions,
): Promise<RelayedAttachment> {
  const attachment = fetchableAttachmentAt(message.attachments, index);
  if (!attachment) throw new NoSuchAttachmentError("No such file attachment");
  const channel = await loadChannel(db, box, message.channelId);
  if (!channel?.adapter.locateAttachment) throw new NoSuchAttachmentError("The channel cannot fetch files");
  const location = await channel.adapter.locateAttachment(attachment, channel.context);
  if (!location.ok) throw new AttachmentUnavailableError(location.reason, location.detail);
  const file =
    "kept" in location
      ? await keptFile(db, message.channelId, location.kept, location.size, options.maxBytes)
      : await downloadFile(location, options);
  const type = servedType(file.head, [file.declaredType, attachment.mimeType]);
  const name = safeFileName(attachment.name, `attachment-${index + 1}`, type.contentType);
  return { headers: attachmentHeaders(type, name), body: file.body, size: file.size };
}

/** A file cut out of a raw event Parley kept (an e-mail attachment), under the same size limit as a download. */
async function keptFile(
  db: DbOrTx,
  channelId: string,
  kept: { dedupKey: string; extract(raw: Uint8Array): Promise<Uint8Array | null> },
  size: number | undefined,
  maxBytes: number,
): Promise<DownloadedFile> {
  if (size !== undefined && size > maxBytes)
    throw new AttachmentUnavailableError("too_large", `declared ${size} bytes`);
  const result = (await db.execute(
    sql`SELECT raw_body FROM raw_events WHERE channel_id = ${channelId} AND dedup_key = ${kept.dedupKey} LIMIT 1`,
  )) as unknown as { rows: { raw_body: Uint8Array | string | null }[] };
  const raw = result.rows[0]?.raw_body;
  if (!raw) throw new AttachmentUnavailableError("gone", "the kept copy is gone");
  const bytes = await kept.extract(
    typeof raw === "string" ? Buffer.from(raw.replace(/^\\x/, ""), "hex") : raw,
  );
  if (!bytes) throw new AttachmentUnavailableError("gone", "no such part in the kept copy");
  if (bytes.byteLength > maxBytes)
    throw new AttachmentUnavailableError("too_large", `${bytes.byteLength} bytes`);
  return {
    head: bytes.subarray(0, SNIFF_BYTES),
    declaredType: undefined,
    size: bytes.byteLength,
    body: new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    }),
  };
}
