import { describe, expect, it } from "vitest";
import { deliverAccountLink, invitationMail, passwordResetMail } from "./accountMail.ts";
import type { MailSender } from "./mailSender.ts";

const link = "https://parley.example/accept-invite#token=t0ken";
const expiresAt = new Date("2030-01-08T10:30:00Z");

function recordingSender(fail?: string): MailSender & { sent: { to: string; subject: string }[] } {
  const sent: { to: string; subject: string }[] = [];
  return {
    sent,
    async send(to, mail) {
      if (fail) throw new Error(fail);
      sent.push({ to, subject: mail.subject });
    },
    close() {},
  };
}

describe("account mails", () => {
  it("names who invites, to what, with which role, the link and when it expires", () => {
    const mail = invitationMail({
      workspaceName: "Nordmart",
      inviterName: "Olga",
      role: "agent",
      link,
      expiresAt,
    });
    expect(mail.subject).toBe("[Parley] Olga invites you to Nordmart");
    expect(mail.text).toContain("as agent");
    expect(mail.text).toContain(link);
    expect(mail.text).toContain("2030-01-08 10:30 UTC");
    expect(passwordResetMail({ link, expiresAt }).text).toContain(link);
  });

  it("sends when SMTP is configured, and hands the link back when it is not or the server refuses", async () => {
    const sender = recordingSender();
    const mail = passwordResetMail({ link, expiresAt });
    expect(await deliverAccountLink(sender, "a@example.test", mail, link)).toEqual({ delivery: "sent" });
    expect(sender.sent).toEqual([{ to: "a@example.test", subject: mail.subject }]);
    expect(await deliverAccountLink(undefined, "a@example.test", mail, link)).toEqual({
      delivery: "not_configured",
      link,
    });
    expect(
      await deliverAccountLink(recordingSender("550 mailbox unavailable"), "a@example.test", mail, link),
    ).toEqual({ delivery: "failed", link, error: "550 mailbox unavailable" });
  });
});
