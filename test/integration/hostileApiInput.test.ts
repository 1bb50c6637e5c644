import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/apiClient.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestParley, type TestParley } from "../support/testParley.ts";

/**
 * Inputs the fuzz campaign (test/support/fuzz/) found answering 500, kept as regressions: text PostgreSQL cannot
 * store (a NUL, an unpaired surrogate) and bodies nested deep enough to exhaust a recursive walk are a 400.
 */
describe.each(dbTargets())("hostile API input on $name", (target) => {
  let app: TestParley;
  let admin: ApiClient;

  beforeAll(async () => {
    app = await startTestParley(target);
    admin = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const login = (body: string) =>
    fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });

  it.each([
    ["a NUL", String.raw`{"email":"\u0000","password":"x"}`],
    ["a lone low surrogate", String.raw`{"email":"\udc00x","password":"x"}`],
    ["a lone high surrogate in the password", String.raw`{"email":"a@b.c","password":"\ud800"}`],
  ])("refuses a sign-in with %s in it with a 400", async (_, body) => {
    const answer = await login(body);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/NUL|surrogate/);
  });

  it("refuses NUL in a signed-in body and in a query string with a 400 that names the field", async () => {
    const team = await admin.post("/api/teams", { name: "nul\u0000team" });
    expect(team.status).toBe(400);
    expect(team.body.error.message).toMatch(/name/);
    const search = await admin.get("/api/conversations?q=%00");
    expect(search.status).toBe(400);
  });

  it("refuses a body nested past any real use with a 400", async () => {
    const deep = `{"name":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const answer = await fetch(`${app.url}/api/teams`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: admin.cookie, "x-csrf-token": admin.csrfToken },
      body: deep,
    });
    expect(answer.status).toBe(400);
  });
});
