import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/apiClient.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestParley, type TestParley } from "../support/testParley.ts";

describe.each(dbTargets())("Per-person preferences on $name", (target) => {
  let app: TestParley;
  let admin: ApiClient;

  beforeAll(async () => {
    app = await startTestParley(target);
    admin = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const put = (client: ApiClient, body: unknown) => client.request("PUT", "/api/account/preferences", body);

  it("starts from the defaults: the system's theme, a sound and no desktop alerts", async () => {
    const answer = await admin.get("/api/account/preferences");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ theme: "system", alerts: { sound: true, desktop: false } });
  });

  it("keeps a change for the person across sessions, and fields left out keep their value", async () => {
    const saved = await put(admin, { theme: "dark", alerts: { desktop: true } });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ theme: "dark", alerts: { sound: true, desktop: true } });

    expect((await put(admin, { alerts: { sound: false } })).body).toEqual({
      theme: "dark",
      alerts: { sound: false, desktop: true },
    });
    // Another browser of the same person sees the same choices.
    const elsewhere = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect((await elsewhere.get("/api/account/preferences")).body).toEqual({
      theme: "dark",
      alerts: { sound: false, desktop: true },
    });
  });

  it("keeps each person's preferences their own", async () => {
    const created = await admin.post("/api/users", {
      email: "prefs-agent@example.test",
      name: "Prefs Agent",
      role: "agent",
      password: "prefs-agent-password",
    });
    expect(created.status).toBe(201);
    const agent = await ApiClient.login(app.url, "prefs-agent@example.test", "prefs-agent-password");
    expect((await agent.get("/api/account/preferences")).body.theme).toBe("system");
    await put(agent, { theme: "light" });
    expect((await admin.get("/api/account/preferences")).body.theme).toBe("dark");
    expect((await agent.get("/api/account/preferences")).body.theme).toBe("light");
  });

  it("refuses a bad value with 400 naming the field, and saves nothing of it", async () => {
    const before = (await admin.get("/api/account/preferences")).body;
    const badTheme = await put(admin, { theme: "sepia" });
    expect(badTheme.status).toBe(400);
    expect(badTheme.body.error.code).toBe("invalid_request");
    expect(badTheme.body.error.message).toContain("theme");

    const badSound = await put(admin, { theme: "light", alerts: { sound: "loud" } });
    expect(badSound.status).toBe(400);
    expect(badSound.body.error.message).toContain("alerts.sound");

    const unknown = await put(admin, { fontSize: 18 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("fontSize");

    expect((await admin.get("/api/account/preferences")).body).toEqual(before);
  });

  it("answers 401 to someone not signed in", async () => {
    const res = await fetch(`${app.url}/api/account/preferences`);
    expect(res.status).toBe(401);
  });
});
