import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const BOT = { token: "555000222:health-token", username: "health_help_bot", firstName: "Health Help" };
const SECRET = "tg-health_secret";

describe.each(dbTargets())("A channel's health page on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let api: ApiClient;
  let channelId: string;
  let webhookUrl: string;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    sim.telegram.addBot(BOT);
    app = await startTestParley(target);
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await api.post("/api/channels", {
      platform: "telegram",
      name: "Health bot",
      settings: { botToken: BOT.token, webhookSecret: SECRET, mode: "webhook", botUsername: BOT.username },
      apiBaseUrl: sim.url,
    });
    expect(created.status).toBe(201);
    channelId = created.body.id;
    webhookUrl = created.body.webhookUrl;
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("shows when the channel last heard something and that nothing is wrong", async () => {
    const fresh = await api.get(`/api/channels/${channelId}/health`);
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ lastEventAt: null, lastReplyAt: null, findings: [] });
    expect(fresh.body.channel).toMatchObject({ id: channelId, platform: "telegram", webhookUrl });
    await sim.telegram.act(BOT.token, {
      person: { id: 8101, firstName: "Inga", languageCode: "lv" },
      text: "Sveiki, kur ir mans sūtījums?",
      visibility: "private",
    });
    const conversation = await waitFor(
      async () => {
        const list = await api.get("/api/conversations?q=sūtījums");
        return list.body.items[0];
      },
      15_000,
      "the conversation",
    );
    await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "Paldies, skatāmies!",
      visibility: "private",
    });
    const health = await waitFor(
      async () => {
        const body = (await api.get(`/api/channels/${channelId}/health`)).body;
        return body.lastReplyAt ? body : undefined;
      },
      15_000,
      "a delivered reply",
    );
    expect(Date.parse(health.lastEventAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(health).toMatchObject({ pendingEvents: 0, waitingReplies: 0, findings: [] });
  });

  it("lists bodies the channel refused as malformed, with the reason, as a finding", async () => {
    const res = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify({ message: { text: "no update_id, no chat, no date" } }),
    });
    expect(res.status).toBe(400);
    const health = (await api.get(`/api/channels/${channelId}/health`)).body;
    expect(health.rejectedBodies).toHaveLength(1);
    expect(health.findings).toEqual([
      {
        key: "rejected_bodies",
        severity: "warning",
        data: { count: 1, example: health.rejectedBodies[0].reason },
      },
    ]);
    expect(health.rejectedBodies[0].reason).toBeTruthy();
  });

  it("answers 404 for an unknown channel, 400 for a bad id and 403 for an agent", async () => {
    expect((await api.get("/api/channels/00000000-0000-4000-8000-000000000000/health")).status).toBe(404);
    expect((await api.get("/api/channels/nope/health")).status).toBe(400);
    const made = await api.post("/api/users", {
      email: "agent.health@example.test",
      name: "Agent Health",
      role: "agent",
      password: "agent-password-1",
      teamIds: [],
    });
    expect(made.status).toBe(201);
    const agent = await ApiClient.login(app.url, "agent.health@example.test", "agent-password-1");
    expect((await agent.get(`/api/channels/${channelId}/health`)).status).toBe(403);
  });
});
