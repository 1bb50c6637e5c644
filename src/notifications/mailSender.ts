import nodemailer, { type Transporter } from "nodemailer";

export interface MailSettings {
  /** smtp://user:password@host:587 or smtps://… (PARLEY_SMTP_URL). */
  url: string;
  /** The From address (PARLEY_MAIL_FROM). */
  from: string;
}

/** The alert's payload as a short plain-text e-mail: what happened, to which conversation, and a link to it. */
export function alertMail(
  payload: Record<string, unknown>,
  publicUrl: string,
): { subject: string; text: string } {
  const type = String(payload.type ?? "alert");
  const conversationId = typeof payload.conversationId === "string" ? payload.conversationId : null;
  const headline = typeof payload.text === "string" ? payload.text : type;
  const lines = [headline, ""];
  for (const [key, value] of Object.entries(payload)) {
    if (key === "text" || value === null || typeof value === "object") continue;
    lines.push(`${key}: ${String(value)}`);
  }
  if (conversationId) lines.push("", `${publicUrl}/?conversation=${conversationId}`);
  return { subject: `[Parley] ${headline}`.slice(0, 200), text: lines.join("\n") };
}

/**
 * One SMTP transport per worker (nodemailer pools nothing by default, so each alert is its own short session:
 * alerts are rare, and a stale pooled connection would only add failure modes).
 */
export function createMailSender(settings: MailSettings) {
  const transport: Transporter = nodemailer.createTransport(settings.url);
  return {
    async send(to: string, mail: { subject: string; text: string }): Promise<void> {
      await transport.sendMail({ from: settings.from, to, subject: mail.subject, text: mail.text });
    },
    close(): void {
      transport.close();
    },
  };
}

export type MailSender = ReturnType<typeof createMailSender>;
