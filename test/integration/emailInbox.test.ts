import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoMail } from "../../src/simulator/demoMail.ts";
import { ChannelPollers } from "../../src/worker/channelPoller.ts";
import { ApiClient } from "../support/apiClient.ts";
import { type MailServer, mailServerMissing, plainMail, startMailServer } from "../support/mailServer.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const missing = mailServerMissing();
if (missing) console.warn(missing);

const PDF = Buffer.from("%PDF-1.4\n% invoice 4471\ntrailer << >>\n%%EOF\n");

const mail = (id: string, headers: string[], body: string) => plainMail(id, headers, body);

function withAttachment(id: string): string {
  return [
    `Message-ID: <${id}>`,
    `Date: ${new Date().toUTCString()}`,
    "From: Bob Nowak <bob@customer.test>",
    "To: support@shop.test",
    "Subject: Invoice",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="B"',
    "",
    "--B",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Invoice attached.",
    "--B",
    'Content-Type: application/pdf; name="invoice.pdf"',
    'Content-Disposition: attachment; filename="invoice.pdf"',
    "Content-Transfer-Encoding: base64",
    "",
    PDF.toString("base64"),
    "--B--",
    "",
  ].join("\r\n");
}

interface Conversation {
  id: string;
  contact: { displayName: string };
  lastMessagePreview: string;
}
interface Message {
  id: string;
  direction: string;
  text: string;
  externalId: string | null;
  deliveryStatus: string;
  deliveryError: string | null;
  attachments: { url: string | null; name: string | null }[];
}

describe.skipIf(missing !== null).each(dbTargets())(
  "E-mail inbox on $name",
  { timeout: 30_000 },
  (target) => {
    let server: MailServer;
    let app: TestParley;
    let api: ApiClient;
    let channelId: string;

    const conversations = async (): Promise<Conversation[]> =>
      (await api.get("/api/conversations")).body.items;
    const messagesOf = async (id: string): Promise<Message[]> =>
      (await api.get(`/api/conversations/${id}/messages`)).body.items;
    const settings = () => ({
      address: "support@shop.test",
      fromName: "Shop support",
      imapHost: server.host,
      imapPort: server.imapPort,
      imapTls: false,
      imapUser: "support",
      imapPassword: "imap-secret-pass",
      smtpHost: server.host,
      smtpPort: server.smtpPort,
      smtpTls: false,
      idleSeconds: 2,
    });

    beforeAll(async () => {
      server = await startMailServer([
        { name: "support", password: "imap-secret-pass" },
        { name: "anna", password: "anna-pass" },
      ]);
      app = await startTestParley(target, { workerOptions: { outboxLeaseSeconds: 5, pollRescanMs: 500 } });
      api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    }, 60_000);

    afterAll(async () => {
      await app?.stop();
      await server?.stop();
    });

    it("tests the connection step by step before the mailbox is added", async () => {
      const ok = await api.post("/api/channels/test-connection", { platform: "email", settings: settings() });
      expect(ok.body).toEqual({ ok: true });
      const wrong = await api.post("/api/channels/test-connection", {
        platform: "email",
        settings: { ...settings(), imapPassword: "nope" },
      });
      expect(wrong.body).toMatchObject({ ok: false, step: "imap_login" });
    });

    it("adds a mailbox whose passwords never leave the server", async () => {
      const created = await api.post("/api/channels", {
        platform: "email",
        name: "Support mailbox",
        settings: settings(),
      });
      expect(created.status).toBe(201);
      channelId = created.body.id ?? created.body.channel?.id;
      const list = JSON.stringify((await api.get("/api/channels")).body);
      expect(list).not.toContain("imap-secret-pass");
      expect(list).toContain("support@shop.test");
    });

    it("turns a customer's mail into a conversation, stored raw before the UID checkpoint moves", async () => {
      await server.deliver(
        "support",
        mail(
          "order-1@customer.test",
          [
            "From: Anna Kowalska <anna@customer.test>",
            "To: support@shop.test",
            "Subject: Order 4471 is late",
          ],
          "Where is order 4471?",
        ),
      );
      const conversation = await waitFor(
        async () => (await conversations()).find((c) => c.contact.displayName === "Anna Kowalska"),
        20_000,
        "the e-mail conversation",
      );
      expect(conversation.lastMessagePreview).toContain("Where is order 4471?");
      const db = app.parley.database.db;
      const raw = (await db.execute(
        sql`SELECT dedup_key, raw_body IS NOT NULL AS kept FROM raw_events WHERE platform = 'email'`,
      )) as unknown as { rows: { dedup_key: string; kept: boolean }[] };
      expect(raw.rows).toEqual([{ dedup_key: "mid:order-1@customer.test", kept: true }]);
      const cursor = (await db.execute(
        sql`SELECT poll_cursor FROM channels WHERE platform = 'email'`,
      )) as unknown as {
        rows: { poll_cursor: string }[];
      };
      expect(JSON.parse(cursor.rows[0]!.poll_cursor)).toMatchObject({ lastUid: 1 });
    });

    it("answers by SMTP and the customer's reply threads back into the same conversation", async () => {
      const conversation = (await conversations()).find((c) => c.contact.displayName === "Anna Kowalska")!;
      const reply = await api.post(`/api/conversations/${conversation.id}/messages`, {
        text: "Anna, it leaves the warehouse today.",
        visibility: "private",
      });
      expect(reply.status).toBe(202);
      const sent = await waitFor(
        async () =>
          (await messagesOf(conversation.id)).find(
            (m) => m.direction === "out" && m.deliveryStatus === "delivered",
          ),
        20_000,
        "the reply to be delivered",
      );
      expect(sent.externalId).toMatch(/^parley\.[0-9a-f]{32}\.[0-9a-f]{24}@shop\.test$/);
      const out = server.accepted
        .find((m) => m.to.includes("anna@customer.test"))!
        .raw.toString()
        .replace(/\r?\n[ \t]+/g, " ");
      expect(out).toContain(`Message-ID: <${sent.externalId}>`);
      expect(out).toContain("In-Reply-To: <order-1@customer.test>");
      expect(out).toContain("Subject: Re: Order 4471 is late");

      // Anna answers from a client that changes the subject and keeps only In-Reply-To.
      await server.deliver(
        "support",
        mail(
          "order-2@customer.test",
          [
            "From: Anna Kowalska <anna@customer.test>",
            "To: support@shop.test",
            "Subject: thanks",
            `In-Reply-To: <${sent.externalId}>`,
          ],
          "Got it, thank you!\n\nOn Mon, Support wrote:\n> it leaves today",
        ),
      );
      const threaded = await waitFor(
        async () => (await messagesOf(conversation.id)).find((m) => m.text === "Got it, thank you!"),
        20_000,
        "the customer's reply in the same conversation",
      );
      expect(threaded.direction).toBe("in");
      expect((await conversations()).filter((c) => c.contact.displayName === "Anna Kowalska")).toHaveLength(
        1,
      );
    });

    it("records auto-replies, bounces and loops on the channel without opening a ticket", async () => {
      await server.deliver(
        "support",
        mail(
          "ooo-1@customer.test",
          ["From: Carl <carl@customer.test>", "Subject: Out of office", "Auto-Submitted: auto-replied"],
          "Away",
        ),
      );
      await server.deliver(
        "support",
        mail("bounce-1@mx.test", ["From: MAILER-DAEMON@mx.test", "Subject: Undelivered"], "Failed"),
      );
      await server.deliver(
        "support",
        mail(
          "loop-1@relay.test",
          ["From: Relay <relay@relay.test>", "Subject: fwd", "X-Loop: support@shop.test"],
          "loop",
        ),
      );
      const health = await waitFor(
        async () => {
          const answer = (await api.get(`/api/channels/${channelId}/health`)).body as {
            ignoredEvents: { kind: string; count: number }[];
          };
          return answer.ignoredEvents.length === 3 ? answer : null;
        },
        20_000,
        "the ignored counts",
      );
      expect(health.ignoredEvents).toEqual(
        expect.arrayContaining([
          { kind: "auto-reply", count: 1 },
          { kind: "bounce", count: 1 },
          { kind: "loop", count: 1 },
        ]),
      );
      const names = (await conversations()).map((c) => c.contact.displayName);
      expect(names).not.toContain("Carl");
      expect(names).not.toContain("Relay");
    });

    it("serves an attachment from the kept raw mail through the attachment relay", async () => {
      await server.deliver("support", withAttachment("invoice-1@customer.test"));
      const conversation = await waitFor(
        async () => (await conversations()).find((c) => c.contact.displayName === "Bob Nowak"),
        20_000,
        "Bob's conversation",
      );
      const [message] = await messagesOf(conversation.id);
      expect(message!.attachments[0]!.name).toBe("invoice.pdf");
      const file = await fetch(`${app.url}${message!.attachments[0]!.url}`, {
        headers: { cookie: api.cookie },
      });
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);
    });

    it("marks a reply the SMTP server refuses for good as failed, with its reason for the agent", async () => {
      const conversation = (await conversations()).find((c) => c.contact.displayName === "Bob Nowak")!;
      server.failNext(550, "5.1.1 Mailbox does not exist");
      await api.post(`/api/conversations/${conversation.id}/messages`, {
        text: "Thanks Bob",
        visibility: "private",
      });
      const failed = await waitFor(
        async () =>
          (await messagesOf(conversation.id)).find(
            (m) => m.direction === "out" && m.deliveryStatus === "failed",
          ),
        20_000,
        "the refused reply",
      );
      expect(failed.deliveryError).toContain("Mailbox does not exist");
    });

    it("feeds the demo mailbox through the poller's reading path, and answers it without a mail server", async () => {
      const created = await api.post("/api/channels", {
        platform: "email",
        name: "Demo mailbox",
        settings: { ...settings(), address: "demo@shop.test", mode: "demo" },
      });
      expect(created.status).toBe(201);
      const stop = startDemoMail(app.parley.database.db, app.parley.bootstrap.workspaceId, app.log, 60_000);
      try {
        const demoChannelId = created.body.id ?? created.body.channel?.id;
        const conversation = await waitFor(
          async () =>
            (await api.get(`/api/conversations?channelId=${demoChannelId}`)).body.items.find(
              (c: { channel?: { id: string }; channelId?: string }) =>
                (c.channelId ?? c.channel?.id) === demoChannelId,
            ),
          20_000,
          "a demo mail",
        );
        await api.post(`/api/conversations/${conversation.id}/messages`, {
          text: "Demo answer",
          visibility: "private",
        });
        const sent = await waitFor(
          async () =>
            (await messagesOf(conversation.id)).find(
              (m) => m.direction === "out" && m.deliveryStatus === "delivered",
            ),
          20_000,
          "the demo reply",
        );
        expect(sent.externalId).toMatch(/@shop\.test$/);
      } finally {
        stop();
      }
    });

    it("lets one worker process at a time hold the mailbox while another keeps looking", async () => {
      const db = app.parley.database.db;
      const owner = async () =>
        (
          (await db.execute(
            sql`SELECT poll_lease_owner FROM channels WHERE id = ${channelId}`,
          )) as unknown as {
            rows: { poll_lease_owner: string | null }[];
          }
        ).rows[0]!.poll_lease_owner;
      const holder = await owner();
      expect(holder).toMatch(/^poller-/);
      const second = new ChannelPollers(db, app.parley.box, app.log, undefined, 100);
      second.start();
      try {
        // The second process rescans every 100 ms and keeps finding the lease held.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect(await owner()).toBe(holder);
        await server.deliver(
          "support",
          mail(
            "order-3@customer.test",
            ["From: Anna Kowalska <anna@customer.test>", "Subject: one more"],
            "And one more thing.",
          ),
        );
        // No In-Reply-To or References: a thread of its own.
        await waitFor(
          async () =>
            (await conversations()).find((c) => c.lastMessagePreview.includes("And one more thing.")),
          20_000,
          "the mail read by the lease holder",
        );
        expect(await owner()).toBe(holder);
      } finally {
        await second.stop();
      }
    });

    it("asks an admin for the password again when the IMAP login is refused", async () => {
      const created = await api.post("/api/channels", {
        platform: "email",
        name: "Wrong password mailbox",
        settings: { ...settings(), address: "other@shop.test", imapPassword: "not-the-password" },
      });
      expect(created.status).toBe(201);
      const id = created.body.id ?? created.body.channel?.id;
      const channel = await waitFor(
        async () =>
          ((await api.get("/api/channels")).body.items as { id: string; status: string }[]).find(
            (c) => c.id === id && c.status === "needs_reauth",
          ),
        20_000,
        "needs_reauth",
      );
      expect(channel.status).toBe("needs_reauth");
      await api.request("DELETE", `/api/channels/${id}`);
    });

    it("stored each mail once", async () => {
      const counts = (await app.parley.database.db.execute(
        sql`SELECT count(*)::int AS n, count(DISTINCT dedup_key)::int AS d FROM raw_events WHERE channel_id = ${channelId}`,
      )) as unknown as { rows: { n: number; d: number }[] };
      expect(counts.rows[0]).toEqual({ n: 7, d: 7 });
      const keys = (await app.parley.database.db.execute(
        sql`SELECT dedup_key FROM raw_events WHERE channel_id = ${channelId} ORDER BY id`,
      )) as unknown as { rows: { dedup_key: string }[] };
      expect(keys.rows.map((r) => r.dedup_key)).toEqual([
        "mid:order-1@customer.test",
        "mid:order-2@customer.test",
        "mid:ooo-1@customer.test",
        "mid:bounce-1@mx.test",
        "mid:loop-1@relay.test",
        "mid:invoice-1@customer.test",
        "mid:order-3@customer.test",
      ]);
    });
  },
);
