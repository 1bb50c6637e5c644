/**
 * What Parley keeps of one fetched e-mail beside its raw bytes (raw_events.raw_body): the parts `parse` needs,
 * read once by mailparser when the mail is fetched, since `parse` must be synchronous and pure.
 */
export interface EmailPayload {
  kind: "email";
  /** Where it was fetched: the IMAP folder, UIDVALIDITY and UID; absent for mail fed by the demo. */
  source?: { folder: string; uidValidity: string; uid: number } | undefined;
  size: number;
  /** Without brackets; a stand-in derived from the bytes when the mail has none. */
  messageId: string;
  inReplyTo: string[];
  references: string[];
  from: { address: string; name: string } | null;
  replyTo: string | null;
  to: string[];
  cc: string[];
  subject: string;
  /** ISO; the Date header, else when the server received it. */
  date: string;
  /** The text agents read: HTML converted, quoted history trimmed. */
  text: string;
  /** Headers that tell automated mail apart (see emailAutomation.ts), lower-case names. */
  headers: Record<string, string>;
  attachments: EmailAttachmentInfo[];
  /** Set when the whole mail was refused (too large); its raw copy is still kept. */
  refused?: string | undefined;
}

export interface EmailAttachmentInfo {
  name: string;
  mimeType: string;
  size: number;
  /** Position among the mail's attachments as mailparser lists them; how the relay finds the bytes again. */
  part: number;
  /** Over the size limit: listed with the reason, never served. */
  refused?: string | undefined;
}

export function isEmailPayload(value: unknown): value is EmailPayload {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return v.kind === "email" && typeof v.messageId === "string" && Array.isArray(v.attachments);
}
