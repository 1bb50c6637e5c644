import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildReportRollups } from "../../src/analytics/factsRefresher.ts";
import { lastCompleteWeek, sendWeeklyDigests } from "../../src/analytics/weeklyDigest.ts";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const BOT = { token: "555000333:reports-token", username: "reports_bot", firstName: "Reports" };
const SECRET = "reports-secret";
const DAY = 86_400;

interface Customer {
  id: number;
  name: string;
}

describe.each(dbTargets())("A simulated week of reports on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let admin: ApiClient;
  let adminId: string;
  let webhookUrl: string;
  let workspaceId: string;
  let updateId = 1;
  let messageId = 1;
  const now = Math.floor(Date.now() / 1000);
  const today = new Date(now * 1000).toISOString().slice(0, 10);
  const weekAgo = new Date((now - 8 * DAY) * 1000).toISOString().slice(0, 10);
  const period = `from=${weekAgo}&to=${today}&compare=previous`;
  const conversationOf: Record<string, string> = {};

  async function customerWrites(person: Customer, text: string, secondsAgo: number) {
    const update = {
      update_id: updateId++,
      message: {
        message_id: messageId++,
        date: now - secondsAgo,
        chat: { id: person.id, type: "private", first_name: person.name },
        from: { id: person.id, is_bot: false, first_name: person.name, language_code: "en" },
        text,
      },
    };
    const res = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
  }

  async function conversationWith(name: string, inbound: number): Promise<string> {
    return waitFor(
      async () => {
        const list = await admin.get("/api/conversations?limit=100");
        const found = (list.body.items as { id: string; contact: { displayName: string } }[]).find(
          (c) => c.contact.displayName === name,
        );
        if (!found) return null;
        const messages = await admin.get(`/api/conversations/${found.id}/messages`);
        const customer = (messages.body.items as { direction: string }[]).filter((m) => m.direction === "in");
        return customer.length >= inbound ? found.id : null;
      },
      15_000,
      `${name}'s conversation`,
    );
  }

  async function reply(name: string) {
    const res = await admin.post(`/api/conversations/${conversationOf[name]}/messages`, {
      text: `Hello ${name}, we are on it.`,
      visibility: "private",
    });
    expect(res.status).toBe(202);
  }

  async function setStatus(name: string, status: string) {
    const res = await admin.post(`/api/conversations/${conversationOf[name]}/status`, { status });
    expect(res.status).toBe(200);
  }

  /** Every conversation event triaged, every due breach announced, every report fact refreshed: the rollup is up to date. */
  async function settled() {
    const { db } = app.parley.database;
    await waitFor(
      async () => {
        const pending = (await db.execute(sql`
          SELECT (SELECT count(*) FROM conversation_events WHERE processed_at IS NULL)
               + (SELECT count(*) FROM report_stale)
               -- A clock past its due time whose breach the once-a-second sweep has not announced yet.
               + (SELECT count(*) FROM sla_clocks
                   WHERE breached_at IS NULL AND due_at IS NOT NULL AND due_at < now() AND phase = 'running') AS n`)) as unknown as {
          rows: { n: string | number }[];
        };
        return Number(pending.rows[0]?.n) === 0;
      },
      20_000,
      "reports to catch up",
    );
  }

  async function report(name: string, query: string, client = admin) {
    const res = await client.get(`/api/reports/${name}?${period}&${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeoutStallMs: 300 });
    sim.telegram.addBot(BOT);
    // The survey loop turns quickly, so the quality reports' surveys go out within the test.
    app = await startTestParley(target, { workerOptions: { followUpIntervalMs: 200 } });
    admin = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const me = await admin.get("/api/me");
    adminId = me.body.user?.id ?? me.body.id;
    workspaceId = app.parley.bootstrap.workspaceId;
    const channel = await admin.post("/api/channels", {
      platform: "telegram",
      // A name a spreadsheet would take for a formula: the CSV must defuse it.
      name: "=Shop bot",
      settings: { botToken: BOT.token, webhookSecret: SECRET, mode: "webhook", botUsername: BOT.username },
      apiBaseUrl: sim.url,
    });
    expect(channel.status).toBe(201);
    webhookUrl = channel.body.webhookUrl;
    // Every Telegram case goes to the default team, whose lead gets the weekly digest.
    const teams = await admin.get("/api/teams");
    const rule = await admin.post("/api/routing-rules", {
      name: "Telegram to Support",
      teamId: teams.body.items[0].id,
      conditions: { platforms: ["telegram"] },
    });
    expect(rule.status).toBe(201);

    // The week: six customers on six days; answers, resolutions, a reopening, a pending case, one unanswered.
    const days: [string, number][] = [
      ["Anna", 6],
      ["Ben", 5],
      ["Cleo", 4],
      ["Dan", 3],
      ["Eve", 2],
      ["Finn", 1],
    ];
    for (const [i, [name, daysAgo]] of days.entries()) {
      await customerWrites({ id: 7000 + i, name }, `Where is my order, ${name} here`, daysAgo * DAY);
      conversationOf[name] = await conversationWith(name, 1);
    }
    await customerWrites({ id: 7002, name: "Cleo" }, "Any news?", 4 * DAY - 600);
    await conversationWith("Cleo", 2);
    for (const name of ["Anna", "Ben", "Cleo", "Eve", "Finn"]) await reply(name);
    for (const name of ["Anna", "Ben", "Finn"]) await setStatus(name, "resolved");
    await setStatus("Cleo", "pending");
    await customerWrites({ id: 7000, name: "Anna" }, "It came broken, I need help again", 0);
    await conversationWith("Anna", 2);
    await settled();
    await reply("Anna");
    await settled();
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("counts the week's volumes, closures, reopenings and backlog as planned", async () => {
    const volumes = await report("volumes", "cut=channel");
    expect(volumes.total.figures).toEqual({ inbound_messages: 8, conversations_created: 6 });
    expect(volumes.total.compare).toEqual({ inbound_messages: 0, conversations_created: 0 });
    expect(volumes.rows).toHaveLength(1);

    const reopen = await report("reopen_rate", "");
    expect(reopen.total.figures).toEqual({ resolved: 3, reopened: 1, rate: 1 / 3 });

    // The default policy promises a first answer within an hour: every case of the week missed it.
    const sla = await report("sla", "");
    expect(sla.total.figures).toMatchObject({ met: 0, breached: 6, first_response_met_rate: 0 });

    const backlog = await report("backlog", "");
    expect(backlog.total.figures).toEqual({ new: 1, open: 2, pending: 1, total: 4 });
    // The level before the week was zero and rose day by day.
    expect(backlog.series.figures.new[0]).toBe(0);
    // A level read from the all-time row minus later changes equals the one summed from the start.
    const midWeek = new Date((now - 3 * DAY) * 1000).toISOString().slice(0, 10);
    const mid = await admin.get(`/api/reports/backlog?from=${weekAgo}&to=${midWeek}&compare=none`);
    const day = backlog.series.slots.indexOf(`${midWeek}T00:00`);
    expect(day).toBeGreaterThan(0);
    for (const status of ["new", "open", "pending"])
      expect(mid.body.total.figures[status]).toBe(backlog.series.figures[status][day]);
  });

  it("measures response and closing times from the customers' own timestamps", async () => {
    const first = await report("first_response_time", "cut=agent");
    const { count, average } = first.total.figures;
    expect(count).toBe(5);
    // Answered today, written 6, 5, 4, 2 and 1 days ago: 3.6 days on average, plus the test's own seconds.
    expect(average).toBeGreaterThanOrEqual(3.6 * DAY);
    expect(average).toBeLessThan(3.6 * DAY + 600);
    expect(first.rows).toEqual([expect.objectContaining({ value: adminId })]);
    expect(first.rows[0].figures.count).toBe(5);

    const next = await report("next_response_time", "");
    expect(next.total.figures.count).toBe(1);
    expect(next.total.figures.average).toBeLessThan(600);

    const close = await report("time_to_close", "hours=business");
    expect(close.total.figures.count).toBe(3);
    // The default team is always open: business time equals calendar time.
    const calendar = await report("time_to_close", "hours=calendar");
    expect(close.total.figures.average).toBe(calendar.total.figures.average);
  });

  it("regroups hours into the viewer's days and keeps the same totals in any zone", async () => {
    const tokyo = await report("volumes", "tz=Asia/Tokyo&granularity=day");
    expect(tokyo.series.slots.length).toBe(9);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(tokyo.series.figures.inbound_messages)).toBe(tokyo.total.figures.inbound_messages);
    expect(tokyo.tz).toBe("Asia/Tokyo");
  });

  /** The rollup as the worker kept it, then as a rebuild from scratch leaves it. */
  async function rollupAndRebuild() {
    const { db } = app.parley.database;
    const snapshot = async () =>
      (
        (await db.execute(sql`
          SELECT dim, metric, hour, value, count::text, sum::text, histogram FROM report_hourly
          WHERE workspace_id = ${workspaceId} ORDER BY dim, metric, hour, value`)) as unknown as {
          rows: unknown[];
        }
      ).rows;
    await settled();
    const incremental = await snapshot();
    await rebuildReportRollups(db, workspaceId);
    return { incremental, rebuilt: await snapshot() };
  }

  it("gives the same rollup when rebuilt from scratch as the worker kept incrementally", async () => {
    const { incremental, rebuilt } = await rollupAndRebuild();
    expect(incremental.length).toBeGreaterThan(50);
    expect(rebuilt).toEqual(incremental);
  });

  it("refuses malformed or out-of-range parameters with a clear 400", async () => {
    for (const query of [
      `from=2026-13-01&to=${today}`,
      `from=${today}&to=${weekAgo}`,
      "from=2020-01-01&to=2026-01-01",
      `${period}&tz=Mars/Olympus`,
      `${period}&cut=mood`,
      `${period}&hours=sometimes`,
      `${period}&surprise=1`,
      `${period}&filter=abc`,
      "from=2026-01-01&to=2026-03-01&granularity=hour",
    ]) {
      const res = await admin.get(`/api/reports/volumes?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
    expect((await admin.get(`/api/reports/velocity?${period}`)).status).toBe(404);
  });

  it("exports CSV with RFC 4180 quoting and formula-safe cells", async () => {
    const res = await fetch(`${app.url}/api/reports/volumes.csv?${period}&cut=channel`, {
      headers: { cookie: admin.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).split("\r\n");
    expect(lines[0]).toBe(
      "channel,label,inbound_messages,conversations_created,inbound_messages_compare,conversations_created_compare",
    );
    expect(lines[1]).toMatch(/^[0-9a-f-]{36},'=Shop bot,8,6,0,0$/);
    expect(lines[2]).toBe(",total,8,6,0,0");
  });

  it("shows an agent only their own figures", async () => {
    const user = await admin.post("/api/users", {
      email: "agent@reports.test",
      name: "Agata",
      role: "agent",
      password: "agent-password-123",
    });
    expect(user.status).toBe(201);
    const agent = await ApiClient.login(app.url, "agent@reports.test", "agent-password-123");
    const own = await report("first_response_time", "cut=channel", agent);
    expect(own.cut).toBe("agent");
    expect(own.filter).toEqual([user.body.user?.id ?? user.body.id]);
    expect(own.total.figures.count).toBe(0);
  });

  it("queues one weekly digest per team lead and week, however often and wherever it runs", async () => {
    const { db } = app.parley.database;
    const teams = await admin.get("/api/teams");
    const lead = await admin.post("/api/users", {
      email: "lead@reports.test",
      name: "Lena",
      role: "supervisor",
      password: "lead-password-123",
      teamIds: [teams.body.items[0].id],
    });
    expect(lead.status).toBe(201);
    const nextWeek = new Date(Date.now() + 7 * DAY * 1000);
    // Two workers at once, then a restart: still one e-mail.
    const sent = await Promise.all([sendWeeklyDigests(db, nextWeek), sendWeeklyDigests(db, nextWeek)]);
    expect(sent[0] + sent[1]).toBe(1);
    expect(await sendWeeklyDigests(db, nextWeek)).toBe(0);
    const queued = (
      (await db.execute(sql`
        SELECT payload FROM outbound_webhooks WHERE url = 'mailto:lead@reports.test'`)) as unknown as {
        rows: { payload: Record<string, string> }[];
      }
    ).rows;
    expect(queued).toHaveLength(1);
    const { from, to } = lastCompleteWeek(nextWeek);
    expect(queued[0]!.payload.text).toBe(`Weekly report for Support: ${from} to ${to}`);
    expect(queued[0]!.payload["Conversations created"]).toMatch(/^\d+ \(week before: \d+\)$/);
    // Every case of the simulated week lies before the end of the reported week: the backlog is today's.
    expect(queued[0]!.payload["Backlog at the end of the week"]).toMatch(/^4 \(week before: \d+\)$/);
  });

  it("reports CSAT, NPS and sentiment corrections per team, agent and language, and rebuilds them exactly", async () => {
    const { db } = app.parley.database;
    const teamId = (await admin.get("/api/teams")).body.items[0].id as string;
    const surveyed = async (name: string, person: Customer, kind: "csat" | "nps", button: string) => {
      const settings = await admin.request("PUT", "/api/surveys/settings", {
        enabled: true,
        kind,
        delaySeconds: 0,
        lowScoreAction: "follow_up",
      });
      expect(settings.status).toBe(200);
      await customerWrites(person, `Where is my order, ${name} here`, 60);
      conversationOf[name] = await conversationWith(name, 1);
      // Triage routes the case to its team before the agent answers, as the figures by team expect. Under load it can
      // lag behind the answer, and routing leaves a case someone has already taken where it is.
      await settled();
      await reply(name);
      await setStatus(name, "resolved");
      await waitFor(
        async () => sim.telegram.sentTo(BOT.token, person.id).some((m) => m.reply_markup),
        20_000,
        `${name}'s survey`,
      );
      await sim.telegram.pressButton(BOT.token, { id: person.id, firstName: person.name }, button);
      // Triage took every step of the case without a failure (one set aside would leave the case without its team).
      const failed = (await db.execute(sql`
        SELECT type, error FROM conversation_events
        WHERE conversation_id = ${conversationOf[name]} AND error IS NOT NULL`)) as unknown as {
        rows: { type: string; error: string }[];
      };
      expect(failed.rows).toEqual([]);
      return waitFor(
        async () => {
          const rows = (await db.execute(sql`
            SELECT score, assignee_id FROM surveys
            WHERE conversation_id = ${conversationOf[name]} AND status = 'answered'`)) as unknown as {
            rows: { score: number; assignee_id: string | null }[];
          };
          return rows.rows[0] ?? null;
        },
        20_000,
        `${name}'s answer`,
      );
    };
    const gus = await surveyed("Gus", { id: 7100, name: "Gus" }, "csat", "4");
    expect(gus.score).toBe(4);
    const hana = await surveyed("Hana", { id: 7101, name: "Hana" }, "nps", "9");
    expect(hana.score).toBe(9);
    // An agent disagrees with the model about Gus's message.
    const messages = await admin.get(`/api/conversations/${conversationOf.Gus}/messages`);
    const judged = (
      messages.body.items as { id: string; direction: string; sentiment: { label: string } }[]
    ).find((m) => m.direction === "in" && m.sentiment)!;
    const other = judged.sentiment.label === "negative" ? "positive" : "negative";
    const corrected = await admin.post(
      `/api/conversations/${conversationOf.Gus}/messages/${judged.id}/sentiment`,
      { sentiment: other },
    );
    expect(corrected.status).toBe(200);
    // The case moves to another agent after the answer: the answer stays with who had it at resolution.
    const mara = await admin.post("/api/users", {
      email: "mara@reports.test",
      name: "Mara",
      role: "agent",
      password: "mara-password-123",
    });
    expect(mara.status).toBe(201);
    const maraId = (mara.body.user?.id ?? mara.body.id) as string;
    expect(maraId).not.toBe(gus.assignee_id);
    const moved = await admin.post(`/api/conversations/${conversationOf.Gus}/assign`, { assigneeId: maraId });
    expect(moved.status).toBe(200);
    await settled();

    const csat = await report("csat", "cut=team");
    expect(csat.total.figures).toEqual({ responses: 1, average_score: 4, satisfied_share: 1 });
    expect(csat.total.compare).toEqual({ responses: 0, average_score: null, satisfied_share: null });
    expect(csat.rows).toEqual([expect.objectContaining({ value: teamId })]);
    // Credited to the agent the case had at resolution, as the survey recorded it.
    const csatByAgent = await report("csat", "cut=agent");
    expect(csatByAgent.rows).toEqual([
      expect.objectContaining({ value: gus.assignee_id ?? "", figures: csat.total.figures }),
    ]);
    expect((await report("csat", "cut=channel")).rows).toHaveLength(1);

    const nps = await report("nps", "cut=channel");
    expect(nps.total.figures).toEqual({
      responses: 1,
      promoters: 1,
      passives: 0,
      detractors: 0,
      nps_score: 100,
    });

    // The rollup agrees with the direct query over the messages (GET /api/sentiment/disagreement).
    const direct = (await admin.get("/api/sentiment/disagreement")).body;
    expect(direct.disagreed).toBe(1);
    const sentiment = await report("sentiment_corrections", "cut=language");
    expect(sentiment.total.figures).toEqual({
      judged: direct.judged,
      corrected: 1,
      rate: 1 / direct.judged,
    });
    expect(sentiment.rows).toContainEqual(
      expect.objectContaining({ value: "en", figures: expect.objectContaining({ corrected: 1 }) }),
    );

    const csv = await fetch(`${app.url}/api/reports/csat.csv?${period}&cut=team`, {
      headers: { cookie: admin.cookie },
    });
    expect((await csv.text()).split("\r\n")[0]).toBe(
      "team,label,responses,average_score,satisfied_share,responses_compare,average_score_compare,satisfied_share_compare",
    );

    const { incremental, rebuilt } = await rollupAndRebuild();
    expect(incremental.some((row) => (row as { metric: string }).metric === "csat.responses")).toBe(true);
    expect(rebuilt).toEqual(incremental);
  });
});
