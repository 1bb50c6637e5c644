import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueWebhook } from "../../src/notifications/outboundWebhooks.ts";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { channels, listeningAlerts, listeningSettings } from "../../src/store/schema.ts";
import { ApiClient } from "../support/apiClient.ts";
import { connectTelegramBot } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

/** A receiver that counts what reaches it and answers every request with a body it must never leak. */
async function receiver(host: string, answer: (path: string) => { status: number; headers?: object }) {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const { status, headers } = answer(req.url ?? "");
    res.writeHead(status, { "content-type": "text/plain", ...headers });
    res.end("ami-id: i-0abc secret-access-key: AKIA-INTERNAL");
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { hits, server, port: (server.address() as AddressInfo).port };
}

/**
 * Parley allows only 127.0.0.2 here: the "outside" services (a webhook receiver, the platform simulator)
 * listen there, and 127.0.0.1 stands for the inside of the network (a metadata service, a database).
 */
describe.each(dbTargets())("outgoing requests stay out of the private network on $name", (target) => {
  let app: TestParley;
  let api: ApiClient;
  let sim: RunningSimulator;
  let inside: Awaited<ReturnType<typeof receiver>>;
  let outside: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    inside = await receiver("127.0.0.1", () => ({ status: 200 }));
    outside = await receiver("127.0.0.2", (path) =>
      path === "/jump"
        ? { status: 307, headers: { location: `http://127.0.0.1:${inside.port}/stolen` } }
        : { status: path === "/fail" ? 500 : 200 },
    );
    sim = await startSimulator({ port: 0, host: "127.0.0.2" });
    app = await startTestParley(target, { outboundAllowPrivate: ["127.0.0.2/32"] });
    api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
    inside?.server.close();
    outside?.server.close();
  });

  const db = () => app.parley.database.db;
  const telegram = (apiBaseUrl: string) =>
    api.post("/api/channels", {
      platform: "telegram",
      name: "Aimed inside",
      settings: { botToken: "1:x", webhookSecret: "s3cret", mode: "webhook" },
      apiBaseUrl,
    });

  it("refuses to save a channel aimed at the metadata address, loopback, ::1 or ::ffff:127.0.0.1", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data",
      `http://127.0.0.1:${inside.port}`,
      `http://localhost:${inside.port}`,
      `http://[::1]:${inside.port}`,
      `http://[::ffff:127.0.0.1]:${inside.port}`,
    ]) {
      const answer = await telegram(url);
      expect(answer.status, url).toBe(400);
      expect(answer.body.error.code).toBe("address_not_allowed");
      expect(answer.body.error.message).toContain("PARLEY_OUTBOUND_ALLOW_PRIVATE");
    }
    expect(inside.hits).toEqual([]);
    const allowed = await telegram(`http://127.0.0.2:${outside.port}`);
    expect(allowed.status).toBe(201);
  });

  it("refuses to save alert and rule webhooks that point inside", async () => {
    const listening = await api.request("PUT", "/api/listening/settings", {
      minReach: 0,
      ticketOnNegative: true,
      ticketOnQuestion: true,
      spikeWindowMinutes: 10,
      spikeMinCount: 5,
      spikeFactor: 3,
      alertWebhookUrl: "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    });
    expect(listening.status).toBe(400);
    expect(listening.body.error.message).toContain("169.254.169.254");
    const sla = await api.request("PUT", "/api/triage/settings", {
      alertWebhookUrl: `http://[::1]:${inside.port}/`,
    });
    expect(sla.status).toBe(400);
    const rule = await api.post("/api/automation-rules", {
      name: "Tell the intranet",
      event: "message_received",
      actions: [{ type: "call_webhook", url: "http://10.0.0.7/hook" }],
    });
    expect(rule.status).toBe(400);
    expect(rule.body.error.message).toContain("10.0.0.7");
  });

  /** Queues a webhook the way triage does and waits for the worker's first attempt at it. */
  async function deliveredOnce(url: string) {
    await queueWebhook(db(), {
      workspaceId: app.parley.bootstrap.workspaceId,
      url,
      source: "test",
      payload: { type: "test" },
    });
    return waitFor(
      async () => {
        const result = (await db().execute(
          sql`SELECT status, last_error FROM outbound_webhooks WHERE url = ${url}`,
        )) as unknown as { rows: { status: string; last_error: string | null }[] };
        const row = result.rows[0];
        return row && (row.status !== "pending" || row.last_error) ? row : null;
      },
      15_000,
      `the attempt at ${url}`,
    );
  }

  it("reports a failed webhook by its status alone, never the body it answered", async () => {
    const attempt = await deliveredOnce(`http://127.0.0.2:${outside.port}/fail`);
    expect(attempt.last_error).toBe("HTTP 500");
  });

  it("refuses at connection time a name that resolves to loopback, and a redirect to a private address", async () => {
    // Saved before the check existed, or a name whose DNS answer changed after saving: only the
    // connection-time check stands between it and the inside.
    const byName = await deliveredOnce(`http://localhost:${inside.port}/hook`);
    expect(byName.last_error).toMatch(/^Address not allowed: localhost/);
    const redirected = await deliveredOnce(`http://127.0.0.2:${outside.port}/jump`);
    expect(redirected.last_error).toMatch(/^Address not allowed: 127\.0\.0\.1/);
    expect(outside.hits).toContain("/jump");
    expect(inside.hits).toEqual([]);
  });

  it("posts listening alerts by status alone and not to a name that resolves inside", async () => {
    const topic = await api.post("/api/listening/topics", {
      name: "Nordmart",
      kind: "brand",
      query: "nordmart",
    });
    expect(topic.status).toBe(201);
    const workspaceId = app.parley.bootstrap.workspaceId;
    const alertTo = async (url: string) => {
      await db()
        .insert(listeningSettings)
        .values({ workspaceId, alertWebhookUrl: url })
        .onConflictDoUpdate({ target: listeningSettings.workspaceId, set: { alertWebhookUrl: url } });
      const [alert] = await db()
        .insert(listeningAlerts)
        .values({
          workspaceId,
          topicId: topic.body.id,
          subject: "courier",
          kind: "volume",
          windowStart: new Date(Date.now() - 600_000),
          windowEnd: new Date(),
          count: 9,
          negativeCount: 9,
          baseline: "1",
          message: "A burst about the courier",
          webhookStatus: "pending",
          webhookNextAt: new Date(),
        })
        .returning();
      return waitFor(
        async () => {
          const [row] = await db().select().from(listeningAlerts).where(eq(listeningAlerts.id, alert!.id));
          return row?.webhookError ? row : null;
        },
        15_000,
        "the alert's webhook attempt",
      );
    };
    expect((await alertTo(`http://127.0.0.2:${outside.port}/fail`)).webhookError).toBe("HTTP 500");
    expect((await alertTo(`http://localhost:${inside.port}/alerts`)).webhookError).toMatch(
      /^Address not allowed: localhost/,
    );
    expect(inside.hits).toEqual([]);
  });

  it("does not send a reply to a channel API whose host now resolves to loopback", async () => {
    const bot = { token: "777000111:ssrf-token", username: "ssrf_bot", firstName: "SSRF" };
    const channel = await connectTelegramBot(api, sim, bot, {
      name: "Outside bot",
      webhookSecret: "tg-ssrf",
    });
    await sim.telegram.act(bot.token, {
      person: { id: 9101, firstName: "Inga", languageCode: "en" },
      text: "where is my parcel",
      visibility: "private",
    });
    const conversation = await waitFor(
      async () => (await api.get("/api/conversations?q=parcel")).body.items[0],
      15_000,
      "the conversation",
    );
    await db()
      .update(channels)
      .set({ apiBaseUrl: `http://localhost:${inside.port}` })
      .where(eq(channels.id, channel.id));
    // The channel cache keeps a channel for a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const reply = await api.post(`/api/conversations/${conversation.id}/messages`, {
      text: "On its way",
      visibility: "private",
    });
    expect(reply.status).toBe(202);
    const failed = await waitFor(
      async () =>
        (await api.get(`/api/conversations/${conversation.id}/messages`)).body.items.find(
          (m: { text: string; deliveryStatus: string }) =>
            m.text === "On its way" && m.deliveryStatus === "failed",
        ),
      15_000,
      "the refused delivery",
    );
    expect(failed.deliveryError).toMatch(/Address not allowed: localhost/);
    expect(failed.deliveryError).not.toContain("127.0.0.1");
    expect(inside.hits).toEqual([]);
  });
});
