import { ACCOUNT_MAIL_TEXTS, fill, type MailLocale, untilText } from "./accountMailTexts.ts";
import type { MailSender } from "./mailSender.ts";

export interface AccountMail {
  subject: string;
  text: string;
}

export function invitationMail(
  invite: {
    workspaceName: string;
    inviterName: string;
    role: string;
    link: string;
    expiresAt: Date;
  },
  locale: MailLocale = "en",
): AccountMail {
  const t = ACCOUNT_MAIL_TEXTS[locale];
  const names = {
    inviter: invite.inviterName,
    workspace: invite.workspaceName,
    role: t.roles[invite.role] ?? invite.role,
  };
  return {
    subject: fill(t.inviteSubject, names),
    text: [
      fill(t.inviteIntro, names),
      "",
      t.inviteOpen,
      invite.link,
      "",
      fill(t.linkValid, { until: untilText(invite.expiresAt, locale) }),
      t.inviteIgnore,
    ].join("\n"),
  };
}

export function passwordResetMail(
  reset: { link: string; expiresAt: Date },
  locale: MailLocale = "en",
): AccountMail {
  const t = ACCOUNT_MAIL_TEXTS[locale];
  return {
    subject: t.resetSubject,
    text: [
      t.resetIntro,
      "",
      t.resetOpen,
      reset.link,
      "",
      `${fill(t.linkValid, { until: untilText(reset.expiresAt, locale) })} ${t.resetEverywhere}`,
      t.resetIgnore,
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
