import { and, eq, like, sql } from "drizzle-orm";
import { DEFAULT_EMAIL_LIMITS, readEmail } from "../channels/email/emailReader.ts";
import { storeRawEvents } from "../ingest/webhookReceiver.ts";
import type { Logger } from "../logger.ts";
import type { Db } from "../store/database.ts";
import { channels, contactIdentities, messages } from "../store/schema.ts";
import { BOOKS, LANGUAGES, PHRASES } from "./traffic/phrasebook.ts";
import { createRandom, randomSeed } from "./traffic/random.ts";

export const DEMO_MAILBOX = "support@nordmart.example";

/**
 * E-mail traffic for `npm start` without a mail server: customers' mails (and now and then an out-of-office
 * auto-reply, and answers to what agents sent) are composed as raw MIME and go in through the very path the IMAP
 * poller uses, readEmail → storeRawEvents, so threading, auto-reply detection and attachments behave as live.
 */
export function startDemoMail(db: Db, workspaceId: string, log: Logger, everyMs = 40_000): () => void {
  const random = createRandom(randomSeed());
  let tick = 0;
  const timer = setInterval(() => {
    void sendOne().catch((err: unknown) => log.warn({ err: String(err) }, "demo mail failed"));
  }, everyMs);
  timer.unref();
  void sendOne().catch(() => {});

  async function sendOne(): Promise<void> {
    tick++;
    const [mailbox] = await db
      .select()
      .from(channels)
      .where(
        and(
          eq(channels.workspaceId, workspaceId),
          eq(channels.platform, "email"),
          sql`${channels.settings}->>'mode' = 'demo'`,
        ),
      )
      .limit(1);
    if (!mailbox) return;
    const raw = (await answerToAgent(mailbox.id)) ?? newMail(tick % 6 === 0);
    const event = await readEmail(Buffer.from(raw), DEFAULT_EMAIL_LIMITS);
    await storeRawEvents(db, mailbox, [event]);
  }

  /** A customer answering the newest reply an agent sent, threaded by In-Reply-To and References. */
  async function answerToAgent(channelId: string): Promise<string | null> {
    if (random.next() < 0.5) return null;
    const [sent] = await db
      .select({ externalId: messages.externalId, conversationId: messages.conversationId })
      .from(messages)
      .where(
        and(
          eq(messages.channelId, channelId),
          eq(messages.direction, "out"),
          like(messages.externalId, "parley.%"),
        ),
      )
      .orderBy(sql`${messages.sentAt} DESC`)
      .limit(1);
    if (!sent?.externalId) return null;
    const [customer] = await db
      .select({
        externalId: messages.externalId,
        address: contactIdentities.externalId,
        name: contactIdentities.displayName,
      })
      .from(messages)
      .innerJoin(contactIdentities, eq(contactIdentities.id, messages.authorIdentityId))
      .where(and(eq(messages.conversationId, sent.conversationId), eq(messages.direction, "in")))
      .orderBy(sql`${messages.sentAt} DESC`)
      .limit(1);
    if (!customer?.externalId || customer.externalId.startsWith("demo-answer.")) return null;
    const person = { name: customer.name ?? "", address: customer.address };
    return compose({
      id: `demo-answer.${sent.externalId.slice(7, 40)}@customers.example`,
      from: person,
      subject: "Re: your message",
      headers: [
        `In-Reply-To: <${sent.externalId}>`,
        `References: <${customer.externalId}> <${sent.externalId}>`,
      ],
      body: `Thank you!\n\nOn ${new Date().toUTCString()}, Nordmart wrote:\n> (your answer)`,
    });
  }

  function newMail(autoReply: boolean): string {
    const language = LANGUAGES[Math.floor(random.next() * LANGUAGES.length)]!;
    const phrases = PHRASES.filter((p) => p.language === language);
    const phrase = phrases[Math.floor(random.next() * phrases.length)]!;
    const names = BOOKS[language].names.female;
    const first = names.first[Math.floor(random.next() * names.first.length)]!;
    const last = names.last[Math.floor(random.next() * names.last.length)]!;
    const person = {
      name: `${first} ${last}`,
      address: `${BOOKS[language].names.handles[Math.floor(random.next() * BOOKS[language].names.handles.length)]}.${tick}@customers.example`,
    };
    const id = `demo.${Date.now()}.${tick}@customers.example`;
    if (autoReply)
      return compose({
        id,
        from: person,
        subject: "Out of office",
        headers: ["Auto-Submitted: auto-replied"],
        body: "I am away until Monday.",
      });
    return compose({ id, from: person, subject: phrase.text.slice(0, 60), headers: [], body: phrase.text });
  }

  return () => clearInterval(timer);
}

function compose(mail: {
  id: string;
  from: { name: string; address: string };
  subject: string;
  headers: string[];
  body: string;
}): string {
  const encoded = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString("base64")}?=`;
  return [
    `Message-ID: <${mail.id}>`,
    `Date: ${new Date().toUTCString()}`,
    `From: ${mail.from.name ? `${encoded(mail.from.name)} ` : ""}<${mail.from.address}>`,
    `To: ${DEMO_MAILBOX}`,
    `Subject: ${encoded(mail.subject)}`,
    ...mail.headers,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.from(mail.body).toString("base64"),
    "",
  ].join("\r\n");
}
