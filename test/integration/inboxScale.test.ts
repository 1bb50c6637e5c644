import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedInbox } from "../../bench/seedInbox.ts";
import type { RunningSimulator } from "../../src/simulator/simulatorServer.ts";
import type { Db } from "../../src/store/database.ts";
import { ApiClient } from "../support/apiClient.ts";
import { startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

interface Clock {
  metric: string;
  phase: string;
  dueAt: string | null;
}
interface Summary {
  id: string;
  contact: { displayName: string; username: string | null };
  lastMessageAt: string;
  sla: Clock[];
  privateReplyToComment: { alreadySent: boolean } | null;
}

async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Every page of a list, following the cursor; fails on a repeated row. */
async function allPages(client: ApiClient, query: string, limit: number): Promise<Summary[]> {
  const seen: Summary[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 500; page++) {
    const answer = await client.get(
      `/api/conversations?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...answer.body.items);
    cursor = answer.body.nextCursor;
    if (!cursor) break;
  }
  expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
  return seen;
}

/** What "SLA due soonest" means, read from the clocks themselves rather than from the key kept on the row. */
function dueOf(item: Summary): number {
  const running = item.sla.filter((clock) => clock.phase === "running" && clock.dueAt);
  return running.length === 0
    ? Number.POSITIVE_INFINITY
    : Math.min(...running.map((c) => Date.parse(c.dueAt!)));
}

describe.each(dbTargets())("the inbox over a seeded workspace on $name", (target) => {
  const CONVERSATIONS = 260;
  let app: TestParley;
  let admin: ApiClient;
  let db: Db;

  beforeAll(async () => {
    app = await startTestParley(target, { roles: ["server"] });
    db = app.parley.database.db;
    const seeded = await seedInbox(db, { conversations: CONVERSATIONS, chunk: 100 });
    expect(seeded).toMatchObject({
      conversations: CONVERSATIONS,
      messages: CONVERSATIONS * 5,
      chunksWritten: 3,
    });
    admin = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("seeds idempotently: a second run writes nothing and leaves the same rows", async () => {
    const again = await seedInbox(db, { conversations: CONVERSATIONS, chunk: 100 });
    expect(again).toMatchObject({
      conversations: CONVERSATIONS,
      messages: CONVERSATIONS * 5,
      chunksWritten: 0,
    });
    const [spread] = await rowsOf<{ languages: number; channels: number; statuses: number; clocks: number }>(
      db,
      sql`SELECT count(DISTINCT language)::int AS languages, count(DISTINCT channel_id)::int AS channels,
        count(DISTINCT status)::int AS statuses, (SELECT count(*)::int FROM sla_clocks) AS clocks FROM conversations`,
    );
    expect(spread).toEqual({ languages: 4, channels: 10, statuses: 4, clocks: CONVERSATIONS });
  });

  it("keeps each conversation's next due time equal to its nearest running clock", async () => {
    const wrong = await rowsOf<{ id: string }>(
      db,
      sql`SELECT c.id FROM conversations c WHERE c.next_due_at IS DISTINCT FROM coalesce(
        (SELECT min(s.due_at) FROM sla_clocks s WHERE s.conversation_id = c.id AND s.phase = 'running'),
        'infinity'::timestamptz)`,
    );
    expect(wrong).toEqual([]);
    const [running] = await rowsOf<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM conversations WHERE next_due_at <> 'infinity'`,
    );
    expect(running!.n).toBeGreaterThan(0);
  });

  it("pages 'SLA due soonest' with its cursor: every inbox conversation once, nearest due first, idle ones last", async () => {
    const pages = await allPages(admin, "sort=due", 7);
    const [inbox] = await rowsOf<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM conversations WHERE in_inbox`,
    );
    expect(pages).toHaveLength(inbox!.n);
    const dues = pages.map(dueOf);
    expect(dues.some(Number.isFinite)).toBe(true);
    for (let i = 1; i < dues.length; i++) expect(dues[i]!).toBeGreaterThanOrEqual(dues[i - 1]!);
    // Ties (every conversation owing nothing) in id order, so the cursor has a total order to resume from.
    const idle = pages.filter((item) => !Number.isFinite(dueOf(item))).map((item) => item.id);
    expect(idle).toEqual([...idle].sort());
    const single = (await admin.get("/api/conversations?sort=due&limit=100")).body.items as Summary[];
    expect(pages.slice(0, 100).map((c) => c.id)).toEqual(single.map((c) => c.id));
  });

  it("pages 'SLA due soonest' within a filter, and the activity order, without gaps or repeats", async () => {
    const urgent = await allPages(admin, "sort=due&priority=urgent", 3);
    const [count] = await rowsOf<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM conversations WHERE in_inbox AND priority = 'urgent'`,
    );
    expect(urgent).toHaveLength(count!.n);
    const dues = urgent.map(dueOf);
    for (let i = 1; i < dues.length; i++) expect(dues[i]!).toBeGreaterThanOrEqual(dues[i - 1]!);
    const activity = await allPages(admin, "status=open", 4);
    const expected = await rowsOf<{ id: string }>(
      db,
      sql`SELECT id FROM conversations WHERE in_inbox AND status = 'open' ORDER BY last_message_at DESC, id DESC`,
    );
    expect(activity.map((c) => c.id)).toEqual(expected.map((row) => row.id));
  });

  it("answers a forged cursor with the first page, never passing it to SQL as a key", async () => {
    const forged = Buffer.from("not a time|also not an id").toString("base64url");
    const answer = await admin.get(`/api/conversations?sort=due&cursor=${forged}`);
    expect(answer.status).toBe(200);
    expect(answer.body.items.length).toBeGreaterThan(0);
  });

  it("counts the label menu from the kept counts, right after labels, teams and assignees change", async () => {
    const direct = async () =>
      Object.fromEntries(
        (
          await rowsOf<{ label: string; n: number }>(
            db,
            sql`SELECT l AS label, count(*)::int AS n FROM conversations c,
              LATERAL (SELECT DISTINCT x AS l FROM jsonb_array_elements_text(c.labels) x) d GROUP BY l`,
          )
        ).map((row) => [row.label, row.n]),
      );
    const menu = async () =>
      Object.fromEntries(
        ((await admin.get("/api/labels")).body.items as { label: string; count: number }[]).map((item) => [
          item.label,
          item.count,
        ]),
      );
    expect(await menu()).toEqual(await direct());
    const [target] = await rowsOf<{ id: string }>(
      db,
      sql`SELECT id FROM conversations WHERE labels = '["vip"]'::jsonb ORDER BY id LIMIT 1`,
    );
    const labelled = await admin.request("PUT", `/api/conversations/${target!.id}/labels`, {
      labels: ["vip", "fresh-label", "fresh-label"],
    });
    expect(labelled.status).toBe(200);
    await db.execute(sql`UPDATE conversations SET team_id = NULL, assignee_id = NULL
      WHERE id IN (SELECT id FROM conversations WHERE labels <> '[]'::jsonb ORDER BY id LIMIT 5)`);
    await db.execute(sql`UPDATE conversations SET labels = '[]'::jsonb
      WHERE id IN (SELECT id FROM conversations WHERE labels ? 'refund' ORDER BY id LIMIT 3)`);
    const after = await menu();
    expect(after).toEqual(await direct());
    expect(after["fresh-label"]).toBe(1);
  });

  it("shows each page row's username and private reply as they are now", async () => {
    const [comment] = await rowsOf<{ id: string; identity: string }>(
      db,
      sql`SELECT c.id, ci.id AS identity FROM conversations c
        JOIN channels ch ON ch.id = c.channel_id AND ch.platform = 'facebook'
        JOIN contact_identities ci ON ci.contact_id = c.contact_id
        WHERE c.visibility = 'public' AND c.in_inbox
          AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'out'
            AND m.visibility = 'private')
        ORDER BY c.last_message_at DESC LIMIT 1`,
    );
    const inList = async () =>
      ((await allPages(admin, "limit=100", 100)) as Summary[]).find((c) => c.id === comment!.id)!;
    const before = await inList();
    expect(before.privateReplyToComment?.alreadySent).toBe(false);
    await db.execute(
      sql`UPDATE contact_identities SET username = 'renamed_customer' WHERE id = ${comment!.identity}`,
    );
    await db.execute(sql`INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, visibility, text,
        delivery_status)
      SELECT workspace_id, id, channel_id, 'out', 'private', 'We wrote to you privately', 'delivered'
      FROM conversations WHERE id = ${comment!.id}`);
    const after = await inList();
    expect(after.contact.username).toBe("renamed_customer");
    expect(after.privateReplyToComment?.alreadySent).toBe(true);
    const opened = await admin.get(`/api/conversations/${comment!.id}`);
    expect(opened.body.contact.username).toBe("renamed_customer");
    expect(opened.body.privateReplyToComment.alreadySent).toBe(true);
  });
});

describe.each(dbTargets())("the due order follows the SLA clocks as they change on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let admin: ApiClient;
  const BOT = { token: "555000733:due-token", username: "due_order_bot", firstName: "Due" };

  const nextDueOf = async (id: string) =>
    (
      await rowsOf<{ due: string }>(
        app.parley.database.db,
        sql`SELECT CASE WHEN next_due_at = 'infinity' THEN 'infinity'
          ELSE to_char(next_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END AS due
          FROM conversations WHERE id = ${id}`,
      )
    )[0]!.due;

  beforeAll(async () => {
    ({ app, sim, api: admin } = await startSimulatedParley(target));
    sim.telegram.addBot(BOT);
    const created = await admin.post("/api/channels", {
      platform: "telegram",
      name: "Due bot",
      settings: { botToken: BOT.token, webhookSecret: "due-secret", mode: "webhook" },
      apiBaseUrl: sim.url,
    });
    expect(created.status).toBe(201);
    // The default policy measures the first answer only; the next answer's clock is what restarts below.
    const [policy] = (await admin.get("/api/sla-policies")).body.items as { id: string }[];
    const patched = await admin.request("PATCH", `/api/sla-policies/${policy!.id}`, {
      nextResponseSeconds: 1800,
    });
    expect(patched.status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  const writes = async (id: number, username: string, text: string) => {
    const outcome = await sim.telegram.act(BOT.token, {
      person: { id, firstName: `Due${id}`, username, languageCode: "en" },
      text,
      visibility: "private",
    });
    expect(outcome.status).toBe(200);
  };

  const listed = async (name: string, ready: (c: Summary) => boolean) =>
    waitFor(
      async () => {
        const items = (await admin.get("/api/conversations?sort=due&limit=100")).body.items as Summary[];
        const found = items.find((c) => c.contact.displayName === name);
        return found && ready(found) ? { found, items } : null;
      },
      30_000,
      `${name} listed`,
    );

  it("moves a conversation as its clocks start, stop and start again, and shows the username it has now", async () => {
    await writes(9801, "first_name", "Hello, where is my parcel?");
    const { found: first } = await listed("Due9801", (c) => c.sla.some((clock) => clock.phase === "running"));
    const running = first.sla.find((clock) => clock.phase === "running")!;
    expect(await nextDueOf(first.id)).toBe(new Date(running.dueAt!).toISOString());
    expect(first.contact.username).toBe("first_name");

    // The agent answers: the first response is met, nothing runs, the conversation sorts after those that owe.
    const replied = await admin.post(`/api/conversations/${first.id}/messages`, {
      text: "Let me check, one moment",
      visibility: "private",
    });
    expect(replied.status).toBe(202);
    await waitFor(async () => (await nextDueOf(first.id)) === "infinity", 30_000, "no clock running");

    await writes(9802, "second_person", "My order never arrived");
    const { items } = await listed("Due9802", (c) => c.sla.some((clock) => clock.phase === "running"));
    const names = items.map((c) => c.contact.displayName);
    expect(names.indexOf("Due9802")).toBeLessThan(names.indexOf("Due9801"));

    // The customer writes again under a new username: the next response clock runs and the list says so.
    await writes(9801, "renamed_name", "Any news?");
    const { found: again } = await listed(
      "Due9801",
      (c) => c.contact.username === "renamed_name" && c.sla.some((clock) => clock.phase === "running"),
    );
    const nearest = Math.min(
      ...again.sla.filter((clock) => clock.phase === "running").map((clock) => Date.parse(clock.dueAt!)),
    );
    expect(await nextDueOf(again.id)).toBe(new Date(nearest).toISOString());
  }, 90_000);
});
