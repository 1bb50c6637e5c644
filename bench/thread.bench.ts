/**
 * Long-thread benchmark: one conversation with N messages (one in fifty with a file), read through the API
 * whole and in pages, then, when the web app is built (npm run build:web) and Chromium is there, opened in the
 * browser: time until the latest message is drawn, rows in the page, and time to scroll back to the first
 * message page by page. Prints one JSON object per database.
 * Usage: node bench/thread.bench.ts [messages=5000] [runs=10]   (BENCH_DATABASE_URL adds PostgreSQL)
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { sql } from "drizzle-orm";
import { type DbTarget, dbTargets } from "../test/support/testDatabase.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestParley } from "../test/support/testParley.ts";
import { benchTelegramChannel } from "./benchChannel.ts";

const MESSAGES = Number(process.argv[2] ?? 5000);
const RUNS = Number(process.argv[3] ?? 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const WEB_BUILT = existsSync(new URL("../web/dist/index.html", import.meta.url));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const round = (ms: number) => Math.round(ms * 10) / 10;

async function timed(runs: number, call: () => Promise<{ text: string }>) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const { text } = await call();
    times.push(performance.now() - start);
    bytes = Buffer.byteLength(text);
  }
  return { p50Ms: round(median(times)), kilobytes: Math.round(bytes / 1024) };
}

async function inBrowser(appUrl: string, conversationId: string) {
  if (!WEB_BUILT || !existsSync(CHROMIUM)) return null;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(appUrl);
    await page.getByTestId("login-email").fill(ADMIN_EMAIL);
    await page.getByTestId("login-password").fill(ADMIN_PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("conversation-list").waitFor();
    const openStart = performance.now();
    await page.goto(`${appUrl}/inbox/${conversationId}`);
    await page
      .getByTestId("message")
      .filter({ hasText: new RegExp(`Message ${MESSAGES} about`) })
      .waitFor();
    const openMs = performance.now() - openStart;
    const rows = await page.getByTestId("message").count();
    const scrollStart = performance.now();
    const first = page.getByTestId("message").filter({ hasText: /Message 1 about/ });
    while (!(await first.isVisible())) {
      await page.getByTestId("message-list").evaluate((element) => {
        element.scrollTop = 0;
      });
      await page.waitForTimeout(20);
      if (performance.now() - scrollStart > 120_000) throw new Error("the first message never came");
    }
    const scrollBackMs = performance.now() - scrollStart;
    const heap = await page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
    );
    return {
      openToLatestMs: Math.round(openMs),
      rowsInPage: rows,
      rowsAfterScrollBack: await page.getByTestId("message").count(),
      scrollBackToFirstMs: Math.round(scrollBackMs),
      jsHeapMb: Math.round(heap / 1024 / 1024),
    };
  } finally {
    await browser.close();
  }
}

async function runOn(target: DbTarget) {
  const app = await startTestParley(target, { roles: ["server"] });
  try {
    const { api } = await benchTelegramChannel(app.url);
    const db = app.parley.database.db;
    const conversationId = "00000000-0000-4000-8000-00000000b0b0";
    const seedStart = performance.now();
    await db.execute(sql`INSERT INTO contacts (id, workspace_id, display_name)
      SELECT md5('bench-reader')::uuid, workspace_id, 'Bench Reader' FROM channels LIMIT 1`);
    await db.execute(sql`INSERT INTO conversations (id, workspace_id, channel_id, contact_id, thread_key, visibility,
        reply_target, last_message_at, last_message_preview)
      SELECT ${conversationId}::uuid, workspace_id, id, md5('bench-reader')::uuid, 'bench:thread', 'private',
        '{}'::jsonb, now(), '' FROM channels LIMIT 1`);
    await db.execute(sql`INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, visibility, text,
        delivery_status, sent_at, listened_at, attachments)
      SELECT ch.workspace_id, ${conversationId}::uuid, ch.id,
        CASE WHEN g % 3 = 0 THEN 'out' ELSE 'in' END, 'private',
        'Message ' || g || ' ' || repeat('about the order and its delivery ', 1 + g % 4),
        CASE WHEN g % 3 = 0 THEN 'delivered' ELSE 'received' END,
        now() - ((${MESSAGES} - g) || ' minutes')::interval, now(),
        CASE WHEN g % 50 = 0
          THEN '[{"type":"file","ref":"bench-file","name":"receipt.pdf","mimeType":"application/pdf","size":48213}]'::jsonb
          ELSE '[]'::jsonb END
      FROM generate_series(1, ${MESSAGES}) g, (SELECT id, workspace_id FROM channels LIMIT 1) ch`);
    await db.execute(sql`ANALYZE`);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const path = `/api/conversations/${conversationId}/messages`;
    const raw = async (query: string) => {
      const res = await fetch(`${app.url}${path}${query}`, { headers: { cookie: api.cookie } });
      return { text: await res.text() };
    };
    const middle = (await db.execute(
      sql`SELECT id FROM messages WHERE conversation_id = ${conversationId} ORDER BY sent_at, created_at, id
        OFFSET ${Math.floor(MESSAGES / 2)} LIMIT 1`,
    )) as unknown as { rows: { id: string }[] };
    const middleId = middle.rows[0]?.id;
    return {
      database: target.name,
      messages: MESSAGES,
      seedSeconds: round(seedSeconds),
      runs: RUNS,
      api: {
        // For scale: the conversation alone (sign-in check, visibility, presenting), no messages.
        conversationOnly: await timed(RUNS, async () => {
          const res = await fetch(`${app.url}/api/conversations/${conversationId}`, {
            headers: { cookie: api.cookie },
          });
          return { text: await res.text() };
        }),
        everyMessage: await timed(RUNS, () => raw("")),
        newestPage100: await timed(RUNS, () => raw("?limit=100")),
        olderPage200FromTheMiddle: await timed(RUNS, () => raw(`?limit=200&before=${middleId}`)),
      },
      browser: target.name === "pglite" ? await inBrowser(app.url, conversationId) : null,
    };
  } finally {
    await app.stop();
  }
}

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
for (const target of dbTargets()) console.log(JSON.stringify(await runOn(target)));
