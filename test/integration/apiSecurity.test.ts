import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/apiClient.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

describe.each(dbTargets())("API security on $name", (target) => {
  let app: TestParley;
  let admin: ApiClient;

  beforeAll(async () => {
    app = await startTestParley(target);
    admin = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("serves health and an OpenAPI document that names the stable paths", async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/auth/login",
        "/api/channels",
        "/api/conversations",
        "/api/conversations/{id}/messages",
      ]),
    );
    expect(doc.paths["/api/conversations/{id}/messages"]).toHaveProperty("post");
  });

  it("refuses the API without a session", async () => {
    const res = await fetch(`${app.url}/api/conversations`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  });

  it("sets an httpOnly session cookie and keeps no clear password", async () => {
    const res = await fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/parley_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const rows = (await app.parley.database.db.execute(sql`SELECT password_hash FROM users`)) as unknown as {
      rows: { password_hash: string }[];
    };
    expect(
      rows.rows.every(
        (r) => r.password_hash.startsWith("scrypt$") && !r.password_hash.includes(ADMIN_PASSWORD),
      ),
    ).toBe(true);
  });

  it("refuses a state change by cookie without the CSRF token", async () => {
    const res = await fetch(`${app.url}/api/teams`, {
      method: "POST",
      headers: { cookie: admin.cookie, "content-type": "application/json" },
      body: JSON.stringify({ name: "Sneaky" }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("csrf_failed");
    const ok = await admin.post("/api/teams", { name: "Escalations" });
    expect(ok.status).toBe(201);
  });

  it("accepts a bearer API token without CSRF, as outside tools need", async () => {
    const created = await admin.post("/api/tokens", { name: "reporting" });
    expect(created.status).toBe(201);
    const res = await fetch(`${app.url}/api/teams`, {
      method: "POST",
      headers: { authorization: `Bearer ${created.body.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Via token" }),
    });
    expect(res.status).toBe(201);
    const wrong = await fetch(`${app.url}/api/conversations`, {
      headers: { authorization: "Bearer prly_wrong" },
    });
    expect(wrong.status).toBe(401);
  });

  it("validates input with a clear message", async () => {
    const res = await admin.post("/api/channels", {
      platform: "telegram",
      name: "x",
      settings: { mode: "webhook" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_settings");
    expect(res.body.error.message).toMatch(/botToken/);
    const unknown = await admin.post("/api/channels", { platform: "myspace", name: "x", settings: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("unknown_platform");
  });

  it("lets an agent see only their teams' conversations and not manage channels", async () => {
    const support = app.parley.bootstrap.teamId;
    const routine = await admin.post("/api/teams", { name: "Routine" });
    // A closed port as the API: connecting fails (and is reported), but webhooks still arrive.
    const channel = await admin.post("/api/channels", {
      platform: "telegram",
      name: "Team-scoped",
      settings: { botToken: "1:x", webhookSecret: "s3cret", mode: "webhook" },
      apiBaseUrl: "http://127.0.0.1:9",
      teamId: support,
    });
    expect(channel.status).toBe(201);
    const update = {
      update_id: 1,
      message: {
        message_id: 1,
        date: 1764000000,
        chat: { id: 99, type: "private", first_name: "Scoped" },
        from: { id: 99, is_bot: false, first_name: "Scoped" },
        text: "only for support",
      },
    };
    const hook = await fetch(channel.body.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "s3cret" },
      body: JSON.stringify(update),
    });
    expect(hook.status).toBe(200);
    const seen = await waitFor(
      async () => (await admin.get("/api/conversations?q=only%20for%20support")).body.items[0],
      15_000,
      "conversation",
    );

    await admin.post("/api/users", {
      email: "outsider@example.test",
      name: "Outsider",
      role: "agent",
      password: "agent-password-1",
      teamIds: [routine.body.id],
    });
    await admin.post("/api/users", {
      email: "insider@example.test",
      name: "Insider",
      role: "agent",
      password: "agent-password-2",
      teamIds: [support],
    });
    const outsider = await ApiClient.login(app.url, "outsider@example.test", "agent-password-1");
    const insider = await ApiClient.login(app.url, "insider@example.test", "agent-password-2");
    expect((await outsider.get("/api/conversations")).body.items).toEqual([]);
    expect((await outsider.get(`/api/conversations/${seen.id}`)).status).toBe(404);
    expect(
      (await outsider.post(`/api/conversations/${seen.id}/messages`, { text: "hi", visibility: "private" }))
        .status,
    ).toBe(404);
    expect((await insider.get("/api/conversations")).body.items.map((c: { id: string }) => c.id)).toEqual([
      seen.id,
    ]);
    expect(
      (await insider.post("/api/channels", { platform: "telegram", name: "x", settings: {} })).status,
    ).toBe(403);
    const channels = await insider.get("/api/channels");
    expect(JSON.stringify(channels.body)).not.toContain("s3cret");
  });

  it("slows repeated failed sign-ins down and records them in the audit log", async () => {
    const attempt = () =>
      fetch(`${app.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "victim@example.test", password: "nope" }),
      });
    const answers: Response[] = [];
    for (let i = 0; i < 5; i++) answers.push(await attempt());
    // Three free failures, then the next attempt must wait (more in test/integration/signInThrottle.test.ts).
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 429]);
    expect(answers[3]!.headers.get("retry-after")).toBe("5");
    expect(Number(answers[4]!.headers.get("retry-after"))).toBeGreaterThan(0);
    const audit = (await app.parley.database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed'`,
    )) as unknown as { rows: { n: number }[] };
    expect(audit.rows[0]!.n).toBeGreaterThanOrEqual(4);
  });
});
