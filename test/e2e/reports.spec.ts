import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

const ADMIN = { email: "e2e-admin@example.test", password: "e2e-password-123" };
const LEAD = { email: "lead@example.test", password: "lead-password-123", name: "Lena Lead" };

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

/** The admin's session headers, over the API. */
async function adminHeaders(): Promise<Record<string, string>> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" };
}

/** A Telegram customer writes to the demo's bot through the simulator. */
async function customerWrites(id: number, firstName: string, text: string): Promise<void> {
  const acted = await fetch(`${simUrl}/_sim/act`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      platform: "telegram",
      visibility: "private",
      text,
      person: { id, firstName, languageCode: "en" },
    }),
  });
  expect(acted.status).toBe(200);
}

/** Polls until `probe` gives a value. */
async function eventually<T>(probe: () => Promise<T | null | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** The admin, over the API: signs in and creates the team lead (a supervisor in the demo's Fast lane team). */
async function createTeamLead(): Promise<void> {
  const headers = await adminHeaders();
  const teams = (await (await fetch(`${baseUrl}/api/teams`, { headers })).json()) as {
    items: { id: string; name: string }[];
  };
  const created = await fetch(`${baseUrl}/api/users`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      ...LEAD,
      role: "supervisor",
      teamIds: teams.items.filter((t) => t.name === "Fast lane").map((t) => t.id),
    }),
  });
  expect(created.status).toBe(201);
}

test.beforeAll(async () => {
  const port = await freePort();
  const simPort = await freePort();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-e2e-reports-"));
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
  await createTeamLead();
});

test.afterAll(async () => {
  parley?.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(dataDir, { recursive: true, force: true });
});

test("a team lead opens the reports, changes the period and the cut, and exports CSV", async ({ page }) => {
  for (const [id, name] of [
    [515151, "Marta"],
    [525252, "Nils"],
  ] as const) {
    const acted = await fetch(`${simUrl}/_sim/act`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        platform: "telegram",
        visibility: "private",
        text: `My parcel has not arrived, order ${id}`,
        person: { id, firstName: name, languageCode: "en" },
      }),
    });
    expect(acted.status).toBe(200);
  }

  await page.goto(baseUrl);
  await page.getByTestId("login-email").fill(LEAD.email);
  await page.getByTestId("login-password").fill(LEAD.password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("reports-link").click();

  const volumes = page.getByTestId("report-volumes");
  await expect(volumes.locator("canvas")).toBeVisible();
  // The two customers' conversations reach the rollup a moment after triage.
  await expect(async () => {
    await page.getByTestId("report-compare").selectOption("none");
    await page.getByTestId("report-compare").selectOption("previous");
    await expect(volumes.locator("tr.total")).toContainText("2", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // A longer period: a month back; the totals still hold the two conversations.
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByTestId("report-from").fill(monthAgo);
  await expect(volumes.locator("tr.total")).toContainText("2");

  await page.getByTestId("report-cut").selectOption("platform");
  await expect(volumes.locator("thead")).toContainText("Platform");
  await expect(volumes.locator("tbody tr").first()).toContainText("telegram");

  const download = page.waitForEvent("download");
  await page.getByTestId("csv-volumes").click();
  const file = await (await download).path();
  const csv = readFileSync(file, "utf8").split("\r\n");
  expect(csv[0]).toBe(
    "platform,label,inbound_messages,conversations_created,inbound_messages_compare,conversations_created_compare",
  );
  expect(csv[1]).toMatch(/^telegram,telegram,\d+,2,0,0$/);
});

test("a team lead sees a customer's CSAT answer in the reports", async ({ page }) => {
  const headers = await adminHeaders();
  const settings = await fetch(`${baseUrl}/api/surveys/settings`, {
    method: "PUT",
    headers,
    body: JSON.stringify({ enabled: true, kind: "csat", delaySeconds: 0 }),
  });
  expect(settings.status).toBe(200);
  await customerWrites(545454, "Olga", "The courier lost my parcel 545454");
  const conversationId = await eventually(async () => {
    const list = (await (await fetch(`${baseUrl}/api/conversations?limit=100`, { headers })).json()) as {
      items: { id: string; contact: { displayName: string } }[];
    };
    return list.items.find((c) => c.contact.displayName === "Olga")?.id;
  }, "Olga's conversation");
  const replied = await fetch(`${baseUrl}/api/conversations/${conversationId}/messages`, {
    method: "POST",
    headers,
    body: JSON.stringify({ text: "Found it, it arrives today.", visibility: "private" }),
  });
  expect(replied.status).toBe(202);
  const resolved = await fetch(`${baseUrl}/api/conversations/${conversationId}/status`, {
    method: "POST",
    headers,
    body: JSON.stringify({ status: "resolved" }),
  });
  expect(resolved.status).toBe(200);
  const surveyOf = async () =>
    (
      (await (await fetch(`${baseUrl}/api/conversations/${conversationId}/surveys`, { headers })).json()) as {
        items: { status: string }[];
      }
    ).items[0];
  await eventually(async () => ((await surveyOf())?.status === "sent" ? true : null), "the survey to go out");
  // The plain-text fallback: the customer types the score.
  await customerWrites(545454, "Olga", "5");
  await eventually(async () => ((await surveyOf())?.status === "answered" ? true : null), "the answer");

  await page.goto(baseUrl);
  await page.getByTestId("login-email").fill(LEAD.email);
  await page.getByTestId("login-password").fill(LEAD.password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("reports-link").click();

  const csat = page.getByTestId("report-csat");
  await expect(csat.locator("h2")).toHaveText("Customer satisfaction (CSAT)");
  await expect(csat.locator("canvas")).toBeVisible();
  await expect(csat.locator("thead")).toContainText("Satisfied (4–5)");
  // The answer reaches the rollup a moment after it is recorded.
  await expect(async () => {
    await page.getByTestId("report-compare").selectOption("none");
    await page.getByTestId("report-compare").selectOption("previous");
    await expect(csat.locator("tr.total")).toContainText("100", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("report-sentiment_corrections").locator("h2")).toHaveText(
    "Sentiment corrections",
  );
});
