import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import { newSecretKey, ParleyProcess } from "../support/parleyProcess.ts";
import { connectTelegramBot } from "../support/simulatedParley.ts";
import { createTestDatabase, dbTargets, type TestDatabase } from "../support/testDatabase.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, freePort, waitFor } from "../support/testParley.ts";

const BOT = { token: "4242:crash-batch", username: "crash_batch_bot", firstName: "Crash batch" };
const CUSTOMERS = [
  { id: 91001, firstName: "Ilze" },
  { id: 91002, firstName: "Piotr" },
  { id: 91003, firstName: "Olga" },
];

/**
 * A worker is killed while its first send hangs at the platform. Telegram cannot deduplicate a repeated
 * sendMessage, so the one reply whose request reached the platform must become "uncertain"; every other
 * reply, claimed or not, must still reach the customer exactly once and in its conversation's order.
 */
describe.each(dbTargets())("a worker killed mid-send on $name", (target) => {
  let sim: RunningSimulator;
  let database: TestDatabase;
  let dataDir: string;
  let port: number;
  const processes: ParleyProcess[] = [];
  const secretKey = newSecretKey();

  function parley(roles: ("server" | "worker")[]): ParleyProcess {
    const started = new ParleyProcess({
      roles,
      port,
      dataDir,
      databaseUrl: database.databaseUrl,
      secretKey,
      outboxLeaseSeconds: 1,
    });
    processes.push(started);
    return started;
  }

  beforeAll(async () => {
    // The hanging send must outlive the test: the platform never answers it.
    sim = await startSimulator({ port: 0, timeoutStallMs: 600_000 });
    database = await createTestDatabase(target);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-outbox-crash-"));
    port = await freePort();
  });

  afterAll(async () => {
    for (const started of processes) await started.kill();
    await sim?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("leaves only the reply in flight uncertain and sends the rest of the batch exactly once", async () => {
    const baseUrl = `http://127.0.0.1:${port}`;
    // Customers write and their conversations are made.
    const full = parley(["server", "worker"]);
    await full.start();
    let api = await ApiClient.login(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await connectTelegramBot(api, sim, BOT, { name: "Crash batch bot", webhookSecret: "crash-batch-secret" });
    for (const person of CUSTOMERS) {
      const outcome = await sim.telegram.act(BOT.token, {
        person: { ...person, languageCode: "en" },
        text: `Where is my parcel? (${person.firstName})`,
        visibility: "private",
      });
      expect(outcome.status).toBe(200);
    }
    const conversations = await waitFor(
      async () => {
        const items = (await api.get("/api/conversations?limit=10")).body.items as { id: string }[];
        return items.length === CUSTOMERS.length ? items : null;
      },
      30_000,
      "a conversation per customer",
    );
    await full.kill();

    // Agents answer twice in each conversation while no worker runs, so the replies wait in the outbox together.
    const server = parley(["server"]);
    await server.start();
    api = await ApiClient.login(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    const replies: string[] = [];
    for (const round of [1, 2]) {
      for (const conversation of conversations) {
        const text = `Reply ${round} in ${conversation.id}`;
        const res = await api.post(`/api/conversations/${conversation.id}/messages`, {
          text,
          visibility: "private",
        });
        expect(res.status).toBe(202);
        replies.push(text);
      }
    }
    await server.kill();
    expect(sim.state.callsOf("telegram", "sendMessage")).toHaveLength(0);

    // A worker starts, and the platform hangs on its first send: the worker dies with that request unanswered.
    sim.state.injectFault({ platform: "telegram", method: "sendMessage", kind: "timeout" });
    const worker = parley(["worker"]);
    await worker.start();
    const hanging = await waitFor(
      async () => sim.state.callsOf("telegram", "sendMessage")[0],
      30_000,
      "the first send to reach the platform",
    );
    await worker.kill();
    expect(sim.state.callsOf("telegram", "sendMessage")).toHaveLength(1);
    const inFlight = String(hanging.params.text);
    expect(replies).toContain(inFlight);

    // After a restart, recovery looks at what the dead worker left behind.
    const restarted = parley(["server", "worker"]);
    await restarted.start();
    api = await ApiClient.login(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    const statuses = await waitFor(
      async () => {
        const byText = new Map<string, string>();
        for (const conversation of conversations) {
          const items = (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items as {
            direction: string;
            text: string;
            deliveryStatus: string;
          }[];
          for (const m of items) if (m.direction === "out") byText.set(m.text, m.deliveryStatus);
        }
        const settled = replies.every((text) => ["delivered", "uncertain"].includes(byText.get(text) ?? ""));
        return settled ? byText : null;
      },
      45_000,
      "every reply delivered or marked uncertain",
    );

    const uncertain = replies.filter((text) => statuses.get(text) === "uncertain");
    expect(uncertain).toEqual([inFlight]);
    const sent = sim.state.callsOf("telegram", "sendMessage").filter((c) => c.outcome === "ok");
    for (const text of replies.filter((t) => t !== inFlight)) {
      expect(statuses.get(text)).toBe("delivered");
      expect(sent.filter((c) => c.params.text === text)).toHaveLength(1);
    }
    // The uncertain reply was never sent again, and each conversation's replies left in the order written.
    expect(sent.filter((c) => c.params.text === inFlight)).toHaveLength(0);
    for (const conversation of conversations) {
      const order = sent
        .map((c) => String(c.params.text))
        .filter((text) => text.endsWith(conversation.id) && text !== inFlight);
      expect(order).toEqual([...order].sort());
    }
  }, 180_000);
});
