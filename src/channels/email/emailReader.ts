import { createHash } from "node:crypto";
import { type ParsedMail, simpleParser } from "mailparser";
import type { RawEventInput } from "../channelAdapter.ts";
import { firstMessageId, messageIdsIn } from "./emailHeaders.ts";
import type { EmailAttachmentInfo, EmailPayload } from "./emailPayload.ts";
import { htmlToPlainText, trimQuotedHistory } from "./emailText.ts";

export interface EmailLimits {
  /** A mail above this is refused (recorded, not opened as a ticket); its raw copy is kept. */
  maxMessageBytes: number;
  /** An attachment above this is listed with the reason and never served. */
  maxAttachmentBytes: number;
}

export const DEFAULT_EMAIL_LIMITS: EmailLimits = {
  maxMessageBytes: 25 * 1024 * 1024,
  maxAttachmentBytes: 10 * 1024 * 1024,
};

/** Headers kept in the payload because emailAutomation.ts reads them. */
const KEPT_HEADERS = new Set([
  "auto-submitted",
  "x-autoreply",
  "x-autorespond",
  "x-autoresponder",
  "x-vacation",
  "precedence",
  "x-loop",
  "x-mailer",
  "content-type",
  "return-path",
]);

/**
 * One raw e-mail, as fetched from IMAP (or fed by the demo), made into the raw event the ingest pipeline stores:
 * deduplicated on the Message-ID (so a UIDVALIDITY resync fetching the same mail again stores nothing twice),
 * the bytes kept as they came, the parts `parse` needs read once here.
 */
export async function readEmail(
  raw: Buffer,
  limits: EmailLimits,
  source?: EmailPayload["source"],
  receivedAt: Date = new Date(),
): Promise<RawEventInput> {
  const refused =
    raw.length > limits.maxMessageBytes
      ? `too large: ${raw.length} bytes, over the ${limits.maxMessageBytes}-byte limit`
      : undefined;
  // A refused mail is read for its headers only: nobody needs a 100 MB body parsed to learn it is refused.
  const parsed = await simpleParser(refused ? headerBlock(raw) : raw, {
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
  });
  const headers = headerValues(parsed);
  const ownId = firstMessageId(headers["message-id"]);
  const messageId =
    ownId ?? `sha256.${createHash("sha256").update(raw).digest("hex").slice(0, 40)}@parley.invalid`;
  const payload: EmailPayload = {
    kind: "email",
    source,
    size: raw.length,
    messageId,
    inReplyTo: messageIdsIn(headers["in-reply-to"]),
    references: messageIdsIn(headers.references),
    from: addressOf(parsed.from),
    replyTo: addressOf(parsed.replyTo)?.address ?? null,
    to: addressesOf(parsed.to),
    cc: addressesOf(parsed.cc),
    subject: (parsed.subject ?? "").trim(),
    date: (parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : receivedAt).toISOString(),
    text: refused ? "" : shownText(parsed),
    headers: Object.fromEntries(Object.entries(headers).filter(([name]) => KEPT_HEADERS.has(name))),
    attachments: refused ? [] : attachmentsOf(parsed, limits),
    refused,
  };
  return {
    dedupKey: ownId ? `mid:${ownId.toLowerCase()}` : `sha:${messageId}`,
    payload,
    original: raw,
  };
}

function headerBlock(raw: Buffer): Buffer {
  const end = raw.indexOf("\r\n\r\n");
  const lfEnd = raw.indexOf("\n\n");
  const at = end >= 0 ? end + 4 : lfEnd >= 0 ? lfEnd + 2 : Math.min(raw.length, 256 * 1024);
  return raw.subarray(0, Math.min(at, 256 * 1024));
}

/** Raw header values by lower-case name, unfolded; a repeated header's values joined by newlines. */
function headerValues(parsed: ParsedMail): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const value = line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim();
    values[key] = values[key] === undefined ? value : `${values[key]}\n${value}`;
  }
  return values;
}

type AddressField = ParsedMail["from"] | ParsedMail["to"];

function addressesOf(field: AddressField): string[] {
  const groups = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return groups.flatMap((g) => g.value.map((a) => a.address?.toLowerCase() ?? "").filter((a) => a !== ""));
}

function addressOf(field: ParsedMail["from"]): { address: string; name: string } | null {
  const first = field?.value.find((a) => a.address);
  return first?.address ? { address: first.address.toLowerCase(), name: first.name?.trim() ?? "" } : null;
}

/** HTML (when there is any) converted by html-to-text, which also drops the big clients' quote blocks. */
function shownText(parsed: ParsedMail): string {
  const text = parsed.html ? htmlToPlainText(parsed.html) : (parsed.text ?? "");
  return trimQuotedHistory(text);
}

function attachmentsOf(parsed: ParsedMail, limits: EmailLimits): EmailAttachmentInfo[] {
  const listed: EmailAttachmentInfo[] = [];
  parsed.attachments.forEach((attachment, part) => {
    // Pictures the HTML body shows inline (logos, signatures) are part of the layout, not files sent.
    if (attachment.related) return;
    const size = attachment.size ?? attachment.content.length;
    listed.push({
      name: attachment.filename ?? `attachment-${part + 1}`,
      mimeType: attachment.contentType || "application/octet-stream",
      size,
      part,
      refused:
        size > limits.maxAttachmentBytes
          ? `too large: ${size} bytes, over the ${limits.maxAttachmentBytes}-byte limit`
          : undefined,
    });
  });
  return listed;
}

/** The bytes of one attachment, read again from the kept raw mail (attachment relay). */
export async function attachmentBytes(raw: Buffer, part: number): Promise<Buffer | null> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  return parsed.attachments[part]?.content ?? null;
}
