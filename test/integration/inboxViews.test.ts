import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import { connectTelegramBot, startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { type TestParley, waitFor } from "../support/testParley.ts";

const BOT = { token: "555000444:views-token", username: "views_help_bot", firstName: "Views" };

describe.each(dbTargets())("saved views and bulk actions on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let admin: ApiClient;
  let alice: ApiClient;
  let bob: ApiClient;
  let aliceId: string;
  let teamA: string;
  let teamB: string;
  const conversationIds: string[] = [];

  beforeAll(async () => {
    ({ app, sim, api: admin } = await startSimulatedParley(target));
    await connectTelegramBot(admin, sim, BOT, { name: "Views bot", webhookSecret: "views-secret" });
    teamA = (await admin.post("/api/teams", { name: "Alpha" })).body.id;
    teamB = (await admin.post("/api/teams", { name: "Beta" })).body.id;
    await admin.post("/api/users", {
      email: "alice@example.test",
      name: "Alice",
      role: "agent",
      password: "alice-password-1",
      teamIds: [teamA],
    });
    await admin.post("/api/users", {
      email: "bob@example.test",
      name: "Bob",
      role: "agent",
      password: "bob-password-1",
      teamIds: [teamB],
    });
    alice = await ApiClient.login(app.url, "alice@example.test", "alice-password-1");
    bob = await ApiClient.login(app.url, "bob@example.test", "bob-password-1");
    aliceId = (await admin.get("/api/users")).body.items.find(
      (u: { email: string }) => u.email === "alice@example.test",
    ).id;
    for (const [i, word] of ["first", "second", "third"].entries()) {
      await sim.telegram.act(BOT.token, {
        person: { id: 9300 + i, firstName: `Bulk${i}`, lastName: "Customer", languageCode: "en" },
        text: `bulkcase ${word} question`,
        visibility: "private",
      });
    }
    const found = await waitFor(async () => {
      const items = (await admin.get("/api/conversations?q=bulkcase")).body.items as { id: string }[];
      return items.length === 3 && items;
    });
    conversationIds.push(...found.map((c) => c.id));
    // Alice may see two of them (assigned to her); the third stays outside her teams.
    for (const id of conversationIds.slice(0, 2))
      await admin.post(`/api/conversations/${id}/assign`, { assigneeId: aliceId });
    await app.parley.database.db.execute(
      sql`UPDATE conversations SET team_id = NULL, assignee_id = NULL WHERE id = ${conversationIds[2]!}`,
    );
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("shows a view shared with a team to its members only, and a personal view to its owner only", async () => {
    const shared = await alice.post("/api/views", {
      name: "Alpha urgent",
      filters: { priority: "urgent" },
      teamId: teamA,
    });
    expect(shared.status).toBe(201);
    const personal = await alice.post("/api/views", {
      name: "Mine open",
      filters: { assignee: "me", status: "open" },
    });
    expect(personal.status).toBe(201);
    expect((await alice.get("/api/views")).body.items.map((v: { name: string }) => v.name)).toEqual([
      "Alpha urgent",
      "Mine open",
    ]);
    expect((await bob.get("/api/views")).body.items).toEqual([]);
    expect((await admin.get("/api/views")).body.items).toEqual([]);
    const intrusion = await bob.post("/api/views", { name: "Into Alpha", filters: {}, teamId: teamA });
    expect(intrusion.status).toBe(403);
    expect((await bob.post("/api/views", { name: "Bad", filters: { password: "x" } })).status).toBe(400);
    expect((await bob.request("DELETE", `/api/views/${shared.body.view.id}`)).status).toBe(404);
    expect((await alice.request("DELETE", `/api/views/${personal.body.view.id}`)).status).toBe(204);
  });

  it("labels and resolves a selection in one call, with a result per item and the forbidden one refused", async () => {
    const labelled = await alice.post("/api/conversations/bulk", {
      ids: conversationIds,
      action: { kind: "label", add: ["follow-up"] },
    });
    expect(labelled.status).toBe(200);
    expect(labelled.body.results).toEqual([
      { id: conversationIds[0], ok: true },
      { id: conversationIds[1], ok: true },
      { id: conversationIds[2], ok: false, error: { code: "not_found", message: "Conversation not found" } },
    ]);
    const resolved = await alice.post("/api/conversations/bulk", {
      ids: conversationIds,
      action: { kind: "resolve" },
    });
    expect(resolved.body).toMatchObject({ succeeded: 2, failed: 1 });
    const rows = (await app.parley.database.db.execute(
      sql`SELECT id, status, labels FROM conversations WHERE id IN (${sql.join(
        conversationIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    )) as unknown as { rows: { id: string; status: string; labels: string[] }[] };
    const byId = new Map(rows.rows.map((row) => [row.id, row]));
    expect(byId.get(conversationIds[0]!)).toMatchObject({ status: "resolved", labels: ["follow-up"] });
    expect(byId.get(conversationIds[2]!)).toMatchObject({ status: "new", labels: [] });
    const audit = (await app.parley.database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'conversation.bulk_updated'`,
    )) as unknown as { rows: { n: number }[] };
    expect(audit.rows[0]!.n).toBe(2);
  });

  it("assigns a selection, refusing an unknown assignee per item", async () => {
    const bad = await admin.post("/api/conversations/bulk", {
      ids: conversationIds.slice(0, 1),
      action: { kind: "assign", assigneeId: "00000000-0000-4000-8000-000000000000" },
    });
    expect(bad.body.results[0]).toMatchObject({ ok: false, error: { code: "unknown_assignee" } });
    const ok = await admin.post("/api/conversations/bulk", {
      ids: conversationIds,
      action: { kind: "assign", assigneeId: aliceId },
    });
    expect(ok.body).toMatchObject({ succeeded: 3, failed: 0 });
    expect((await alice.get(`/api/conversations/${conversationIds[2]}`)).status).toBe(200);
    expect((await bob.post("/api/conversations/bulk", { ids: [], action: { kind: "resolve" } })).status).toBe(
      400,
    );
  });
});
