import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

const ADMIN = { email: "e2e-contacts-admin@example.test", password: "e2e-password-456" };
const AGENT = { email: "e2e-agent@example.test", password: "e2e-agent-password-1", name: "Erik Agent" };

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
  dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-e2e-contacts-"));
  baseUrl = `http://127.0.0.1:${port}`;
  simUrl = `http://127.0.0.1:${simPort}`;
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

/** The admin's side, through the API: what a supervisor would do in the UI before the agent's turn. */
async function adminApi() {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json().catch(() => null)) as Record<string, unknown> & { items?: { id: string }[] };
  };
}

async function customerWrites(body: Record<string, unknown>): Promise<void> {
  const acted = await fetch(`${simUrl}/_sim/act`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(acted.status).toBe(200);
}

test("an agent merges a customer's Telegram and VK contacts and sees the joint history in the sidebar", async ({
  page,
}) => {
  const stamp = Date.now();
  await customerWrites({
    platform: "telegram",
    visibility: "private",
    text: `Pavel here, my blender arrived without a lid ${stamp}`,
    person: { id: 737373, firstName: "Pavel", lastName: "Sidorov", languageCode: "en" },
  });
  await customerWrites({
    platform: "vk",
    visibility: "private",
    text: `Writing again on VK about the missing blender lid ${stamp}`,
    person: { id: 747474, firstName: "Pavel", lastName: "Sidorov", languageCode: "en" },
  });

  const admin = await adminApi();
  await admin("POST", "/api/users", {
    email: AGENT.email,
    name: AGENT.name,
    role: "agent",
    password: AGENT.password,
  });
  const users = (await admin("GET", "/api/users")) as { items: { id: string; email: string }[] };
  const agentId = users.items.find((u) => u.email === AGENT.email)!.id;
  // Both conversations are the agent's, so the agent may see both people.
  await expect
    .poll(async () => (await admin("GET", `/api/conversations?q=${stamp}`)).items?.length ?? 0, {
      timeout: 20_000,
    })
    .toBe(2);
  for (const conversation of (await admin("GET", `/api/conversations?q=${stamp}`)).items ?? [])
    await admin("POST", `/api/conversations/${conversation.id}/assign`, { assigneeId: agentId });

  await page.goto(baseUrl);
  await page.getByTestId("login-email").fill(AGENT.email);
  await page.getByTestId("login-password").fill(AGENT.password);
  await page.getByTestId("login-submit").click();
  await page
    .getByTestId("conversation-item")
    // The list previews the latest message, which may be the bot's hand-over notice: find the Telegram case by
    // its person and platform badge.
    .filter({ hasText: "Pavel Sidorov" })
    .filter({ hasText: "TG" })
    .click({ timeout: 20_000 });

  const sidebar = page.getByTestId("contact-sidebar");
  await expect(sidebar.getByTestId("contact-history").locator("li")).toHaveCount(1);

  // VK names people by id only: the picker finds "Pavel Sidorov" on VK once the profile lookup has named him.
  page.on("dialog", (dialog) => void dialog.accept());
  await expect(async () => {
    await sidebar.getByTestId("merge-search").fill("");
    await sidebar.getByTestId("merge-search").fill("Sidorov");
    await expect(sidebar.getByTestId("merge-candidates").locator("li")).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await sidebar.getByTestId("merge-candidates").getByRole("button").click();

  const history = sidebar.getByTestId("contact-history");
  await expect(history.locator("li")).toHaveCount(2);
  await expect(history).toContainText("VK");
  await expect(history).toContainText("TG");
  await expect(sidebar.getByTestId("contact-identities").locator("li")).toHaveCount(2);
  await expect(sidebar.getByTestId("contact-merges")).toContainText("Pavel Sidorov");

  // The VK conversation opens from the joint history.
  await history.locator("li").filter({ hasText: "VK" }).getByRole("button").click();
  await expect(page.getByTestId("message").filter({ hasText: "missing blender lid" })).toBeVisible();
});
