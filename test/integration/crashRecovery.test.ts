import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { runCrashCampaign } from "../fault/crashCampaign.ts";
import { ApiClient } from "../support/apiClient.ts";
import { createTestDatabase, dbTargets, type TestDatabase } from "../support/testDatabase.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, freePort, waitFor } from "../support/testParley.ts";
import { vkMessageNew } from "../support/vkCallbacks.ts";

const VK = {
  groupId: 31337,
  accessToken: "crash-vk-token",
  secretKey: "crash-secret",
  confirmationCode: "c0nf1rm",
};
const EVENTS = 120;
const REPLIES = 16;

/**
 * Runs the real program (`node src/main.ts start`) and kills it with SIGKILL while it ingests and delivers.
 * After a restart, every event the platform saw acknowledged (or re-sent, as platforms do when no answer
 * came) is in the inbox exactly once, and every reply reached the platform exactly once.
 */
describe.each(dbTargets())("crash recovery on $name", (target) => {
  let sim: RunningSimulator;
  let database: TestDatabase;
  let dataDir: string;
  let port: number;
  let child: ChildProcess | null = null;
  let baseUrl: string;

  async function startProcess(): Promise<void> {
    child = spawn(process.execPath, ["src/main.ts", "start"], {
      env: {
        ...process.env,
        PORT: String(port),
        PARLEY_DATA_DIR: dataDir,
        DATABASE_URL: database.databaseUrl ?? "",
        PARLEY_DEMO: "0",
        // The simulator's fake platforms listen on loopback.
        PARLEY_OUTBOUND_ALLOW_PRIVATE: "127.0.0.0/8,::1/128",
        PARLEY_ADMIN_EMAIL: ADMIN_EMAIL,
        PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
        PARLEY_OUTBOX_LEASE_SECONDS: "3",
        LOG_LEVEL: "fatal",
      },
      stdio: "ignore",
    });
    await waitFor(
      async () => (await fetch(`${baseUrl}/healthz`).catch(() => null))?.ok,
      60_000,
      "Parley to start",
    );
  }

  async function killHard(): Promise<void> {
    const proc = child!;
    const exited = new Promise((resolve) => proc.once("exit", resolve));
    proc.kill("SIGKILL");
    await exited;
    child = null;
  }

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    database = await createTestDatabase(target);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-crash-"));
    port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    await startProcess();
  }, 90_000);

  afterAll(async () => {
    if (child) await killHard();
    await sim?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("loses no event and sends no reply twice across a SIGKILL", async () => {
    let api = await ApiClient.login(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await api.post("/api/channels", {
      platform: "vk",
      name: "Crash VK",
      settings: {
        groupId: VK.groupId,
        accessToken: VK.accessToken,
        secretKey: VK.secretKey,
        confirmationCode: VK.confirmationCode,
      },
      apiBaseUrl: sim.url,
    });
    expect(created.status).toBe(201);
    const webhookUrl: string = created.body.webhookUrl;
    sim.vk.addCommunity({ ...VK, callbackUrl: webhookUrl, name: "Crash community" });

    const event = (i: number) =>
      vkMessageNew({
        groupId: VK.groupId,
        secret: VK.secretKey,
        eventId: `crash-${i.toString().padStart(6, "0")}`,
        date: 1764000000 + i,
        fromId: 500000 + (i % 12),
        text: `crash message ${i}`,
        conversationMessageId: 1000 + i,
      });
    const deliver = async (i: number): Promise<boolean> => {
      try {
        const res = await fetch(webhookUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(event(i)),
        });
        return res.status === 200 && (await res.text()) === "ok";
      } catch {
        return false;
      }
    };

    // First half arrives and is answered by agents.
    for (let i = 0; i < REPLIES; i++) expect(await deliver(i)).toBe(true);
    const conversations = await waitFor(
      async () => {
        const list = (await api.get("/api/conversations?limit=100")).body.items;
        return list.length >= 12 ? list : null;
      },
      30_000,
      "12 conversations",
    );
    // The platform answers slowly, so replies are still in flight when the process dies: set before the
    // replies are written, since a worker that claims each reply as it comes could otherwise send them all first.
    sim.state.latencyMs = 100;
    const replyTexts: string[] = [];
    for (let i = 0; i < REPLIES; i++) {
      const text = `crash reply ${i}`;
      replyTexts.push(text);
      const res = await api.post(
        `/api/conversations/${conversations[i % conversations.length].id}/messages`,
        { text, visibility: "private" },
      );
      expect(res.status).toBe(202);
    }

    // Then a stream of events while the process is killed in the middle of it and of the deliveries.
    const acknowledged = new Set<number>();
    const inFlight = Array.from({ length: EVENTS - REPLIES }, (_, k) => k + REPLIES).map(async (i) => {
      if (await deliver(i)) acknowledged.add(i);
    });
    await new Promise((resolve) => setTimeout(resolve, 40));
    const sentBeforeKill = sim.state.callsOf("vk", "messages.send").length;
    await killHard();
    await Promise.all(inFlight);
    sim.state.latencyMs = 0;
    // The kill really landed mid-work: some events were never acknowledged and some replies not yet sent.
    expect(acknowledged.size).toBeLessThan(EVENTS - REPLIES);
    expect(sentBeforeKill).toBeLessThan(REPLIES);

    await startProcess();
    // The platform re-sends what it never saw acknowledged, as VK and every other platform do.
    for (let i = REPLIES; i < EVENTS; i++) {
      if (!acknowledged.has(i)) expect(await deliver(i)).toBe(true);
    }
    // Some acknowledged events are re-sent too (the platform missed our answer): still stored once.
    for (let i = REPLIES; i < REPLIES + 5; i++) expect(await deliver(i)).toBe(true);

    api = await ApiClient.login(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    const texts = await waitFor(
      async () => {
        const list = (await api.get("/api/conversations?limit=100")).body.items as { id: string }[];
        const all: string[] = [];
        for (const c of list) {
          for (const m of (await api.get(`/api/conversations/${c.id}/messages`)).body.items as {
            direction: string;
            text: string;
          }[]) {
            if (m.direction === "in") all.push(m.text);
          }
        }
        return all.length >= EVENTS ? all : null;
      },
      60_000,
      "every event in the inbox",
    );
    expect(texts).toHaveLength(EVENTS);
    expect(new Set(texts).size).toBe(EVENTS);

    await waitFor(
      async () => {
        const sent = sim.state.callsOf("vk", "messages.send").filter((c) => c.outcome === "ok");
        return replyTexts.every((t) => sent.some((c) => c.params.message === t));
      },
      60_000,
      "every reply delivered",
    );
    const okSends = sim.state.callsOf("vk", "messages.send").filter((c) => c.outcome === "ok");
    for (const text of replyTexts) {
      expect(okSends.filter((c) => c.params.message === text)).toHaveLength(1);
    }
  }, 180_000);
});

/**
 * The short form of the fault-injection campaign (`npm run soak:crash` is the long one): signed webhooks and
 * agent replies flow while processes are SIGKILLed at random points and restarted. On PostgreSQL the server
 * and two workers run as separate processes (PARLEY_ROLES) and each is killed on its own; PGlite, which one
 * process owns, is killed whole.
 */
describe.each(dbTargets())("crash campaign on $name", (target) => {
  it("loses, doubles and strands nothing and never answers 5xx while processes are killed", async () => {
    const database = await createTestDatabase(target);
    try {
      const postgres = target.name === "postgres";
      const report = await runCrashCampaign({
        databaseUrl: database.databaseUrl,
        kills: 2,
        events: postgres ? 100 : 60,
        replies: postgres ? 20 : 12,
      });
      expect(report.problems).toEqual([]);
      expect({
        lost: report.lost,
        duplicated: report.duplicated,
        stranded: report.stranded,
        fiveXx: report.fiveXx,
      }).toEqual({ lost: 0, duplicated: 0, stranded: 0, fiveXx: 0 });
      if (postgres) expect(report.kills).toEqual({ server: 1, worker: 1, combined: 0 });
      else expect(report.kills).toEqual({ server: 0, worker: 0, combined: 2 });
      // The kills landed under load: the platforms had to deliver again what got no answer.
      expect(report.webhooks.redelivered).toBeGreaterThan(0);
      expect(report.replies.delivered + report.uncertain).toBe(report.replies.written);
    } finally {
      await database.drop();
    }
  }, 300_000);
});
