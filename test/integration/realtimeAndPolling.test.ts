import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import { openEventStream } from "../support/eventStream.ts";
import { createTestDatabase, dbTargets, type TestDatabase } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const BOT = { token: "600700800:poll-token", username: "poll_bot", firstName: "Poll Bot" };

describe.each(dbTargets())("Telegram long polling and live events on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, maxPollSeconds: 1 });
    sim.telegram.addBot(BOT);
    app = await startTestParley(target);
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("pulls messages with getUpdates and pushes them to the browser without a reload", async () => {
    const stream = await openEventStream(`${app.url}/api/events`, api.cookie);
    const created = await api.post("/api/channels", {
      platform: "telegram",
      name: "Polling bot",
      settings: { botToken: BOT.token, webhookSecret: "unused", mode: "polling" },
      apiBaseUrl: sim.url,
    });
    expect(created.status).toBe(201);
    expect(sim.state.callsOf("telegram", "deleteWebhook")).toHaveLength(1);
    await sim.telegram.act(BOT.token, {
      person: { id: 8080, firstName: "Polly", languageCode: "pl" },
      text: "Czy mogę zwrócić odkurzacz?",
      visibility: "private",
    });
    const conversation = await waitFor(
      async () => (await api.get("/api/conversations?q=odkurzacz")).body.items[0],
      20_000,
      "a polled conversation",
    );
    expect(conversation.contact.displayName).toBe("Polly");
    await waitFor(
      async () =>
        stream.received.some(
          (e) => e.event === "change" && JSON.parse(e.data).conversationId === conversation.id,
        ),
      10_000,
      "a live change event",
    );
    const change = JSON.parse(stream.received.find((e) => e.event === "change")!.data);
    expect(change).not.toHaveProperty("workspaceId");
    stream.close();
    expect(sim.state.callsOf("telegram", "getUpdates").length).toBeGreaterThan(0);
  });

  it("refuses the event stream without a session", async () => {
    expect((await fetch(`${app.url}/api/events`)).status).toBe(401);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  "several server instances (own pools and listeners) on one PostgreSQL",
  () => {
    let database: TestDatabase;
    let first: TestParley;
    let second: TestParley;
    let sim: RunningSimulator;

    beforeAll(async () => {
      database = await createTestDatabase({ name: "postgres" });
      sim = await startSimulator({ port: 0 });
      first = await startTestParley(
        { name: "postgres" },
        { databaseUrl: database.databaseUrl, roles: ["server", "worker"] },
      );
      second = await startTestParley(
        { name: "postgres" },
        { databaseUrl: database.databaseUrl, roles: ["server"] },
      );
    });
    afterAll(async () => {
      await second?.stop();
      await first?.stop();
      await sim?.stop();
      await database?.drop();
    });

    it("tells a browser on one process about a message ingested by another (LISTEN/NOTIFY)", async () => {
      const apiFirst = await ApiClient.login(first.url, ADMIN_EMAIL, ADMIN_PASSWORD);
      const apiSecond = await ApiClient.login(second.url, ADMIN_EMAIL, ADMIN_PASSWORD);
      const stream = await openEventStream(`${second.url}/api/events`, apiSecond.cookie);
      sim.telegram.addBot(BOT);
      const created = await apiFirst.post("/api/channels", {
        platform: "telegram",
        name: "Shared",
        settings: { botToken: BOT.token, webhookSecret: "shared-secret" },
        apiBaseUrl: sim.url,
      });
      await sim.telegram.act(BOT.token, {
        person: { id: 9090, firstName: "Across", languageCode: "en" },
        text: "two processes",
        visibility: "private",
      });
      expect(created.status).toBe(201);
      await waitFor(
        async () =>
          stream.received.some((e) => e.event === "change" && JSON.parse(e.data).type === "message.created"),
        15_000,
        "the change on the other process",
      );
      expect((await apiSecond.get("/api/conversations?q=two%20processes")).body.items).toHaveLength(1);
      stream.close();
    });
  },
);
