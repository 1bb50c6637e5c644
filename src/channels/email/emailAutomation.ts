/**
 * Mail that no person wrote and that must never open a ticket (PLATFORMS.md §10): auto-replies (RFC 3834
 * Auto-Submitted, the older X-Autoreply / X-Autorespond / Precedence conventions, vacation programs), bounces
 * (RFC 3464 multipart/report; report-type=delivery-status, MAILER-DAEMON) and loops (our own mail coming back).
 * Answering any of them would ping-pong between two robots.
 */
export type AutomatedKind = "auto-reply" | "bounce" | "loop";

export interface AutomationInput {
  /** Header names lower-case; a repeated header's values joined by newlines. */
  headers: Readonly<Record<string, string>>;
  fromAddress: string | null;
  messageId: string;
  /** The mailbox's own addresses, lower-case. */
  ownAddresses: readonly string[];
  isOwnMessageId: (id: string) => boolean;
}

export interface AutomatedVerdict {
  kind: AutomatedKind;
  /** Which header gave it away, for the channel's record. */
  evidence: string;
}

const BULK_PRECEDENCE = new Set(["bulk", "auto_reply", "junk"]);
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon)@/i;

export function automatedKind(input: AutomationInput): AutomatedVerdict | null {
  const h = input.headers;
  const from = input.fromAddress?.toLowerCase() ?? null;
  if (input.isOwnMessageId(input.messageId)) return { kind: "loop", evidence: "our own Message-ID" };
  if (from && input.ownAddresses.includes(from)) return { kind: "loop", evidence: "sent from this mailbox" };
  const loop = (h["x-loop"] ?? "").toLowerCase();
  if (loop && input.ownAddresses.some((own) => loop.includes(own)))
    return { kind: "loop", evidence: "X-Loop names this mailbox" };

  const contentType = (h["content-type"] ?? "").toLowerCase();
  if (/^multipart\/report/.test(contentType) && /report-type\s*=\s*"?delivery-status/.test(contentType))
    return { kind: "bounce", evidence: "multipart/report delivery-status" };
  if (from && DAEMON.test(from)) return { kind: "bounce", evidence: "sent by MAILER-DAEMON" };

  const autoSubmitted = (h["auto-submitted"] ?? "").trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no")
    return { kind: "auto-reply", evidence: `Auto-Submitted: ${autoSubmitted}` };
  for (const name of ["x-autoreply", "x-autorespond", "x-autoresponder", "x-vacation"])
    if (h[name] !== undefined) return { kind: "auto-reply", evidence: name };
  const precedence = (h.precedence ?? "").trim().toLowerCase();
  if (BULK_PRECEDENCE.has(precedence)) return { kind: "auto-reply", evidence: `Precedence: ${precedence}` };
  if (/\bvacation\b/i.test(h["x-mailer"] ?? "")) return { kind: "auto-reply", evidence: "vacation program" };
  return null;
}
