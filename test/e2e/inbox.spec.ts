import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

const ADMIN = { email: "e2e-admin@example.test", password: "e2e-password-123" };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Parley exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("Parley did not become healthy");
}

let parley: ChildProcess;
let baseUrl: string;
let simUrl: string;
let dataDir: string;

test.beforeAll(async () => {
  const port = await freePort();
  const simPort = await freePort();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-e2e-"));
  baseUrl = `http://127.0.0.1:${port}`;
  simUrl = `http://127.0.0.1:${simPort}`;
  // The real `npm start` program in demo mode, with random traffic off so the test controls every customer.
  parley = spawn(process.execPath, ["src/main.ts", "start"], {
    env: {
      ...process.env,
      PORT: String(port),
      SIMULATOR_PORT: String(simPort),
      PARLEY_DATA_DIR: dataDir,
      PARLEY_ADMIN_EMAIL: ADMIN.email,
      PARLEY_ADMIN_PASSWORD: ADMIN.password,
      PARLEY_DEMO: "1",
      PARLEY_DEMO_TRAFFIC: "0",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForHealth(baseUrl, parley);
});

test.afterAll(async () => {
  parley?.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(dataDir, { recursive: true, force: true });
});

test("an agent signs in, sees a customer's message arrive live, replies, and the platform receives it", async ({
  page,
}) => {
  await page.goto(baseUrl);
  await page.getByTestId("login-email").fill(ADMIN.email);
  await page.getByTestId("login-password").fill(ADMIN.password);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("conversation-list")).toBeVisible();

  // A customer writes on Telegram while the inbox is open; hostile markup must arrive as inert text.
  const text = `Hello, where is my parcel? <img src=x onerror="window.__pwned=1"> #${Date.now()}`;
  const acted = await fetch(`${simUrl}/_sim/act`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      platform: "telegram",
      visibility: "private",
      text,
      person: { id: 424242, firstName: "Olivia", lastName: "Green", languageCode: "en" },
    }),
  });
  expect(acted.status).toBe(200);

  const item = page.getByTestId("conversation-item").filter({ hasText: "Olivia Green" });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await expect(item.getByTestId("unread-dot")).toBeVisible();
  await item.click();

  const incoming = page.getByTestId("message").filter({ hasText: "where is my parcel" });
  await expect(incoming).toContainText('<img src=x onerror="window.__pwned=1">');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  const reply = `Hi Olivia, your parcel is at the pickup point. ${Date.now()}`;
  await page.getByTestId("reply-text").fill(reply);
  await page.getByTestId("reply-send").click();
  const outgoing = page.getByTestId("message").filter({ hasText: reply });
  await expect(outgoing).toHaveAttribute("data-delivery-status", "delivered", { timeout: 20_000 });

  const calls = (await (await fetch(`${simUrl}/_sim/calls?platform=telegram&method=sendMessage`)).json()) as {
    items: { params: { text?: string; chat_id?: unknown } }[];
  };
  const sent = calls.items.filter((call) => call.params.text === reply);
  expect(sent).toHaveLength(1);
  expect(String(sent[0]!.params.chat_id)).toBe("424242");
});
