import type { MailSender } from "./mailSender.ts";

export interface AccountMail {
  subject: string;
  text: string;
}

export function invitationMail(invite: {
  workspaceName: string;
  inviterName: string;
  role: string;
  link: string;
  expiresAt: Date;
}): AccountMail {
  return {
    subject: `[Parley] ${invite.inviterName} invites you to ${invite.workspaceName}`,
    text: [
      `${invite.inviterName} invites you to join ${invite.workspaceName} on Parley as ${invite.role}.`,
      "",
      "Open this link to choose your name and password:",
      invite.link,
      "",
      `The link works once, until ${invite.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
      "If you did not expect this, ignore this e-mail.",
    ].join("\n"),
  };
}

export function passwordResetMail(reset: { link: string; expiresAt: Date }): AccountMail {
  return {
    subject: "[Parley] Choose a new password",
    text: [
      "Someone asked to reset the password of your Parley account.",
      "",
      "Open this link to choose a new one:",
      reset.link,
      "",
      `The link works once, until ${reset.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC. Setting a new`,
      "password signs you out everywhere.",
      "If it was not you, ignore this e-mail: your password stays as it is.",
    ].join("\n"),
  };
}

/** What became of a link: e-mailed, or to be handed over by the admin (no SMTP server, or the server refused). */
export type LinkDelivery =
  | { delivery: "sent" }
  | { delivery: "not_configured"; link: string }
  | { delivery: "failed"; link: string; error: string };

/**
 * Sends the link by e-mail when an SMTP server is configured. Otherwise, or when sending fails, the link goes
 * back to the admin who asked, to pass on another way: a team without a mail relay can still invite.
 */
export async function deliverAccountLink(
  mailer: MailSender | undefined,
  to: string,
  mail: AccountMail,
  link: string,
): Promise<LinkDelivery> {
  if (!mailer) return { delivery: "not_configured", link };
  try {
    await mailer.send(to, mail);
    return { delivery: "sent" };
  } catch (err) {
    return { delivery: "failed", link, error: err instanceof Error ? err.message : String(err) };
  }
}
