import type { InboundEvent, InboundMessage } from "../../domain/inboundEvent.ts";
import { UnparseableEventError } from "../channelAdapter.ts";
import { automatedKind } from "./emailAutomation.ts";
import { referencesForReply } from "./emailHeaders.ts";
import { type EmailPayload, isEmailPayload } from "./emailPayload.ts";
import type { EmailSettings } from "./emailSettings.ts";
import { isOwnMessageId, threadHashFor } from "./emailThreading.ts";

const MAX_TEXT = 100_000;

/**
 * One stored e-mail as Parley's events: a customer's mail becomes a message in the thread its headers name;
 * automated mail (auto-replies, bounces, loops) and refused mail are recorded on the channel and open nothing.
 */
export function parseEmail(payload: unknown, settings: Pick<EmailSettings, "address">): InboundEvent[] {
  if (!isEmailPayload(payload)) throw new UnparseableEventError("Not an e-mail Parley stored");
  if (payload.refused) return [ignored(`refused — ${payload.refused}`)];
  const automated = automatedKind({
    headers: payload.headers,
    fromAddress: payload.from?.address ?? null,
    messageId: payload.messageId,
    ownAddresses: [settings.address.toLowerCase()],
    isOwnMessageId,
  });
  if (automated) return [ignored(`${automated.kind} — ${automated.evidence}`)];
  if (!payload.from) return [ignored("no sender — the mail names no From address")];
  return [messageOf(payload)];
}

function ignored(reason: string): InboundEvent {
  return { type: "ignored", platform: "email", reason };
}

function messageOf(mail: EmailPayload): InboundMessage {
  const from = mail.from!;
  const threadHash = threadHashFor(mail);
  const answerTo = mail.replyTo ?? from.address;
  const references = referencesForReply(
    mail.references.length > 0 ? mail.references : mail.inReplyTo,
    mail.messageId,
  );
  const refusedFiles = mail.attachments.filter((a) => a.refused).map((a) => `[${a.name}: ${a.refused}]`);
  const text = [mail.text, ...refusedFiles]
    .filter((part) => part !== "")
    .join("\n\n")
    .slice(0, MAX_TEXT);
  return {
    type: "message",
    platform: "email",
    externalId: mail.messageId,
    threadKey: `email:${threadHash}`,
    visibility: "private",
    author: { externalId: from.address, displayName: from.name || from.address, username: from.address },
    text,
    attachments: mail.attachments.map((a) => ({
      type: a.mimeType.startsWith("image/") ? "image" : "file",
      // A refused file has nothing to fetch: listed with its name and size only.
      ref: a.refused ? undefined : `part:${a.part}:${mail.messageId}`,
      name: a.name,
      mimeType: a.mimeType,
      size: a.size,
    })),
    sentAt: new Date(mail.date),
    parentExternalId: mail.inReplyTo[0],
    placeName: mail.subject || undefined,
    replyTarget: {
      to: answerTo,
      subject: replySubject(mail.subject),
      inReplyTo: mail.messageId,
      references: references.join(" "),
      thread: threadHash,
    },
    replyTargetFollowsLatest: true,
  };
}

/** "Re: " once, whatever the customer's client put there before (Re:, RE:, AW:, SV: are all answers). */
export function replySubject(subject: string): string {
  const bare = subject.trim();
  if (bare === "") return "Re: your message";
  return /^(re|aw|sv|antw|odp|атб|отв)\s*:/i.test(bare) ? bare : `Re: ${bare}`;
}
