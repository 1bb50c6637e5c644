/**
 * E-mails per second through IMAP to stored messages: a real Dovecot (test/support/mailServer.ts) holds N mails,
 * a mailbox channel is added to Parley (PGlite, or PostgreSQL with TEST_DATABASE_URL), and the clock runs from
 * the first raw event stored until every mail is a message in a conversation (fetch over IMAP, MIME reading,
 * raw event with its bytes, ingest). Prints one JSON object.
 * Usage: node bench/emailIngest.bench.ts [mails=300]
 */
import { sql } from "drizzle-orm";
import { ApiClient } from "../test/support/apiClient.ts";
import { mailServerMissing, startMailServer } from "../test/support/mailServer.ts";
import { dbTargets } from "../test/support/testDatabase.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestParley } from "../test/support/testParley.ts";

const MAILS = Number(process.argv[2] ?? 300);
const missing = mailServerMissing();
if (missing) {
  console.log(JSON.stringify({ bench: "emailIngest", skipped: missing }));
  process.exit(0);
}

const TEXTS = [
  "Where is my order? I have been waiting for three days.",
  "Где мой заказ? Жду уже третий день, курьер не звонит.",
  "Dzień dobry, paczka nie dotarła, czekam już tydzień.",
  "Labdien, kur ir mans pasūtījums? Gaidu jau trīs dienas.",
];

const server = await startMailServer([{ name: "support", password: "bench-pass" }]);
for (let i = 0; i < MAILS; i++) {
  await server.deliver(
    "support",
    [
      `Message-ID: <bench-${i}@customers.example>`,
      `Date: ${new Date().toUTCString()}`,
      `From: Customer ${i % 50} <customer${i % 50}@customers.example>`,
      "To: support@shop.test",
      `Subject: Order ${1000 + i}`,
      "MIME-Version: 1.0",
      'Content-Type: multipart/alternative; boundary="B"',
      "",
      "--B",
      "Content-Type: text/plain; charset=utf-8",
      "",
      TEXTS[i % TEXTS.length],
      "--B",
      "Content-Type: text/html; charset=utf-8",
      "",
      `<div><p>${TEXTS[i % TEXTS.length]}</p><blockquote type="cite">old</blockquote></div>`,
      "--B--",
      "",
    ].join("\r\n"),
  );
}

const target = dbTargets().at(-1)!;
const app = await startTestParley(target, {});
const api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
const created = await api.post("/api/channels", {
  platform: "email",
  name: "Bench mailbox",
  settings: {
    address: "support@shop.test",
    imapHost: server.host,
    imapPort: server.imapPort,
    imapTls: false,
    imapUser: "support",
    imapPassword: "bench-pass",
    smtpHost: server.host,
    smtpPort: server.smtpPort,
    smtpTls: false,
  },
});
const channelId: string = created.body.id ?? created.body.channel?.id;
const db = app.parley.database.db;
const count = async (query: ReturnType<typeof sql>) =>
  Number(((await db.execute(query)) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);

let firstAt = 0;
let storedAt = 0;
const deadline = Date.now() + 300_000;
for (;;) {
  const raw = await count(sql`SELECT count(*)::int AS n FROM raw_events WHERE channel_id = ${channelId}`);
  if (raw > 0 && firstAt === 0) firstAt = performance.now();
  if (raw >= MAILS && storedAt === 0) storedAt = performance.now();
  const messages = await count(sql`SELECT count(*)::int AS n FROM messages WHERE channel_id = ${channelId}`);
  if (messages >= MAILS || Date.now() > deadline) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const doneAt = performance.now();
const messages = await count(sql`SELECT count(*)::int AS n FROM messages WHERE channel_id = ${channelId}`);
const seconds = (doneAt - firstAt) / 1000;
console.log(
  JSON.stringify({
    bench: "emailIngest",
    database: target.name,
    mails: MAILS,
    messagesStored: messages,
    secondsToStored: Number(seconds.toFixed(2)),
    emailsPerSecond: Number((messages / seconds).toFixed(1)),
    rawFetchPerSecond: Number((MAILS / ((storedAt - firstAt) / 1000 || 1)).toFixed(1)),
  }),
);
await app.stop();
await server.stop();
