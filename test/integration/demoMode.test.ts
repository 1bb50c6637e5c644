import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDemoWorkspace } from "../../src/simulator/demo.ts";
import { demoAnswer, workDemoAgentDesk } from "../../src/simulator/demoAgentDesk.ts";
import { setDemoAgentsAvailability } from "../../src/simulator/demoAgents.ts";
import { DEMO_WORKSPACE_NAME } from "../../src/simulator/demoWorkspace.ts";
import { createTrafficGenerator } from "../../src/simulator/traffic/trafficGenerator.ts";
import { type SimulatedParley, startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { waitFor } from "../support/testParley.ts";

/** The first customers of a demo, as `npm start` makes them write (a fixed seed, so the same every run). */
const CUSTOMERS = 60;
const SEED = 5;

/**
 * What `npm start` shows a newcomer: a workspace that explains itself, a FAQ bot that answers the easy
 * questions from the first minute, colleagues who answer and resolve their cases, and an admin who is not
 * handed live customers.
 */
describe.each(dbTargets())("The demo on $name", (target) => {
  let setup: SimulatedParley;
  const rows = async <T>(statement: ReturnType<typeof sql>) =>
    ((await setup.app.parley.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
  const count = async (statement: ReturnType<typeof sql>) => (await rows<{ n: number }>(statement))[0]!.n;

  beforeAll(async () => {
    setup = await startSimulatedParley(target);
    const { parley } = setup.app;
    await prepareDemoWorkspace(parley, setup.sim, setup.app.url);
    await setDemoAgentsAvailability(parley.database.db, parley.bootstrap.workspaceId, "online");
    const traffic = createTrafficGenerator({ fakes: setup.sim.fakes, seed: SEED, burstEveryMinutes: 0 });
    for (let i = 0; i < CUSTOMERS; i++) await traffic.tick();
    // Every message ingested and triaged (the bot has had its turn on each).
    await waitFor(
      async () =>
        (await count(sql`SELECT count(*)::int AS n FROM raw_events WHERE status = 'pending'`)) === 0 &&
        (await count(sql`SELECT count(*)::int AS n FROM conversation_events WHERE processed_at IS NULL`)) ===
          0,
      120_000,
      "the demo's first customers triaged",
    );
  }, 240_000);

  afterAll(async () => {
    await setup?.app.stop();
    await setup?.sim.stop();
  });

  it("is the demo shop's workspace, and says what the channels' own team is for", async () => {
    const me = (await setup.api.get("/api/me")).body;
    expect(me.workspace.name).toBe(DEMO_WORKSPACE_NAME);
    const teams = (await setup.api.get("/api/teams")).body.items as { name: string; description: string }[];
    expect(teams.map((t) => t.name).sort()).toEqual(["Escalations", "Fast lane", "Support"]);
    expect(teams.every((t) => t.description.length > 0)).toBe(true);
  });

  it("lets the FAQ bot answer the easy questions among the first customers", async () => {
    const answered = await count(sql`SELECT count(DISTINCT conversation_id)::int AS n FROM messages
      WHERE direction = 'out' AND automated_by = 'bot'`);
    // Most of the demo's customers complain (the bot hands those over) or comment in public (it stays out).
    expect(answered).toBeGreaterThanOrEqual(5);
  });

  it("hands live customers to the demo's colleagues, never to the admin trying the demo", async () => {
    const adminId = setup.app.parley.bootstrap.adminId;
    expect(
      await count(sql`SELECT count(*)::int AS n FROM conversations WHERE assignee_id = ${adminId}`),
    ).toBe(0);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM conversations c JOIN users u ON u.id = c.assignee_id
        WHERE u.email LIKE '%@demo.parley.local'`),
    ).toBeGreaterThan(0);
  });

  it("has the demo's colleagues answer their cases through the outbox, then resolve the quiet ones", async () => {
    const { db } = setup.app.parley.database;
    const { workspaceId } = setup.app.parley.bootstrap;
    const log = { warn: () => {} };
    const now = () => new Date(Date.now() + 3_600_000);
    const options = { answerAfterMs: 0, resolveAfterMs: 0, intervalMs: 1000, batch: 100 };
    // First only answers (nothing has been quiet for ten hours), then the quiet cases are resolved.
    const first = await workDemoAgentDesk(
      db,
      workspaceId,
      log,
      { ...options, resolveAfterMs: 36_000_000 },
      now(),
    );
    expect(first).toMatchObject({ resolved: 0 });
    expect(first.answered).toBeGreaterThan(0);
    // Written by a colleague, delivered to the platform by the worker like any agent's reply.
    await waitFor(
      async () =>
        (await count(sql`SELECT count(*)::int AS n FROM messages m JOIN users u ON u.id = m.author_user_id
          WHERE u.email LIKE '%@demo.parley.local' AND m.delivery_status IN ('delivered', 'read')`)) >=
        first.answered,
      30_000,
      "the colleagues' answers delivered",
    );
    const answers = ["ru", "pl", "lv", "en"].map((language) => demoAnswer(language).slice(0, 20));
    const delivered = setup.sim.state.calls.filter((c) =>
      answers.some((answer) => JSON.stringify(c.params).includes(answer)),
    );
    expect(delivered.length).toBeGreaterThan(0);
    const second = await workDemoAgentDesk(db, workspaceId, log, options, now());
    expect(second.resolved).toBeGreaterThan(0);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM conversations c JOIN users u ON u.id = c.assignee_id
        WHERE u.email LIKE '%@demo.parley.local' AND c.status = 'resolved'`),
    ).toBe(second.resolved);
  });
});
