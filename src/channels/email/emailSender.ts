import nodemailer from "nodemailer";
import { type DeliveryError, permanentError, retryableError } from "../../domain/deliveryError.ts";
import type { ChannelContext, OutboundReply, SendResult } from "../channelAdapter.ts";
import { bracketed, messageIdsIn } from "./emailHeaders.ts";
import { domainOf, type EmailSettings } from "./emailSettings.ts";
import { ownMessageId, threadHashOf } from "./emailThreading.ts";

const CONNECT_TIMEOUT_MS = 15_000;

export function smtpTransport(settings: EmailSettings) {
  // The demo mailbox composes each reply in full (headers and all) without a server to hand it to.
  if (settings.mode === "demo") return nodemailer.createTransport({ jsonTransport: true });
  return nodemailer.createTransport({
    host: settings.smtpHost,
    port: settings.smtpPort,
    secure: settings.smtpTls,
    auth: settings.smtpUser ? { user: settings.smtpUser, pass: settings.smtpPassword ?? "" } : undefined,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: 60_000,
  });
}

/**
 * Sends one reply by SMTP with the threading headers (PLATFORMS.md §10): our Message-ID, derived from the outbox
 * key so a retry sends the same mail; In-Reply-To the customer's newest mail; References its chain plus it.
 */
export async function sendEmailReply(
  reply: OutboundReply,
  channel: ChannelContext<EmailSettings>,
): Promise<SendResult> {
  const target = reply.replyTarget;
  const to = typeof target.to === "string" ? target.to : reply.recipientExternalId;
  if (!to) return { ok: false, error: permanentError("no_recipient", "Nobody to send this to") };
  if (reply.text.trim() === "")
    return { ok: false, error: permanentError("invalid_text", "An e-mail needs text") };
  const settings = channel.settings;
  const inReplyTo = typeof target.inReplyTo === "string" ? target.inReplyTo : null;
  const thread = typeof target.thread === "string" ? target.thread : threadHashOf(inReplyTo ?? to);
  const messageId = ownMessageId(thread, reply.idempotencyKey, domainOf(settings));
  const references = messageIdsIn(
    typeof target.references === "string" ? target.references.split(" ").map(bracketed) : [],
  );
  const transport = smtpTransport(settings);
  try {
    await transport.sendMail({
      from: settings.fromName ? { name: settings.fromName, address: settings.address } : settings.address,
      to,
      subject: typeof target.subject === "string" ? target.subject : "Re: your message",
      text: reply.text,
      messageId: bracketed(messageId),
      ...(inReplyTo ? { inReplyTo: bracketed(inReplyTo) } : {}),
      ...(references.length > 0 ? { references: references.map(bracketed).join(" ") } : {}),
      // Our own mail coming back (a forward rule, a list) is known by this and never becomes a ticket.
      headers: { "X-Loop": settings.address },
    });
    return { ok: true, externalId: messageId };
  } catch (err) {
    return { ok: false, error: smtpError(err) };
  } finally {
    transport.close();
  }
}

/**
 * SMTP replies (RFC 5321 §4.2.1): 4xx is transient and retried with back-off (421 means the whole server is
 * busy; 45x concern this recipient), 5xx is permanent and shown to the agent with the server's text. Failing
 * to log in is permanent and asks an admin for the password again; failing to connect is retried.
 */
export function smtpError(err: unknown): DeliveryError {
  const e = (err ?? {}) as { responseCode?: number; code?: string; response?: string; message?: string };
  const text = (e.response ?? e.message ?? String(err)).slice(0, 500);
  const code = e.responseCode;
  if (e.code === "EAUTH" || code === 535 || code === 534)
    return { ...permanentError("auth_failed", text, true), status: `SMTP ${code ?? "auth"}` };
  if (code !== undefined && code >= 400 && code < 500)
    return {
      ...retryableError("smtp_transient", text),
      status: `SMTP ${code}`,
      scope: code === 421 ? "channel" : "recipient",
    };
  if (code !== undefined && code >= 500)
    return { ...permanentError(code === 552 ? "too_large" : "smtp_rejected", text), status: `SMTP ${code}` };
  return { ...retryableError("smtp_unreachable", text), status: "SMTP connection" };
}
