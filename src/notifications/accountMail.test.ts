import { describe, expect, it } from "vitest";
import { deliverAccountLink, invitationMail, passwordResetMail } from "./accountMail.ts";
import { mailLocaleOf } from "./accountMailTexts.ts";
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
    expect(mail.text).toContain("as an agent");
    expect(mail.text).toContain(link);
    expect(mail.text).toContain("January 8, 2030 at 10:30 UTC");
    expect(passwordResetMail({ link, expiresAt }).text).toContain(link);
  });

  it("writes the mails in the inviter's or the asking browser's language, roles and dates included", () => {
    const invite = { workspaceName: "Nordmart", inviterName: "Olga", role: "supervisor", link, expiresAt };
    const ru = invitationMail(invite, "ru");
    expect(ru.subject).toBe("[Parley] Olga приглашает вас в Nordmart");
    expect(ru.text).toContain("Ваша роль: руководитель.");
    expect(ru.text).toContain("8 января 2030");
    expect(invitationMail(invite, "pl").text).toContain("Twoja rola: kierownik.");
    const lv = passwordResetMail({ link, expiresAt }, "lv");
    expect(lv.subject).toBe("[Parley] Jaunas paroles izvēle");
    expect(lv.text).toContain("2030. gada 8. janvāris");
    expect(lv.text).toContain(link);
  });

  it("picks the mail language from the UI's choice, then Accept-Language by weight, else English", () => {
    expect(mailLocaleOf("pl", "ru")).toBe("pl");
    expect(mailLocaleOf(undefined, "de-DE,de;q=0.9,lv;q=0.8,ru;q=0.7")).toBe("lv");
    expect(mailLocaleOf(undefined, "ru-RU;q=0.2, pl;q=0.5")).toBe("pl");
    expect(mailLocaleOf(undefined, "de, fr")).toBe("en");
    expect(mailLocaleOf(undefined, undefined)).toBe("en");
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
