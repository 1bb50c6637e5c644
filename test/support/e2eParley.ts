import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { freePort } from "./testParley.ts";

export const E2E_ADMIN = { email: "e2e-admin@example.test", password: "e2e-password-123" };

export interface E2eParley {
  baseUrl: string;
  simUrl: string;
  stop(): Promise<void>;
}

/** The real `npm start` program in demo mode, random traffic off so the test plays every customer itself. */
export async function startE2eParley(): Promise<E2eParley> {
  const port = await freePort();
  const simPort = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-e2e-"));
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["src/main.ts", "start"], {
    env: {
      ...process.env,
      PORT: String(port),
      SIMULATOR_PORT: String(simPort),
      PARLEY_DATA_DIR: dataDir,
      PARLEY_ADMIN_EMAIL: E2E_ADMIN.email,
      PARLEY_ADMIN_PASSWORD: E2E_ADMIN.password,
      PARLEY_DEMO: "1",
      PARLEY_DEMO_TRAFFIC: "0",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Parley exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("Parley did not become healthy");
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    simUrl: `http://127.0.0.1:${simPort}`,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 500));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByTestId("login-email").fill(E2E_ADMIN.email);
  await page.getByTestId("login-password").fill(E2E_ADMIN.password);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("conversation-list")).toBeVisible();
}
