/**
 * Time to interactive of the inbox: builds the web app, starts Parley on PGlite with a workspace of
 * conversations, and drives Chromium (/usr/bin/chromium, or CHROMIUM_PATH) through Playwright. Each run opens
 * /inbox signed in and measures, from the navigation's start, (1) when the list shows 50 rows and (2) when
 * it has answered a key press (J selects the first conversation). "cold": a new browser profile, nothing
 * cached; "warm": the same profile opening the inbox again (hashed assets come from the HTTP cache).
 * Prints one JSON object with the median and p95 of each.
 * Usage: node bench/inboxInteractive.bench.ts [runs=9] [conversations=60]   (BENCH_PORT fixes Parley's port)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import { dbTargets } from "../test/support/testDatabase.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestParley } from "../test/support/testParley.ts";
import { benchTelegramChannel } from "./benchChannel.ts";
import { buildWebApp } from "./webBundleSize.ts";

const RUNS = Number(process.argv[2] ?? 9);
const CONVERSATIONS = Math.max(Number(process.argv[3] ?? 60), 50);
const ROWS = 50;

const TEXTS = [
  "Где мой заказ? Жду уже третий день, курьер не звонит",
  "Dzień dobry, paczka nie dotarła, czekam już tydzień",
  "Labdien, kur ir mans pasūtījums? Gaidu jau trīs dienas",
  "Hi, my parcel came torn open and the charger is missing",
  "Можно вернуть товар, если упаковка вскрыта?",
  "Czy mogę zmienić adres dostawy zamówienia?",
];
const LANGUAGES = ["ru", "pl", "lv", "en", "ru", "pl"];

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { median: Math.round(at(50)), p95: Math.round(at(95)), min: Math.round(sorted[0] ?? 0) };
}

/** Milliseconds from the navigation's start until at least `rows` rows are listed, `selected` of them selected. */
async function msUntil(page: Page, rows: number, selected: number): Promise<number> {
  const handle = await page.waitForFunction(
    ([rows, selected]) => {
      const items = document.querySelectorAll('[data-testid="conversation-item"]');
      const chosen = document.querySelectorAll('[data-testid="conversation-item"].selected');
      return items.length >= rows && chosen.length >= selected && performance.now();
    },
    [rows, selected] as const,
    { polling: "raf", timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function openInbox(page: Page, url: string) {
  await page.goto(`${url}/inbox`, { waitUntil: "commit" });
  const rowsVisibleMs = await msUntil(page, ROWS, 0);
  // When the page itself saw the key, to tell the app's own reaction from the test driver's delivery.
  await page.evaluate(() => {
    const w = window as unknown as { keyAt?: number };
    addEventListener("keydown", () => (w.keyAt = performance.now()), { capture: true, once: true });
  });
  await page.keyboard.press("j");
  const respondsToKeyMs = await msUntil(page, ROWS, 1);
  const keyAt = await page.evaluate(() => (window as unknown as { keyAt?: number }).keyAt ?? 0);
  return { rowsVisibleMs, respondsToKeyMs, keyToSelectedMs: respondsToKeyMs - keyAt };
}

const webDir = mkdtempSync(path.join(os.tmpdir(), "parley-bench-web-"));
let browser: Browser | null = null;
const target = dbTargets().find((t) => t.name === "pglite")!;
await buildWebApp(webDir);
const app = await startTestParley(target, {
  roles: ["server"],
  webDistDir: webDir,
  ...(process.env.BENCH_PORT ? { port: Number(process.env.BENCH_PORT) } : {}),
});
try {
  await benchTelegramChannel(app.url);
  const db = app.parley.database.db;
  // Customers with their last words, languages, labels and priorities, as a day of traffic leaves them.
  await db.execute(sql`INSERT INTO contacts (id, workspace_id, display_name)
    SELECT md5('bench-contact' || g)::uuid, ch.workspace_id, 'Customer ' || g
    FROM generate_series(1, ${CONVERSATIONS}) g, (SELECT workspace_id FROM channels LIMIT 1) ch`);
  await db.execute(sql`INSERT INTO conversations (id, workspace_id, channel_id, contact_id, thread_key, visibility,
      reply_target, last_message_at, last_inbound_at, last_message_preview, language, labels, priority)
    SELECT md5('bench-conversation' || g)::uuid, ch.workspace_id, ch.id, md5('bench-contact' || g)::uuid,
      'bench:' || g, 'private', '{}'::jsonb, now() - (g || ' minutes')::interval,
      now() - (g || ' minutes')::interval, (${JSON.stringify(TEXTS)}::jsonb ->> (g % ${TEXTS.length})) || ' #' || g,
      ${JSON.stringify(LANGUAGES)}::jsonb ->> (g % ${LANGUAGES.length}),
      CASE WHEN g % 4 = 0 THEN '["vip"]'::jsonb ELSE '[]'::jsonb END,
      CASE WHEN g % 7 = 0 THEN 'urgent' WHEN g % 5 = 0 THEN 'high' ELSE 'normal' END
    FROM generate_series(1, ${CONVERSATIONS}) g, (SELECT id, workspace_id FROM channels LIMIT 1) ch`);
  await db.execute(sql`INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, visibility, text,
      delivery_status, sent_at)
    SELECT c.workspace_id, c.id, c.channel_id, 'in', 'private', c.last_message_preview, 'received', c.last_message_at
    FROM conversations c WHERE c.thread_key LIKE 'bench:%'`);

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-sync",
    ],
  });
  const cold: Awaited<ReturnType<typeof openInbox>>[] = [];
  const warm: Awaited<ReturnType<typeof openInbox>>[] = [];
  // One run first, unrecorded: the server's first answers compile queries and fill caches.
  for (let run = -1; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const login = await context.request.post(`${app.url}/api/auth/login`, {
      data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    if (!login.ok()) throw new Error(`sign-in refused: ${login.status()}`);
    const page = await context.newPage();
    const first = await openInbox(page, app.url);
    const again = await openInbox(page, app.url);
    if (run >= 0) {
      cold.push(first);
      warm.push(again);
    }
    await context.close();
  }
  console.log(
    JSON.stringify({
      bench: "inboxInteractive",
      database: target.name,
      conversations: CONVERSATIONS,
      rows: ROWS,
      runs: RUNS,
      cold: {
        rowsVisibleMs: stats(cold.map((r) => r.rowsVisibleMs)),
        respondsToKeyMs: stats(cold.map((r) => r.respondsToKeyMs)),
        keyToSelectedMs: stats(cold.map((r) => r.keyToSelectedMs)),
      },
      warm: {
        rowsVisibleMs: stats(warm.map((r) => r.rowsVisibleMs)),
        respondsToKeyMs: stats(warm.map((r) => r.respondsToKeyMs)),
        keyToSelectedMs: stats(warm.map((r) => r.keyToSelectedMs)),
      },
    }),
  );
} finally {
  await browser?.close();
  await app.stop();
  rmSync(webDir, { recursive: true, force: true });
}
