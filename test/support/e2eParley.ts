import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { ApiClient } from "./apiClient.ts";
import { freePort } from "./testParley.ts";

export const E2E_ADMIN = { email: "e2e-admin@example.test", password: "e2e-password-123" };

export interface E2eUser {
  email: string;
  password: string;
}

export interface E2eParley {
  baseUrl: string;
  simUrl: string;
  /** The first admin: E2E_ADMIN, or the generated password `npm start` printed when asked for one. */
  admin: E2eUser;
  stop(): Promise<void>;
}

export interface E2eOptions {
  /** Start without PARLEY_ADMIN_PASSWORD, as a new team does, and read the printed password from the console. */
  generatedAdminPassword?: boolean;
  /**
   * A data directory the caller owns: kept when Parley stops (and stop waits for the process to exit), so a
   * spec can fill the stopped Parley's database and start it again on the same data.
   */
  dataDir?: string;
}

/** `npm start` prints the first admin once: "First admin created: <e-mail> / <password>". */
function watchForGeneratedAdmin(child: ChildProcess): () => E2eUser | null {
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    output += chunk.toString("utf8");
  });
  return () => {
    const match = output.match(/First admin created: (\S+) \/ (\S+)/);
    return match ? { email: match[1]!, password: match[2]! } : null;
  };
}

/** The real `npm start` program in demo mode, random traffic off so the test plays every customer itself. */
export async function startE2eParley(options: E2eOptions = {}): Promise<E2eParley> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "parley-e2e-"));
  // A free port can be taken by another test process between the look and the listen (the integration lane runs
  // beside these tests): a start that exits early is tried again on other ports.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const simPort = await freePort();
    try {
      return await launch(options, dataDir, port, simPort);
    } catch (err) {
      if (!(err instanceof EarlyExit) || attempt >= 3) throw err;
    }
  }
}

class EarlyExit extends Error {}

async function launch(
  options: E2eOptions,
  dataDir: string,
  port: number,
  simPort: number,
): Promise<E2eParley> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["src/main.ts", "start"], {
    env: {
      ...process.env,
      PORT: String(port),
      SIMULATOR_PORT: String(simPort),
      PARLEY_DATA_DIR: dataDir,
      PARLEY_ADMIN_EMAIL: E2E_ADMIN.email,
      PARLEY_ADMIN_PASSWORD: options.generatedAdminPassword ? "" : E2E_ADMIN.password,
      PARLEY_DEMO: "1",
      PARLEY_DEMO_TRAFFIC: "0",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
    },
    stdio: ["ignore", options.generatedAdminPassword ? "pipe" : "inherit", "inherit"],
  });
  const generatedAdmin = watchForGeneratedAdmin(child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new EarlyExit(`Parley exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("Parley did not become healthy");
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  let admin: E2eUser = E2E_ADMIN;
  if (options.generatedAdminPassword) {
    // Printed right after start-up; healthz can answer a moment before the console line is read.
    while (!generatedAdmin()) {
      if (Date.now() > deadline) throw new Error("Parley printed no generated admin password");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    admin = generatedAdmin()!;
  }
  return {
    baseUrl,
    simUrl: `http://127.0.0.1:${simPort}`,
    admin,
    async stop() {
      const exited = new Promise((resolve) => {
        if (child.exitCode !== null) resolve(undefined);
        else child.once("exit", resolve);
      });
      child.kill("SIGTERM");
      if (options.dataDir) {
        // The next start opens the same database: the embedded one must be closed and its lock released.
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts Parley before the spec file's tests and stops it after them. The handle is filled in once Parley is up,
 * so read its fields inside tests and later hooks, not when the file loads.
 */
export function parleyForSpecFile(options: E2eOptions = {}): E2eParley {
  const handle: E2eParley = { baseUrl: "", simUrl: "", admin: E2E_ADMIN, stop: async () => {} };
  test.beforeAll(async () => {
    Object.assign(handle, await startE2eParley(options));
  });
  test.afterAll(async () => {
    await handle.stop();
  });
  return handle;
}

/** Signs in through the login form (the admin unless told otherwise) and waits for the inbox every role lands on. */
export async function signIn(page: Page, baseUrl: string, user: E2eUser = E2E_ADMIN): Promise<void> {
  await page.goto(baseUrl);
  await page.getByTestId("login-email").fill(user.email);
  await page.getByTestId("login-password").fill(user.password);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("conversation-list")).toBeVisible();
}

/** The admin's side over the API: what a supervisor would set up in the UI before the person under test acts. */
export function adminApi(parley: E2eParley): Promise<ApiClient> {
  return ApiClient.login(parley.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
}

/** Plays a customer through the simulator, which delivers the platform's own signed webhook to Parley. */
export async function customerWrites(parley: E2eParley, body: Record<string, unknown>): Promise<void> {
  const acted = await fetch(`${parley.simUrl}/_sim/act`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(acted.status).toBe(200);
  // The simulator answers with what Parley's webhook answered it.
  expect(((await acted.json()) as { status: number }).status).toBe(200);
}

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
}

/** The platform API calls Parley made to the simulator, oldest first; `method` narrows them to one endpoint. */
export async function simulatorCalls(
  parley: E2eParley,
  platform: string,
  method?: string,
): Promise<RecordedCall[]> {
  const query = new URLSearchParams({ platform, ...(method === undefined ? {} : { method }) });
  const answer = await fetch(`${parley.simUrl}/_sim/calls?${query}`);
  return ((await answer.json()) as { items: RecordedCall[] }).items;
}
