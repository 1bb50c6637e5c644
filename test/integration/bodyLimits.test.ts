import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_BODY_LIMIT, WEBHOOK_BODY_LIMIT } from "../../src/server/bodyLimits.ts";
import { ApiClient } from "../support/apiClient.ts";
import { streamBody } from "../support/streamedBody.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestParley, type TestParley } from "../support/testParley.ts";

/** Far past every limit: a server that reads a body in full before refusing it reads all of this. */
const ENDLESS = 64 * 1024 * 1024;
const MB = 1024 * 1024;

/**
 * Every route refuses a body over its limit with 413 as it streams in, whether its length is declared or it comes
 * chunked: webhooks 5 MB, the API (sign-in included) 1 MB.
 */
describe.each(dbTargets())("request body limits on $name", (target) => {
  let app: TestParley;
  let admin: ApiClient;
  let webhookUrl: string;
  const telegramSecret = { "x-telegram-bot-api-secret-token": "limit-secret" };

  beforeAll(async () => {
    app = await startTestParley(target);
    admin = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    // A closed port as the platform: connecting fails and is reported, webhooks still arrive.
    const channel = await admin.post("/api/channels", {
      platform: "telegram",
      name: "Limits",
      settings: { botToken: "1:limits", webhookSecret: "limit-secret", mode: "webhook" },
      apiBaseUrl: "http://127.0.0.1:9",
    });
    expect(channel.status).toBe(201);
    webhookUrl = channel.body.webhookUrl;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("answers an endless chunked webhook with 413 once it passes 5 MB, without reading the rest", async () => {
    const answer = await streamBody(webhookUrl, { maxBytes: ENDLESS, headers: telegramSecret });
    expect(answer.status).toBe(413);
    expect(answer.sentBytes).toBeGreaterThan(WEBHOOK_BODY_LIMIT);
    expect(answer.sentBytes).toBeLessThan(ENDLESS);
  });

  it("refuses a webhook whose declared length is over 5 MB", async () => {
    const answer = await streamBody(webhookUrl, {
      maxBytes: 6 * MB,
      declaredLength: 6 * MB,
      headers: telegramSecret,
    });
    expect(answer.status).toBe(413);
  });

  it("reads a chunked webhook under the limit as usual", async () => {
    const update =
      '{"update_id":1,"message":{"message_id":1,"date":1764000000,"chat":{"id":5,"type":"private"},';
    const body = `${update}"from":{"id":5,"is_bot":false,"first_name":"Big"},"text":"big"}}`;
    // 4 MB of JSON whitespace after a complete update: authentic, readable and under the limit.
    const answer = await streamBody(webhookUrl, { maxBytes: 4 * MB, prefix: body, headers: telegramSecret });
    expect(answer.status).toBe(200);
  });

  it("answers an endless chunked sign-in with 413 once it passes 1 MB", async () => {
    const answer = await streamBody(`${app.url}/api/auth/login`, {
      maxBytes: ENDLESS,
      prefix: `{"email":"${ADMIN_EMAIL}","password":"`,
    });
    expect(answer.status).toBe(413);
    expect(answer.sentBytes).toBeLessThan(ENDLESS);
  });

  it("refuses a sign-in whose declared length is over 1 MB before reading it", async () => {
    const answer = await streamBody(`${app.url}/api/auth/login`, {
      maxBytes: 2 * MB,
      declaredLength: 2 * MB,
      prefix: `{"email":"${ADMIN_EMAIL}","password":"`,
    });
    expect(answer.status).toBe(413);
  });

  it("signs in with a chunked body under the limit", async () => {
    const body = JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    const answer = await streamBody(`${app.url}/api/auth/login`, {
      maxBytes: body.length + 512 * 1024,
      prefix: body,
    });
    expect(answer.status).toBe(200);
  });

  it("limits signed-in API routes to 1 MB too, and reads bodies under it", async () => {
    const headers = { cookie: admin.cookie, "x-csrf-token": admin.csrfToken };
    const over = await streamBody(`${app.url}/api/teams`, {
      maxBytes: ENDLESS,
      prefix: '{"name":"',
      headers,
    });
    expect(over.status).toBe(413);
    const under = await streamBody(`${app.url}/api/teams`, {
      maxBytes: API_BODY_LIMIT - 1024,
      prefix: '{"name":"Under the limit"}',
      headers,
    });
    expect(under.status).toBe(201);
  });
});
