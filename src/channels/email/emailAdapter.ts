import type { Attachment } from "../../domain/inboundEvent.ts";
import type {
  AttachmentLocation,
  ChannelAdapter,
  ChannelContext,
  WebhookVerdict,
} from "../channelAdapter.ts";
import { testEmailConnection } from "./emailConnectionTest.ts";
import { parseEmail } from "./emailParser.ts";
import { attachmentBytes } from "./emailReader.ts";
import { sendEmailReply } from "./emailSender.ts";
import { EMAIL_SECRET_FIELDS, type EmailSettings, emailSettingsSchema } from "./emailSettings.ts";
import { pollMailbox } from "./imapMailbox.ts";

/**
 * E-mail: one channel per mailbox, read over IMAP (IDLE plus a periodic resync, src/channels/email/
 * imapMailbox.ts) and answered over SMTP. There is no webhook: mail only arrives through `poll`.
 */
export const emailAdapter: ChannelAdapter<EmailSettings> = {
  platform: "email",
  displayName: "E-mail",
  capabilities: {
    publicReplies: false,
    privateReplies: true,
    // A retry sends the same Message-ID (derived from the outbox key), which servers and clients fold into one.
    idempotentSend: true,
    polling: true,
    maxTextLength: 100_000,
  },
  defaultApiBaseUrl: "imap://",
  settingsSchema: emailSettingsSchema as never,
  secretFields: EMAIL_SECRET_FIELDS,
  receiveWebhook(): WebhookVerdict {
    return { kind: "rejected", status: 403, reason: "E-mail arrives by IMAP, not by webhook" };
  },
  parse(payload, channel) {
    return parseEmail(payload, channel.settings);
  },
  send: sendEmailReply,
  poll: pollMailbox,
  locateAttachment,
  testConnection: testEmailConnection,
};

/** Attachments live in the kept raw mail; the relay reads them from there (`ref` is `part:<n>:<Message-ID>`). */
async function locateAttachment(
  attachment: Attachment,
  _channel: ChannelContext<EmailSettings>,
): Promise<AttachmentLocation> {
  const match = /^part:(\d+):(.+)$/.exec(attachment.ref ?? "");
  if (!match) return { ok: false, reason: "gone", detail: "not an e-mail attachment reference" };
  const part = Number(match[1]);
  const messageId = match[2]!;
  const dedupKey = messageId.endsWith("@parley.invalid")
    ? `sha:${messageId}`
    : `mid:${messageId.toLowerCase()}`;
  return {
    ok: true,
    kept: { dedupKey, extract: (raw) => attachmentBytes(Buffer.from(raw), part) },
    size: attachment.size,
  };
}
