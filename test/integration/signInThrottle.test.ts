import http from "node:http";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/apiClient.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestParley, type TestParley } from "../support/testParley.ts";

interface SignInAnswer {
  status: number;
  retryAfter: number | null;
  code: string | null;
  deviceCookie: string | null;
}

/**
 * Signs in from a chosen loopback address (all of 127.0.0.0/8 reaches the server on Linux), so one machine
 * plays the attacker, the owner elsewhere and colleagues behind the attacker's NAT.
 */
function signInFrom(
  baseUrl: string,
  from: string,
  email: string,
  password: string,
  deviceCookie?: string | null,
  headers: Record<string, string> = {},
): Promise<SignInAnswer> {
  const url = new URL("/api/auth/login", baseUrl);
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress: from,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...(deviceCookie ? { cookie: deviceCookie } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => {
          const parsed = JSON.parse(text || "{}") as { error?: { code: string } };
          const device = (res.headers["set-cookie"] ?? []).find((c) => c.startsWith("parley_device="));
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers["retry-after"] ? Number(res.headers["retry-after"]) : null,
            code: parsed.error?.code ?? null,
            deviceCookie: device ? device.split(";")[0]! : null,
          });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe.each(dbTargets())("sign-in throttling on $name", (target) => {
  let app: TestParley;
  let admin: ApiClient;
  const ATTACKER = "127.0.0.2";
  const OWNER = "127.0.0.3";
  const OFFICE_NAT = "127.0.0.4";

  beforeAll(async () => {
    app = await startTestParley(target);
    admin = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const [email, name] of [
      ["colleague@example.test", "Colleague"],
      ["newcomer@example.test", "Newcomer"],
    ])
      expect(
        (
          await admin.post("/api/users", {
            email,
            name,
            role: "agent",
            password: "colleague-password-1",
            teamIds: [],
          })
        ).status,
      ).toBe(201);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const query = async <T>(statement: ReturnType<typeof sql>) =>
    ((await app.parley.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
  /** What waiting out the current delay would do, without a test that waits. */
  const waitOut = (key: string) =>
    query(sql`UPDATE sign_in_throttles SET blocked_until = now() - interval '1 second' WHERE key = ${key}`);

  it("admits the owner with the right password while the attacker who failed 5 times elsewhere waits", async () => {
    const guesses: SignInAnswer[] = [];
    for (let i = 0; i < 5; i++) guesses.push(await signInFrom(app.url, ATTACKER, ADMIN_EMAIL, `guess-${i}`));
    const owner = await signInFrom(app.url, OWNER, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(owner.status).toBe(200);

    expect(guesses.map((g) => g.status)).toEqual([401, 401, 401, 401, 429]);
    // From the fourth failure on, the answer says how long the next attempt must wait.
    expect(guesses.map((g) => g.retryAfter).slice(0, 4)).toEqual([null, null, null, 5]);
    expect(guesses[4]).toMatchObject({ code: "sign_in_throttled", retryAfter: expect.any(Number) });
    expect(guesses[4]!.retryAfter).toBeGreaterThan(0);
    expect(guesses[4]!.retryAfter).toBeLessThanOrEqual(5);
    // While waiting, even the right password from the attacker's address is not heard.
    expect((await signInFrom(app.url, ATTACKER, ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(429);

    // Each further failure doubles the attacker's wait.
    const key = `account:${ADMIN_EMAIL}|source:${ATTACKER}`;
    const waits: (number | null)[] = [];
    for (let i = 0; i < 3; i++) {
      await waitOut(key);
      waits.push((await signInFrom(app.url, ATTACKER, ADMIN_EMAIL, `again-${i}`)).retryAfter);
    }
    expect(waits).toEqual([10, 20, 40]);
    expect((await signInFrom(app.url, OWNER, ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);

    const audit = await query<{ action: string; n: number }>(sql`
      SELECT action, count(*)::int AS n FROM audit_log
      WHERE action IN ('auth.login_failed', 'auth.sign_in_throttled') AND ip = ${ATTACKER}
      GROUP BY action ORDER BY action`);
    expect(audit).toEqual([
      { action: "auth.login_failed", n: 7 },
      { action: "auth.sign_in_throttled", n: 1 },
    ]);
  });

  it("does not lock out the people behind an address that sprayed 30 failures", async () => {
    const colleague = await signInFrom(app.url, OFFICE_NAT, "colleague@example.test", "colleague-password-1");
    expect(colleague.status).toBe(200);

    const spray: SignInAnswer[] = [];
    for (let i = 0; i < 30; i++)
      spray.push(await signInFrom(app.url, OFFICE_NAT, `someone-${i}@example.test`, "Password1"));
    // The colleague's usual address and the colleague's browser are not punished for it.
    const sameAddress = await signInFrom(
      app.url,
      OFFICE_NAT,
      "colleague@example.test",
      "colleague-password-1",
    );
    expect(sameAddress.status).toBe(200);
    // The sprayer is slowed: the address has 20 free failures, then waits, and later guesses go unheard.
    expect(spray.filter((s) => s.status === 401)).toHaveLength(21);
    expect(spray.at(-1)).toMatchObject({ status: 429, code: "sign_in_throttled" });
    expect(colleague.deviceCookie).toMatch(/^parley_device=/);
    const withDevice = await signInFrom(
      app.url,
      OFFICE_NAT,
      "colleague@example.test",
      "colleague-password-1",
      colleague.deviceCookie,
    );
    expect(withDevice.status).toBe(200);
    // Someone new there waits a bounded while (and is admitted at once from anywhere else).
    const newcomer = await signInFrom(app.url, OFFICE_NAT, "newcomer@example.test", "colleague-password-1");
    expect(newcomer.status).toBe(429);
    expect(newcomer.retryAfter).toBeGreaterThan(0);
    expect(newcomer.retryAfter).toBeLessThanOrEqual(300);
    expect((await signInFrom(app.url, OWNER, "newcomer@example.test", "colleague-password-1")).status).toBe(
      200,
    );
  });

  it("slows a stolen-looking device down on its own failures only", async () => {
    const first = await signInFrom(app.url, OWNER, "colleague@example.test", "colleague-password-1");
    const device = first.deviceCookie;
    expect(device).toBeTruthy();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await signInFrom(app.url, OWNER, "colleague@example.test", `wrong-${i}`, device)).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    // The same account in another browser at the same address is not slowed by that device's failures.
    expect((await signInFrom(app.url, OWNER, "colleague@example.test", "colleague-password-1")).status).toBe(
      200,
    );
  });

  it("shows admins the throttled accounts and addresses and lets them clear one, in the audit log", async () => {
    const listed = await admin.get("/api/security/sign-in-throttles");
    expect(listed.status).toBe(200);
    const items = listed.body.items as {
      id: string;
      kind: string;
      email: string | null;
      source: string | null;
      failures: number;
      refused: number;
    }[];
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "account_source",
          email: ADMIN_EMAIL,
          source: ATTACKER,
          failures: 7,
        }),
        expect.objectContaining({ kind: "source", email: null, source: OFFICE_NAT }),
        expect.objectContaining({
          kind: "account_device",
          email: "colleague@example.test",
          failures: 4,
          refused: 1,
        }),
      ]),
    );
    const office = items.find((i) => i.kind === "source" && i.source === OFFICE_NAT)!;
    expect(office.refused).toBeGreaterThan(0);

    const agent = await ApiClient.login(app.url, "colleague@example.test", "colleague-password-1");
    expect((await agent.get("/api/security/sign-in-throttles")).status).toBe(403);
    expect((await agent.request("DELETE", `/api/security/sign-in-throttles/${office.id}`)).status).toBe(403);

    expect((await admin.request("DELETE", `/api/security/sign-in-throttles/${office.id}`)).status).toBe(204);
    expect((await admin.request("DELETE", `/api/security/sign-in-throttles/${office.id}`)).status).toBe(404);
    const newcomer = await signInFrom(app.url, OFFICE_NAT, "newcomer@example.test", "colleague-password-1");
    expect(newcomer.status).toBe(200);
    const cleared = await query<{ details: { kind: string; source: string } }>(sql`
      SELECT details FROM audit_log WHERE action = 'auth.sign_in_throttle_cleared'`);
    expect(cleared).toEqual([{ details: expect.objectContaining({ kind: "source", source: OFFICE_NAT }) }]);
  });

  it.skipIf(target.name === "pglite")(
    "keeps the count in the database, so another server process refuses the next guess",
    async () => {
      const second = await startTestParley(target, {
        databaseUrl: app.config.databaseUrl,
        roles: ["server"],
      });
      try {
        const email = "colleague@example.test";
        const guesses: number[] = [];
        for (let i = 0; i < 4; i++)
          guesses.push((await signInFrom(app.url, "127.0.0.5", email, `first-server-${i}`)).status);
        expect(guesses).toEqual([401, 401, 401, 401]);
        const elsewhere = await signInFrom(second.url, "127.0.0.5", email, "colleague-password-1");
        expect(elsewhere).toMatchObject({ status: 429, code: "sign_in_throttled" });
      } finally {
        await second.stop();
      }
    },
  );
});

describe.each(dbTargets())("sign-in behind a load balancer on $name", (target) => {
  let app: TestParley;
  const BALANCER = "127.0.0.9";

  beforeAll(async () => {
    app = await startTestParley(target, { trustedProxies: [`${BALANCER}/32`] });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const via = (client: string) => ({ "x-forwarded-for": client });

  it("counts the client named by a trusted proxy, so the owner behind the same balancer is admitted", async () => {
    const guesses: number[] = [];
    for (let i = 0; i < 5; i++)
      guesses.push(
        (await signInFrom(app.url, BALANCER, ADMIN_EMAIL, `guess-${i}`, null, via("203.0.113.66"))).status,
      );
    const owner = await signInFrom(app.url, BALANCER, ADMIN_EMAIL, ADMIN_PASSWORD, null, via("198.51.100.7"));
    expect(owner.status).toBe(200);
    expect(guesses).toEqual([401, 401, 401, 401, 429]);

    // Anyone else's X-Forwarded-For is ignored: a guesser cannot pose as the owner's address.
    await signInFrom(app.url, "127.0.0.2", ADMIN_EMAIL, "posing", null, via("198.51.100.7"));
    const audit = (await app.parley.database.db.execute(sql`
      SELECT ip, count(*)::int AS n FROM audit_log WHERE action IN ('auth.login', 'auth.login_failed')
      GROUP BY ip ORDER BY ip`)) as unknown as { rows: { ip: string; n: number }[] };
    expect(audit.rows).toEqual([
      { ip: "127.0.0.2", n: 1 },
      { ip: "198.51.100.7", n: 1 },
      { ip: "203.0.113.66", n: 4 },
    ]);
  });
});
