import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ChannelStreams } from "../../src/worker/channelStreams.ts";
import { ApiClient } from "../support/apiClient.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const quiet = { info: () => {}, warn: () => {} };
const TIMINGS = { rescanMs: 200, leaseSeconds: 3, rulesEveryMs: 60_000, keepAliveMs: 3_000 };

describe.each(dbTargets())("X stream lease across worker processes on $name", (target) => {
  let sim: RunningSimulator;
  let app: TestParley;
  const workers: ChannelStreams[] = [];
  const lease = async () =>
    (
      (await app.parley.database.db.execute(
        sql`SELECT owner, state, lease_until > now() AS live FROM stream_leases`,
      )) as unknown as { rows: { owner: string | null; state: string; live: boolean }[] }
    ).rows[0];
  const connects = () => sim.state.callsOf("x", "GET /2/tweets/search/stream").length;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, x: { keepAliveMs: 200 } });
    // Only the server: the two workers below are the only ones that stream.
    app = await startTestParley(target, { roles: ["server"] });
    const api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    sim.x.addAccount({
      accountId: "1800000000000000001",
      username: "nordmart",
      name: "Nordmart",
      tokens: ["bearer", "user"],
    });
    const created = await api.post("/api/channels", {
      platform: "x",
      name: "X stream",
      settings: {
        accountId: "1800000000000000001",
        username: "nordmart",
        mentions: "stream",
        directMessages: "off",
        appId: "app-1",
        clientId: "client-1",
        accessToken: "user",
        bearerToken: "bearer",
      },
      apiBaseUrl: sim.url,
    });
    expect(created.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await app?.stop();
    await sim?.stop();
  });

  it("lets one process stream, and another take over once the holder's lease runs out", async () => {
    const { db } = app.parley.database;
    const first = new ChannelStreams(db, app.parley.box, quiet, undefined, TIMINGS);
    const second = new ChannelStreams(db, app.parley.box, quiet, undefined, TIMINGS);
    workers.push(first, second);
    first.start();
    await waitFor(async () => sim.x.state.streamConnections === 1, 20_000, "the first worker streaming");
    second.start();
    // Several rescans of the second worker: it never opens a second connection while the lease is held.
    await waitFor(async () => (await lease())?.state === "connected", 20_000, "the stream connected");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(connects()).toBe(1);
    expect((await lease())?.owner).toBe(first.owner);

    // The holder dies: its connection ends and its lease stays behind, still running for a moment.
    await first.stop();
    await db.execute(
      sql`UPDATE stream_leases SET owner = ${first.owner}, lease_until = now() + make_interval(secs => 2)`,
    );
    await waitFor(
      async () => (await lease())?.owner === second.owner,
      20_000,
      "the second worker taking over",
    );
    await waitFor(async () => sim.x.state.streamConnections === 1, 20_000, "the second worker streaming");
    expect(connects()).toBe(2);
  });
});
