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

/** The token in an account link (`…/accept-invite#token=…`). */
function tokenOf(link: string): string {
  const token = new URL(link).hash.match(/^#token=([A-Za-z0-9_-]+)$/)?.[1];
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

describe.each(dbTargets())("User management on $name", (target) => {
  let app: TestParley;
  let admin: ApiClient;
  let supportTeamId: string;

  beforeAll(async () => {
    app = await startTestParley(target);
    admin = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    supportTeamId = app.parley.bootstrap.teamId;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  /** Signs in like a browser that says which it is, so the session list can name the device. */
  async function signIn(email: string, password: string, userAgent = "Vitest"): Promise<ApiClient> {
    const res = await fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": userAgent },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const client = new ApiClient(app.url);
    client.cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    client.csrfToken = ((await res.json()) as { csrfToken: string }).csrfToken;
    return client;
  }

  async function loginStatus(email: string, password: string): Promise<number> {
    return (await post("/api/auth/login", { email, password })).status;
  }

  async function createMember(
    email: string,
    role: "agent" | "supervisor" | "admin",
    password: string,
    teamIds: string[] = [],
  ) {
    const created = await admin.post("/api/users", {
      email,
      name: email.split("@")[0],
      role,
      password,
      teamIds,
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  const bearerStatus = async (token: string) =>
    (await fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status;

  async function auditActions(): Promise<string[]> {
    const result = (await app.parley.database.db.execute(
      sql`SELECT action FROM audit_log ORDER BY id`,
    )) as unknown as { rows: { action: string }[] };
    return result.rows.map((r) => r.action);
  }

  it("invites by e-mail link: the invitee chooses name and password, signs in, and the link works once", async () => {
    const invited = await admin.post("/api/invitations", {
      email: "Nadia@Example.test",
      role: "agent",
      teamIds: [supportTeamId],
    });
    expect(invited.status).toBe(201);
    // No SMTP server in this set-up: the admin is handed the link to pass on.
    expect(invited.body.delivery).toBe("not_configured");
    expect(invited.body.link).toMatch(new RegExp(`^${app.url}/accept-invite#token=`));
    expect(invited.body.invitation).toMatchObject({ email: "nadia@example.test", role: "agent" });
    const token = tokenOf(invited.body.link);

    // Only the token's hash is stored.
    const stored = (await app.parley.database.db.execute(
      sql`SELECT token_hash FROM invitations WHERE email = 'nadia@example.test'`,
    )) as unknown as { rows: { token_hash: string }[] };
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.token_hash).not.toContain(token);

    const listed = await admin.get("/api/invitations");
    expect(listed.body.mailConfigured).toBe(false);
    expect(listed.body.items.map((i: { email: string }) => i.email)).toContain("nadia@example.test");

    const described = await post("/api/auth/invitation", { token });
    expect(described.status).toBe(200);
    expect(await described.json()).toMatchObject({ email: "nadia@example.test", role: "agent" });

    const weak = await post("/api/auth/invitation/accept", { token, name: "Nadia", password: "short" });
    expect(weak.status).toBe(400);
    const accepted = await post("/api/auth/invitation/accept", {
      token,
      name: "Nadia Kowalska",
      password: "nadia-chose-this-1",
    });
    expect(accepted.status).toBe(201);

    const nadia = await signIn("nadia@example.test", "nadia-chose-this-1");
    const me = await nadia.get("/api/me");
    expect(me.body.user).toMatchObject({ name: "Nadia Kowalska", role: "agent" });
    const teams = await admin.get("/api/teams");
    const support = teams.body.items.find((t: { id: string }) => t.id === supportTeamId);
    expect(support.memberIds).toContain(me.body.user.id);

    const again = await post("/api/auth/invitation/accept", {
      token,
      name: "Mallory",
      password: "mallory-pass-1",
    });
    expect(again.status).toBe(410);
    expect((await post("/api/auth/invitation", { token })).status).toBe(410);
    expect(
      (await admin.get("/api/invitations")).body.items.map((i: { email: string }) => i.email),
    ).not.toContain("nadia@example.test");
    // An address with an account cannot be invited again.
    expect(
      (await admin.post("/api/invitations", { email: "nadia@example.test", role: "agent" })).status,
    ).toBe(409);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(["user.invited", "user.invitation_accepted"]),
    );
  });

  it("refuses an expired, withdrawn or replaced invitation link", async () => {
    const first = await admin.post("/api/invitations", { email: "late@example.test", role: "agent" });
    const second = await admin.post("/api/invitations", { email: "late@example.test", role: "supervisor" });
    expect(second.status).toBe(201);
    // Inviting again replaces the open invitation: only the newest link works.
    expect((await post("/api/auth/invitation", { token: tokenOf(first.body.link) })).status).toBe(410);
    const secondToken = tokenOf(second.body.link);
    expect((await post("/api/auth/invitation", { token: secondToken })).status).toBe(200);

    await app.parley.database.db.execute(
      sql`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = ${second.body.invitation.id}`,
    );
    const expired = await post("/api/auth/invitation/accept", {
      token: secondToken,
      name: "Late",
      password: "late-password-1",
    });
    expect(expired.status).toBe(410);
    expect((await expired.json()).error.code).toBe("invalid_link");
    const listed = await admin.get("/api/invitations");
    expect(listed.body.items.find((i: { email: string }) => i.email === "late@example.test").expired).toBe(
      true,
    );

    const third = await admin.post("/api/invitations", { email: "late@example.test", role: "agent" });
    expect((await admin.request("DELETE", `/api/invitations/${third.body.invitation.id}`)).status).toBe(204);
    const withdrawn = await post("/api/auth/invitation/accept", {
      token: tokenOf(third.body.link),
      name: "Late",
      password: "late-password-1",
    });
    expect(withdrawn.status).toBe(410);
    expect(await loginStatus("late@example.test", "late-password-1")).toBe(401);
    expect(await auditActions()).toContain("user.invitation_revoked");
  });

  it("lets only admins manage team members: agents and supervisors get 403", async () => {
    const agentId = await createMember("role-agent@example.test", "agent", "agent-password-1");
    await createMember("role-supervisor@example.test", "supervisor", "supervisor-password-1");
    const agent = await signIn("role-agent@example.test", "agent-password-1");
    const supervisor = await signIn("role-supervisor@example.test", "supervisor-password-1");
    for (const client of [agent, supervisor]) {
      expect((await client.get("/api/invitations")).status).toBe(403);
      expect((await client.post("/api/invitations", { email: "x@example.test", role: "admin" })).status).toBe(
        403,
      );
      expect((await client.request("PUT", `/api/users/${agentId}/role`, { role: "admin" })).status).toBe(403);
      expect((await client.post(`/api/users/${agentId}/deactivate`)).status).toBe(403);
      expect((await client.post(`/api/users/${agentId}/reactivate`)).status).toBe(403);
      expect((await client.post(`/api/users/${agentId}/password-reset`)).status).toBe(403);
    }
    // Nothing changed.
    expect((await agent.get("/api/me")).body.user.role).toBe("agent");

    // A role change holds from the member's next request on, in the session they already have.
    expect((await agent.request("PATCH", `/api/users/${agentId}`, { capacity: 5 })).status).toBe(403);
    const promoted = await admin.request("PUT", `/api/users/${agentId}/role`, { role: "supervisor" });
    expect(promoted.status).toBe(200);
    expect((await agent.request("PATCH", `/api/users/${agentId}`, { capacity: 5 })).status).toBe(200);

    // Nobody changes their own role or access, so the workspace always keeps an admin.
    const adminId = (await admin.get("/api/me")).body.user.id;
    const demoteSelf = await admin.request("PUT", `/api/users/${adminId}/role`, { role: "agent" });
    expect(demoteSelf.status).toBe(409);
    expect(demoteSelf.body.error.code).toBe("cannot_change_self");
    expect((await admin.post(`/api/users/${adminId}/deactivate`)).status).toBe(409);
    expect(await auditActions()).toContain("user.role_changed");
  });

  it("deactivation ends sessions, API tokens and event streams at once and returns open conversations to the queue", async () => {
    const returns = (await admin.post("/api/teams", { name: "Returns" })).body.id as string;
    const agentId = await createMember("leaving@example.test", "agent", "leaving-password-1", [returns]);
    // A colleague in the same team, not signed in yet, so offline: a returned case has to wait in the queue.
    await createMember("staying@example.test", "agent", "staying-password-1", [returns]);
    const agent = await signIn("leaving@example.test", "leaving-password-1");
    const token = (await agent.post("/api/me/tokens", { name: "scripts" })).body.token as string;
    expect(await bearerStatus(token)).toBe(200);

    // A customer writes to the Returns team's channel; the case is the leaving agent's.
    const channel = await admin.post("/api/channels", {
      platform: "telegram",
      name: "Returns desk",
      settings: { botToken: "1:x", webhookSecret: "leaving-secret", mode: "webhook" },
      apiBaseUrl: "http://127.0.0.1:9",
      teamId: returns,
    });
    expect(channel.status).toBe(201);
    const hook = await fetch(channel.body.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "leaving-secret" },
      body: JSON.stringify({
        update_id: 1,
        message: {
          message_id: 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: 4242, type: "private", first_name: "Queued" },
          from: { id: 4242, is_bot: false, first_name: "Queued" },
          text: "my parcel is lost, help please",
        },
      }),
    });
    expect(hook.status).toBe(200);
    const conversation = await waitFor(
      async () => (await admin.get("/api/conversations?q=parcel%20is%20lost")).body.items[0],
      15_000,
      "conversation",
    );
    expect(
      (await admin.post(`/api/conversations/${conversation.id}/assign`, { assigneeId: agentId })).status,
    ).toBe(200);

    // The agent's browser listens to the event stream.
    const stream = await fetch(`${app.url}/api/events`, { headers: { cookie: agent.cookie } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    await reader.read();

    const deactivated = await admin.post(`/api/users/${agentId}/deactivate`);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({ sessionsEnded: 1, tokensRevoked: 1, conversationsReturned: 1 });

    expect((await agent.get("/api/me")).status).toBe(401);
    expect(await bearerStatus(token)).toBe(401);
    expect(await loginStatus("leaving@example.test", "leaving-password-1")).toBe(401);
    // The open stream ends instead of carrying on until the browser reconnects.
    for (;;) if ((await reader.read()).done) break;

    const returned = (await admin.get(`/api/conversations/${conversation.id}`)).body;
    expect(returned.assignee).toBeNull();
    expect(returned.queuedAt).not.toBeNull();
    // The colleague signs in, so is online, and takes it from the queue.
    const colleague = await signIn("staying@example.test", "staying-password-1");
    const colleagueId = (await colleague.get("/api/me")).body.user.id;
    await waitFor(
      async () =>
        (await admin.get(`/api/conversations/${conversation.id}`)).body.assignee?.id === colleagueId,
      15_000,
      "the queued case to go to the colleague",
    );
    expect(await auditActions()).toContain("user.deactivated");

    // Reactivated, the member signs in again with their password; the old token stays revoked.
    expect((await admin.post(`/api/users/${agentId}/reactivate`)).status).toBe(200);
    expect(await loginStatus("leaving@example.test", "leaving-password-1")).toBe(200);
    expect(await bearerStatus(token)).toBe(401);
  });

  it("changing one's password needs the current one and signs out one's other sessions", async () => {
    await createMember("changer@example.test", "agent", "first-password-1");
    const laptop = await signIn("changer@example.test", "first-password-1", "Laptop");
    const phone = await signIn("changer@example.test", "first-password-1", "Phone");

    const wrong = await laptop.post("/api/me/password", {
      currentPassword: "not-my-password",
      newPassword: "second-password-2",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("wrong_password");
    expect(
      (await laptop.post("/api/me/password", { currentPassword: "first-password-1", newPassword: "short" }))
        .status,
    ).toBe(400);

    const changed = await laptop.post("/api/me/password", {
      currentPassword: "first-password-1",
      newPassword: "second-password-2",
    });
    expect(changed.status).toBe(200);
    expect(changed.body.otherSessionsEnded).toBe(1);
    expect((await laptop.get("/api/me")).status).toBe(200);
    expect((await phone.get("/api/me")).status).toBe(401);
    expect(await loginStatus("changer@example.test", "first-password-1")).toBe(401);
    expect(await loginStatus("changer@example.test", "second-password-2")).toBe(200);
    expect((await laptop.get("/api/me/account")).body.passwordChangedAt).not.toBeNull();
    expect(await auditActions()).toEqual(
      expect.arrayContaining(["auth.password_change_failed", "auth.password_changed"]),
    );
  });

  it("a reset link sets a new password once, signs out everywhere, and refuses when expired or used", async () => {
    const userId = await createMember("forgetful@example.test", "agent", "forgotten-password-1");
    const session = await signIn("forgetful@example.test", "forgotten-password-1");

    // The public request answers the same for a known and an unknown address.
    const known = await post("/api/auth/password-reset", { email: "forgetful@example.test" });
    const unknown = await post("/api/auth/password-reset", { email: "nobody@example.test" });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());

    // Without SMTP, an admin makes the link and passes it on.
    const made = await admin.post(`/api/users/${userId}/password-reset`);
    expect(made.status).toBe(200);
    expect(made.body.delivery).toBe("not_configured");
    const expiring = tokenOf(made.body.link);
    await app.parley.database.db.execute(
      sql`UPDATE password_resets SET expires_at = now() - interval '1 minute' WHERE user_id = ${userId} AND used_at IS NULL`,
    );
    const expired = await post("/api/auth/password-reset/confirm", {
      token: expiring,
      password: "new-password-22",
    });
    expect(expired.status).toBe(410);

    const older = tokenOf((await admin.post(`/api/users/${userId}/password-reset`)).body.link);
    const link = (await admin.post(`/api/users/${userId}/password-reset`)).body.link as string;
    expect(link).toMatch(new RegExp(`^${app.url}/reset-password#token=`));
    // Only the newest link works.
    expect(
      (await post("/api/auth/password-reset/confirm", { token: older, password: "new-password-22" })).status,
    ).toBe(410);
    const reset = await post("/api/auth/password-reset/confirm", {
      token: tokenOf(link),
      password: "new-password-22",
    });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toEqual({ email: "forgetful@example.test" });
    expect((await session.get("/api/me")).status).toBe(401);
    expect(await loginStatus("forgetful@example.test", "forgotten-password-1")).toBe(401);
    expect(await loginStatus("forgetful@example.test", "new-password-22")).toBe(200);

    const reused = await post("/api/auth/password-reset/confirm", {
      token: tokenOf(link),
      password: "third-password-3",
    });
    expect(reused.status).toBe(410);
    expect(await loginStatus("forgetful@example.test", "third-password-3")).toBe(401);
    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        "auth.password_reset_requested",
        "user.password_reset_link_created",
        "auth.password_reset",
      ]),
    );
  });

  it("a personal API token is shown once, listed with its last use, and stops working when revoked or expired", async () => {
    await createMember("tokens@example.test", "agent", "tokens-password-1");
    const owner = await signIn("tokens@example.test", "tokens-password-1");
    const created = await owner.post("/api/me/tokens", { name: "Zapier", expiresInDays: 30 });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^prly_/);
    expect(new Date(created.body.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const before = await owner.get("/api/me/tokens");
    expect(before.body.items).toHaveLength(1);
    expect(before.body.items[0]).toMatchObject({ name: "Zapier", lastUsedAt: null });
    expect(JSON.stringify(before.body)).not.toContain(token);
    expect(before.body.items[0]).not.toHaveProperty("tokenHash");

    expect(await bearerStatus(token)).toBe(200);
    const after = await owner.get("/api/me/tokens");
    expect(after.body.items[0].lastUsedAt).not.toBeNull();

    // Another person's token is not theirs to revoke.
    expect((await admin.request("DELETE", `/api/me/tokens/${after.body.items[0].id}`)).status).toBe(404);
    expect(await bearerStatus(token)).toBe(200);
    expect((await owner.request("DELETE", `/api/me/tokens/${after.body.items[0].id}`)).status).toBe(204);
    expect(await bearerStatus(token)).toBe(401);
    expect((await owner.get("/api/me/tokens")).body.items).toHaveLength(0);

    const shortLived = (await owner.post("/api/me/tokens", { name: "one-off", expiresInDays: 1 })).body.token;
    expect(await bearerStatus(shortLived)).toBe(200);
    await app.parley.database.db.execute(
      sql`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE name = 'one-off'`,
    );
    expect(await bearerStatus(shortLived)).toBe(401);
    expect(await auditActions()).toEqual(expect.arrayContaining(["api_token.created", "api_token.revoked"]));
  });

  it("lists one's sessions with device and last seen, and signs out the others", async () => {
    await createMember("sessions@example.test", "agent", "sessions-password-1");
    const desk = await signIn(
      "sessions@example.test",
      "sessions-password-1",
      "Mozilla/5.0 (X11; Linux) Firefox/140.0",
    );
    const tablet = await signIn("sessions@example.test", "sessions-password-1", "Tablet browser");
    const kiosk = await signIn("sessions@example.test", "sessions-password-1", "Kiosk browser");

    const listed = await desk.get("/api/me/sessions");
    expect(listed.body.items).toHaveLength(3);
    const current = listed.body.items.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0].userAgent).toContain("Firefox");
    expect(current[0].lastSeenAt).toBeTruthy();
    expect(JSON.stringify(listed.body)).not.toContain(desk.cookie.split("=")[1]!);

    const tabletSession = listed.body.items.find(
      (s: { userAgent: string }) => s.userAgent === "Tablet browser",
    );
    expect((await desk.request("DELETE", `/api/me/sessions/${tabletSession.id}`)).status).toBe(204);
    expect((await tablet.get("/api/me")).status).toBe(401);
    expect((await kiosk.get("/api/me")).status).toBe(200);
    // Someone else's session is not found, let alone ended.
    const kioskSession = listed.body.items.find(
      (s: { userAgent: string }) => s.userAgent === "Kiosk browser",
    );
    expect((await admin.request("DELETE", `/api/me/sessions/${kioskSession.id}`)).status).toBe(404);

    const others = await desk.post("/api/me/sessions/end-others");
    expect(others.status).toBe(200);
    expect(others.body.ended).toBe(1);
    expect((await kiosk.get("/api/me")).status).toBe(401);
    expect((await desk.get("/api/me")).status).toBe(200);
    expect((await desk.get("/api/me/sessions")).body.items).toHaveLength(1);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(["auth.session_ended", "auth.other_sessions_ended"]),
    );
  });
});
