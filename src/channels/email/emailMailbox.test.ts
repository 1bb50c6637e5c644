import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type MailServer,
  mailServerMissing,
  plainMail,
  startMailServer,
} from "../../../test/support/mailServer.ts";
import type { InboundMessage } from "../../domain/inboundEvent.ts";
import type { ChannelContext, OutboundReply } from "../channelAdapter.ts";
import { emailAdapter } from "./emailAdapter.ts";
import { testEmailConnection } from "./emailConnectionTest.ts";
import { type EmailSettings, emailSettingsSchema } from "./emailSettings.ts";
import { endSession, readCursor } from "./imapMailbox.ts";

const missing = mailServerMissing();
if (missing) console.warn(missing);

const mail = (id: string, headers: string[], body: string) =>
  plainMail(id, headers, body, new Date("2026-03-03T10:00:00Z"));

describe.skipIf(missing !== null)(
  "e-mail against a real IMAP and SMTP server (Dovecot)",
  { timeout: 20_000 },
  () => {
    let server: MailServer;
    let channel: ChannelContext<EmailSettings>;
    let cursor: string | null = null;
    const never = new AbortController().signal;

    beforeAll(async () => {
      server = await startMailServer([
        { name: "support", password: "support-pass" },
        { name: "anna", password: "anna-pass" },
      ]);
      const settings = emailSettingsSchema.parse({
        address: "Support@shop.test",
        imapHost: server.host,
        imapPort: server.imapPort,
        imapTls: false,
        imapUser: "support",
        imapPassword: "support-pass",
        smtpHost: server.host,
        smtpPort: server.smtpPort,
        smtpTls: false,
        idleSeconds: 1,
      });
      channel = { id: "mailbox-1", workspaceId: "w", platform: "email", settings, apiBaseUrl: "imap://" };
    }, 30_000);

    afterAll(async () => {
      await endSession("mailbox-1");
      await server?.stop();
    });

    const poll = async () => {
      const result = await emailAdapter.poll!(channel, cursor, never);
      cursor = result.nextCursor;
      return result.events;
    };

    it("reads new mail once, in UID order, and moves the cursor past it", async () => {
      await server.deliver(
        "support",
        mail(
          "first@customer.test",
          ["From: Anna <anna@customer.test>", "To: support@shop.test", "Subject: Where is my parcel"],
          "Parcel 77 is late.",
        ),
      );
      await server.deliver(
        "support",
        mail(
          "second@customer.test",
          ["From: Bob <bob@customer.test>", "To: support@shop.test", "Subject: Refund"],
          "Refund please.",
        ),
      );
      const events = await poll();
      expect(events.map((e) => e.dedupKey)).toEqual(["mid:first@customer.test", "mid:second@customer.test"]);
      expect(readCursor(cursor)?.lastUid).toBe(2);
      expect(await poll()).toEqual([]);
    });

    it("answers by SMTP with our Message-ID and threading headers, and the customer's reply threads back", async () => {
      const [stored] = (await emailAdapter.poll!(channel, null, never)).events;
      const [message] = emailAdapter.parse(stored!.payload, channel) as InboundMessage[];
      const reply: OutboundReply = {
        kind: "reply",
        text: "Your parcel leaves today.",
        visibility: "private",
        replyTarget: message!.replyTarget,
        idempotencyKey: "parley-reply-1",
      };
      const sent = await emailAdapter.send(reply, channel);
      expect(sent.ok).toBe(true);
      if (!sent.ok) return;
      // The same outbox key gives the same Message-ID: a retry after a crash is the same mail.
      const again = await emailAdapter.send(reply, channel);
      expect(again).toEqual(sent);
      // Headers unfolded: nodemailer folds long ones over two lines.
      const out = server.accepted
        .at(-1)!
        .raw.toString()
        .replace(/\r?\n[ \t]+/g, " ");
      expect(out).toContain(`Message-ID: <${sent.externalId}>`);
      expect(out).toContain("In-Reply-To: <first@customer.test>");
      expect(out).toContain("References: <first@customer.test>");
      expect(out).toContain("Subject: Re: Where is my parcel");
      expect(out).toContain("X-Loop: support@shop.test");
      expect(server.accepted.at(-1)!.to).toEqual(["anna@customer.test"]);

      // Anna's client keeps only In-Reply-To and changes the subject: still the same thread.
      await server.deliver(
        "support",
        mail(
          "third@customer.test",
          [
            "From: Anna <anna@customer.test>",
            "To: support@shop.test",
            "Subject: thanks!!",
            `In-Reply-To: <${sent.externalId}>`,
          ],
          "Great, thanks.",
        ),
      );
      const [answer] = await poll();
      const [threaded] = emailAdapter.parse(answer!.payload, channel) as InboundMessage[];
      expect(threaded!.threadKey).toBe(message!.threadKey);
    });

    it("maps SMTP 4xx to a retry and 5xx to a permanent failure with the server's reason", async () => {
      const reply: OutboundReply = {
        kind: "reply",
        text: "Hello",
        visibility: "private",
        replyTarget: { to: "anna@customer.test", subject: "Re: x", thread: "0".repeat(32) },
        idempotencyKey: "parley-reply-2",
      };
      server.failNext(451, "Try again later");
      const transient = await emailAdapter.send(reply, channel);
      expect(transient).toMatchObject({ ok: false, error: { retryable: true, status: "SMTP 451" } });
      server.failNext(550, "Mailbox unavailable");
      const permanent = await emailAdapter.send(reply, channel);
      expect(permanent).toMatchObject({ ok: false, error: { retryable: false, code: "smtp_rejected" } });
      if (!permanent.ok) expect(permanent.error.message).toContain("Mailbox unavailable");
    });

    it("after a UIDVALIDITY change reads the mailbox again, and the Message-IDs are the same keys", async () => {
      await endSession("mailbox-1");
      const before = readCursor(cursor)!;
      await server.renumber("support");
      const events = await poll();
      expect(readCursor(cursor)!.uidValidity).not.toBe(before.uidValidity);
      // The raw events' unique key drops these: the same mails under their Message-IDs.
      expect(events.map((e) => e.dedupKey)).toEqual(
        expect.arrayContaining([
          "mid:first@customer.test",
          "mid:second@customer.test",
          "mid:third@customer.test",
        ]),
      );
    });

    it("wakes from IDLE for mail that arrives while it waits", async () => {
      await poll();
      const waiting = emailAdapter.poll!(
        { ...channel, settings: { ...channel.settings, idleSeconds: 20 } },
        cursor,
        never,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await server.deliver(
        "support",
        mail("fourth@customer.test", ["From: Anna <anna@customer.test>", "Subject: one more"], "Hi"),
      );
      const first = await waiting;
      const events =
        first.events.length > 0
          ? first.events
          : (await emailAdapter.poll!(channel, first.nextCursor, never)).events;
      expect(events.map((e) => e.dedupKey)).toEqual(["mid:fourth@customer.test"]);
    });

    it("tells which step of the connection test fails", async () => {
      expect(await testEmailConnection(channel.settings)).toEqual({ ok: true });
      const badLogin = await testEmailConnection({ ...channel.settings, imapPassword: "wrong" });
      expect(badLogin).toMatchObject({ ok: false, step: "imap_login" });
      const badFolder = await testEmailConnection({ ...channel.settings, imapFolder: "Nope" });
      expect(badFolder).toMatchObject({ ok: false, step: "imap_folder" });
      const badSmtp = await testEmailConnection({ ...channel.settings, smtpPassword: "wrong" });
      expect(badSmtp).toMatchObject({ ok: false, step: "smtp_login" });
    });
  },
);
