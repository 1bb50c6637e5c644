import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTriageDefaults } from "../../src/triage/triageDefaults.ts";
import { ApiClient } from "../support/apiClient.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000001";

interface Row {
  [key: string]: unknown;
}

describe.each(dbTargets())("Triage administration on $name", (target) => {
  let app: TestParley;
  let admin: ApiClient;
  let webhookUrl: string;
  let update = 0;

  const rows = async (query: ReturnType<typeof sql>): Promise<Row[]> =>
    ((await app.parley.database.db.execute(query)) as unknown as { rows: Row[] }).rows;

  /** A customer writes to the Telegram bot; resolves once the conversation is in the inbox. */
  async function customerWrites(chatId: number, text: string): Promise<string> {
    update++;
    const res = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "triage-s3cret" },
      body: JSON.stringify({
        update_id: update,
        message: {
          message_id: update,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: "private", first_name: `Customer${chatId}` },
          from: { id: chatId, is_bot: false, first_name: `Customer${chatId}` },
          text,
        },
      }),
    });
    expect(res.status).toBe(200);
    const found = await waitFor(
      async () => {
        const list = await admin.get(`/api/conversations?q=${encodeURIComponent(text)}`);
        return list.body.items[0] as { id: string } | undefined;
      },
      15_000,
      `conversation "${text}"`,
    );
    return found.id;
  }

  async function signUpAgent(email: string): Promise<{ id: string; client: ApiClient }> {
    const created = await admin.post("/api/users", {
      email,
      name: email.split("@")[0],
      role: "agent",
      password: "agent-password-1",
    });
    expect(created.status).toBe(201);
    return { id: created.body.id, client: await ApiClient.login(app.url, email, "agent-password-1") };
  }

  beforeAll(async () => {
    app = await startTestParley(target);
    admin = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    // A closed port as the platform API: replies fail, but webhooks still bring customers in.
    const channel = await admin.post("/api/channels", {
      platform: "telegram",
      name: "Triage admin bot",
      settings: { botToken: "1:x", webhookSecret: "triage-s3cret", mode: "webhook" },
      apiBaseUrl: "http://127.0.0.1:9",
    });
    expect(channel.status).toBe(201);
    webhookUrl = channel.body.webhookUrl;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("seeds the workspace with nine categories, a one-hour first-response policy and settings, once", async () => {
    const categories = await admin.get("/api/categories");
    expect(categories.status).toBe(200);
    expect(categories.body.items.map((c: { key: string }) => c.key)).toEqual([
      "delivery",
      "returns",
      "payment",
      "bonus",
      "product_question",
      "complaint",
      "praise",
      "spam",
      "other",
    ]);
    const delivery = categories.body.items[0];
    expect(Object.keys(delivery.names).sort()).toEqual(["en", "lv", "pl", "ru"]);
    expect(delivery.keywords.ru.length).toBeGreaterThan(0);

    const policies = await admin.get("/api/sla-policies");
    expect(policies.body.items).toEqual([
      expect.objectContaining({
        name: "First response within an hour",
        teamId: null,
        priority: null,
        firstResponseSeconds: 3600,
        warningRatio: 0.8,
        enabled: true,
      }),
    ]);
    const settings = await admin.get("/api/triage/settings");
    expect(settings.body).toMatchObject({
      escalationKeywords: null,
      bot: { enabled: true, minConfidence: 0.75 },
      alertWebhookUrl: null,
    });
    expect(settings.body.updatedAt).not.toBeNull();
    expect(settings.body.defaults.escalationKeywords).toContain("lawyer");

    // A restart runs the seeding again: nothing is added twice, and a deleted category stays deleted.
    const spam = categories.body.items.find((c: { key: string }) => c.key === "spam");
    expect((await admin.request("DELETE", `/api/categories/${spam.id}`)).status).toBe(204);
    expect(await ensureTriageDefaults(app.parley.database.db, app.parley.bootstrap.workspaceId)).toBe(false);
    expect((await admin.get("/api/categories")).body.items).toHaveLength(8);
    expect((await admin.get("/api/sla-policies")).body.items).toHaveLength(1);
    const restored = await admin.post("/api/categories", {
      key: "spam",
      names: { en: "Spam", ru: "Спам", pl: "Spam", lv: "Mēstules" },
      keywords: { en: ["casino", "Casino", "crypto"] },
    });
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({ name: "Spam", keywords: { en: ["casino", "crypto"] } });
  });

  it("refuses bad business hours with every problem listed, and keeps good ones", async () => {
    const bad = await admin.post("/api/teams", {
      name: "Night owls",
      businessHours: {
        timeZone: "Mars/Olympus_Mons",
        weekly: { monday: ["9-18"], funday: ["10:00-12:00"] },
        holidays: [{ date: "2026-13-40" }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_business_hours");
    expect(bad.body.error.details.problems).toEqual(
      expect.arrayContaining([
        'unknown time zone "Mars/Olympus_Mons"',
        'unknown weekday "funday"',
        'monday: "9-18" is not a span like "09:00-18:00"',
        'holiday "2026-13-40" is not a date like "2026-12-24"',
      ]),
    );
    expect(bad.body.error.message).toContain("Mars/Olympus_Mons");
    expect(
      (await admin.get("/api/teams")).body.items.some((t: { name: string }) => t.name === "Night owls"),
    ).toBe(false);

    const hours = {
      timeZone: "Europe/Riga",
      weekly: { monday: ["09:00-18:00"], tuesday: ["09:00-18:00"], saturday: ["10:00-14:00"] },
      holidays: [{ date: "2026-12-24", hours: ["09:00-12:00"] }, { date: "2026-12-25" }],
    };
    const team = await admin.post("/api/teams", {
      name: "Riga desk",
      description: "Latvian customers",
      businessHours: hours,
      assignmentStrategy: "least_loaded",
    });
    expect(team.status).toBe(201);
    expect(team.body).toMatchObject({
      name: "Riga desk",
      assignmentStrategy: "least_loaded",
      businessHours: hours,
    });
    const closedMonday = await admin.request("PATCH", `/api/teams/${team.body.id}`, {
      businessHours: { timeZone: "Europe/Riga", weekly: { monday: [] } },
    });
    expect(closedMonday.status).toBe(400);
    expect(closedMonday.body.error.details.problems).toEqual(["the weekly schedule has no opening hours"]);
    const members = await admin.request("PUT", `/api/teams/${team.body.id}/members`, {
      userIds: [app.parley.bootstrap.adminId],
    });
    expect(members.status).toBe(200);
    const listed = (await admin.get("/api/teams")).body.items.find(
      (t: { id: string }) => t.id === team.body.id,
    );
    expect(listed).toMatchObject({ memberIds: [app.parley.bootstrap.adminId], businessHours: hours });
    const unknownMember = await admin.request("PUT", `/api/teams/${team.body.id}/members`, {
      userIds: [UNKNOWN_ID],
    });
    expect(unknownMember.status).toBe(400);
    expect(unknownMember.body.error.code).toBe("unknown_user");
    const audit = await rows(sql`SELECT action FROM audit_log WHERE target_id = ${team.body.id} ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(["team.created", "team.members_changed"]);
  });

  it("refuses a routing rule to an unknown team or category, and keeps the order it is given", async () => {
    const toNowhere = await admin.post("/api/routing-rules", {
      name: "Lost",
      teamId: UNKNOWN_ID,
      conditions: { categories: ["delivery"] },
    });
    expect(toNowhere.status).toBe(400);
    expect(toNowhere.body.error.code).toBe("invalid_routing_rule");
    expect(toNowhere.body.error.message).toContain(`Team "${UNKNOWN_ID}" does not exist`);

    const team = (await admin.post("/api/teams", { name: "Router test" })).body;
    const badCondition = await admin.post("/api/routing-rules", {
      name: "Odd",
      teamId: team.id,
      conditions: { categories: ["teleportation"], platforms: ["myspace"] },
    });
    expect(badCondition.status).toBe(400);
    expect(badCondition.body.error.details.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("myspace"),
        'Category "teleportation" does not exist.',
      ]),
    );

    const first = await admin.post("/api/routing-rules", {
      name: "Everything",
      teamId: team.id,
      conditions: {},
    });
    const second = await admin.post("/api/routing-rules", {
      name: "Payments",
      teamId: team.id,
      conditions: { categories: ["payment"] },
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    // A catch-all ahead of a narrower rule makes that rule dead: saved, but the editor is told.
    expect(second.body.warnings.join(" ")).toContain("never applies");
    const reordered = await admin.request("PUT", "/api/routing-rules/order", {
      ids: [second.body.id, first.body.id],
    });
    expect(reordered.status).toBe(200);
    expect(reordered.body.items.map((r: { name: string }) => r.name)).toEqual(["Payments", "Everything"]);
    expect(reordered.body.warnings).toEqual([]);
    const partial = await admin.request("PUT", "/api/routing-rules/order", { ids: [first.body.id] });
    expect(partial.status).toBe(400);
    expect(partial.body.error.code).toBe("invalid_order");

    // A category a rule routes on cannot be deleted out from under it.
    const payment = (await admin.get("/api/categories")).body.items.find(
      (c: { key: string }) => c.key === "payment",
    );
    const inUse = await admin.request("DELETE", `/api/categories/${payment.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.message).toContain("Payments");
  });

  it("validates SLA policies: positive targets, a sensible warning ratio, an escalation team that exists", async () => {
    const zero = await admin.post("/api/sla-policies", { name: "Instant", firstResponseSeconds: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.error.message).toContain("firstResponseSeconds");
    const ratio = await admin.post("/api/sla-policies", {
      name: "Urgent",
      priority: "urgent",
      firstResponseSeconds: 600,
      warningRatio: 1.5,
      escalation: { teamId: UNKNOWN_ID },
    });
    expect(ratio.status).toBe(400);
    expect(ratio.body.error.code).toBe("invalid_sla_policy");
    expect(ratio.body.error.details.problems).toEqual([
      "first response: the warning ratio must be above 0 and at most 1",
      `escalation team ${UNKNOWN_ID} does not exist in this workspace`,
    ]);
    const escalations = (await admin.post("/api/teams", { name: "SLA escalations" })).body;
    const urgent = await admin.post("/api/sla-policies", {
      name: "Urgent",
      priority: "urgent",
      firstResponseSeconds: 600,
      resolutionSeconds: 4 * 3600,
      warningRatio: 0.5,
      escalation: { teamId: escalations.id, raisePriority: "urgent" },
    });
    expect(urgent.status).toBe(201);
    const twin = await admin.post("/api/sla-policies", {
      name: "Urgent again",
      priority: "urgent",
      firstResponseSeconds: 300,
    });
    expect(twin.status).toBe(400);
    expect(twin.body.error.message).toContain('"Urgent" already covers the same team and priority');
    const patched = await admin.request("PATCH", `/api/sla-policies/${urgent.body.id}`, {
      warningRatio: 0.9,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.warningRatio).toBe(0.9);
    // The team is the policy's escalation target: deleting it would strand the escalation.
    const busy = await admin.request("DELETE", `/api/teams/${escalations.id}`);
    expect(busy.status).toBe(409);
    expect(busy.body.error.details.usedBy).toEqual(["Urgent"]);
  });

  it("refuses an automation rule with a bad webhook URL and an enabled rule that triggers itself", async () => {
    const ftp = await admin.post("/api/automation-rules", {
      name: "Tell the CRM",
      event: "message_received",
      actions: [{ type: "call_webhook", url: "ftp://crm.example.test/hook" }],
    });
    expect(ftp.status).toBe(400);
    expect(ftp.body.error.message).toContain("Webhook URL must use http or https, not ftp");

    const reopen = {
      name: "Reopen on every change",
      event: "status_changed",
      actions: [{ type: "set_status", status: "open" }],
    };
    const enabled = await admin.post("/api/automation-rules", { ...reopen, enabled: true });
    expect(enabled.status).toBe(400);
    expect(enabled.body.error.code).toBe("rule_loops");
    expect(enabled.body.error.details.loopWarnings[0]).toContain("it would loop");

    // Saved disabled, the rule is kept with its warnings, and enabling it later is refused the same way.
    const draft = await admin.post("/api/automation-rules", reopen);
    expect(draft.status).toBe(201);
    expect(draft.body.enabled).toBe(false);
    expect(draft.body.loopWarnings).toHaveLength(1);
    const enable = await admin.request("PATCH", `/api/automation-rules/${draft.body.id}`, { enabled: true });
    expect(enable.status).toBe(400);
    expect(enable.body.error.code).toBe("rule_loops");
    const fixed = await admin.request("PATCH", `/api/automation-rules/${draft.body.id}`, {
      enabled: true,
      conditions: [{ field: "status", operator: "not_equals", value: "open" }],
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ enabled: true, loopWarnings: [] });
    // Off again, so it cannot act on the conversations later tests bring in.
    expect(
      (await admin.request("PATCH", `/api/automation-rules/${draft.body.id}`, { enabled: false })).status,
    ).toBe(200);

    const unknownTeam = await admin.post("/api/automation-rules", {
      name: "To nowhere",
      event: "sla_breached",
      actions: [{ type: "assign_team", teamId: UNKNOWN_ID }],
    });
    expect(unknownTeam.status).toBe(400);
    expect(unknownTeam.body.error.message).toContain(`team ${UNKNOWN_ID} does not exist`);

    const runs = await admin.get(`/api/automation-rules/${draft.body.id}/runs`);
    expect(runs.status).toBe(200);
    expect(runs.body.items).toEqual([]);
    const audit = await rows(
      sql`SELECT action FROM audit_log WHERE target_id = ${draft.body.id} ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      "automation_rule.created",
      "automation_rule.updated",
      "automation_rule.updated",
    ]);
  });

  it("dry-runs a rule against recent conversations, matching the right ones and changing nothing", async () => {
    const refundA = await customerWrites(91001, "I still want my refund for order 4411");
    const refundB = await customerWrites(91002, "Where is the REFUND? It has been weeks");
    const other = await customerWrites(91003, "What time does the Riga store open on Sunday?");
    const before = await rows(sql`SELECT count(*)::int AS n FROM automation_runs`);

    const rule = {
      name: "Refunds to the top",
      event: "message_received",
      conditions: [
        { field: "text", operator: "contains", value: ["refund", "return my money"] },
        { field: "platform", operator: "equals", value: "telegram" },
      ],
      actions: [
        { type: "add_label", label: "dry-run-probe" },
        { type: "set_status", status: "resolved" },
      ],
    };
    const dry = await admin.post("/api/automation-rules/dry-run", { rule, limit: 50 });
    expect(dry.status).toBe(200);
    expect(dry.body.checked).toBeGreaterThanOrEqual(3);
    expect(dry.body.matched.map((m: { conversationId: string }) => m.conversationId).sort()).toEqual(
      [refundA, refundB].sort(),
    );
    const match = dry.body.matched.find((m: { conversationId: string }) => m.conversationId === refundA);
    expect(match.contactName).toBe("Customer91001");
    expect(match.actionsPreview).toEqual(['adds the label "dry-run-probe"', 'sets status to "resolved"']);
    expect(match.changes.status.to).toBe("resolved");
    const miss = dry.body.notMatched.find((m: { conversationId: string }) => m.conversationId === other);
    expect(miss.failed[0]).toContain("message text contains");
    expect(dry.body.loopWarnings).toEqual([]);

    // Nothing was written: no labels, no status, no run log, no rule.
    const touched = await rows(
      sql`SELECT id FROM conversations WHERE id IN (${refundA}, ${refundB}, ${other})
        AND (labels @> '["dry-run-probe"]'::jsonb OR status = 'resolved')`,
    );
    expect(touched).toEqual([]);
    expect(await rows(sql`SELECT count(*)::int AS n FROM automation_runs`)).toEqual(before);
    expect(
      (await admin.get("/api/automation-rules")).body.items.some(
        (r: { name: string }) => r.name === rule.name,
      ),
    ).toBe(false);

    // Limit 1 checks only the newest conversation; a limited dry run is still honest about what it checked.
    const one = await admin.post("/api/automation-rules/dry-run", { rule, limit: 1 });
    expect(one.body.checked).toBe(1);

    // A saved rule runs as stored, and loop warnings come back without refusing the dry run.
    const saved = await admin.post("/api/automation-rules", {
      name: "Reopen resolved",
      event: "status_changed",
      actions: [{ type: "set_status", status: "open" }],
    });
    const savedDry = await admin.post("/api/automation-rules/dry-run", { ruleId: saved.body.id });
    expect(savedDry.status).toBe(200);
    expect(savedDry.body.loopWarnings[0]).toContain("it would loop");
    const broken = await admin.post("/api/automation-rules/dry-run", {
      rule: { ...rule, event: "sla_breached" },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toContain("sla_breached carries no message");
  });

  it("lets an agent read teams and categories and set their own availability, but edit nothing", async () => {
    const { id, client: agent } = await signUpAgent("triage-agent@example.test");
    const people = async () =>
      (await admin.get("/api/users")).body.items.find((u: { id: string }) => u.id === id) as {
        availability: string;
      };
    expect((await people()).availability).toBe("online");

    expect((await agent.get("/api/teams")).status).toBe(200);
    expect((await agent.get("/api/categories")).body.items.length).toBeGreaterThan(0);
    const team = (await admin.get("/api/teams")).body.items[0];
    const category = (await admin.get("/api/categories")).body.items[0];
    const refusals = await Promise.all([
      agent.post("/api/teams", { name: "Agents only" }),
      agent.request("PATCH", `/api/teams/${team.id}`, { name: "Renamed" }),
      agent.request("PUT", `/api/teams/${team.id}/members`, { userIds: [id] }),
      agent.post("/api/categories", { key: "agent_made" }),
      agent.request("DELETE", `/api/categories/${category.id}`),
      agent.post("/api/routing-rules", { name: "Mine", teamId: team.id, conditions: {} }),
      agent.post("/api/sla-policies", { name: "Lax", firstResponseSeconds: 86_400 }),
      agent.post("/api/automation-rules", {
        name: "x",
        event: "sla_breached",
        actions: [{ type: "add_label", label: "x" }],
      }),
      agent.request("PUT", "/api/triage/settings", { brandName: "Agent Inc" }),
      agent.request("PATCH", `/api/users/${id}`, { capacity: 200 }),
    ]);
    expect(refusals.map((r) => r.status)).toEqual(Array(refusals.length).fill(403));
    expect(refusals[0]!.body.error.message).toBe("Only supervisors and admins manage teams");
    expect((await agent.get("/api/triage/settings")).status).toBe(403);
    expect((await admin.get("/api/triage/settings")).body.brandName).toBe("");

    const away = await agent.request("PUT", "/api/me/availability", { availability: "away" });
    expect(away.status).toBe(200);
    expect((await people()).availability).toBe("away");
    expect((await agent.get("/api/me")).body.user.availability).toBe("away");
    const nonsense = await agent.request("PUT", "/api/me/availability", { availability: "asleep" });
    expect(nonsense.status).toBe(400);
    expect((await agent.post("/api/auth/logout")).status).toBe(204);
    expect((await people()).availability).toBe("offline");
  });

  it("shows a capacity change and the open conversations in the users list", async () => {
    const { id } = await signUpAgent("capacity-agent@example.test");
    const conversationId = await customerWrites(91010, "Please call me back about my bonus points");
    expect((await admin.post(`/api/conversations/${conversationId}/assign`, { assigneeId: id })).status).toBe(
      200,
    );
    const tooMuch = await admin.request("PATCH", `/api/users/${id}`, { capacity: 201 });
    expect(tooMuch.status).toBe(400);
    const changed = await admin.request("PATCH", `/api/users/${id}`, { capacity: 25 });
    expect(changed.status).toBe(200);
    const listed = (await admin.get("/api/users")).body.items.find((u: { id: string }) => u.id === id);
    expect(listed).toMatchObject({
      capacity: 25,
      availability: "online",
      openConversations: 1,
      role: "agent",
    });
    const audit = await rows(
      sql`SELECT details FROM audit_log WHERE action = 'user.updated' AND target_id = ${id}`,
    );
    expect(audit).toEqual([{ details: { capacity: 25 } }]);
  });

  it("validates triage settings: webhook URL, bot confidence, community rules", async () => {
    const ftp = await admin.request("PUT", "/api/triage/settings", {
      alertWebhookUrl: "ftp://alerts.example.test",
    });
    expect(ftp.status).toBe(400);
    expect(ftp.body.error.message).toContain("http or https");
    const shy = await admin.request("PUT", "/api/triage/settings", { bot: { minConfidence: 0.3 } });
    expect(shy.status).toBe(400);
    expect(shy.body.error.message).toContain("bot.minConfidence");
    const saved = await admin.request("PUT", "/api/triage/settings", {
      escalationKeywords: ["ombudsman", "ombudsman", "regulator"],
      highReach: 5000,
      bot: { minConfidence: 0.9, reviewRate: 0.5 },
      alertWebhookUrl: "https://alerts.example.test/parley",
      brandName: "Nordmart",
    });
    expect(saved.status).toBe(200);
    expect((await admin.get("/api/triage/settings")).body).toMatchObject({
      escalationKeywords: ["ombudsman", "regulator"],
      highReach: 5000,
      bot: { enabled: true, minConfidence: 0.9, answerPublic: false, reviewRate: 0.5 },
      alertWebhookUrl: "https://alerts.example.test/parley",
      brandName: "Nordmart",
    });
    const reset = await admin.request("PUT", "/api/triage/settings", { escalationKeywords: null });
    expect(reset.body).toMatchObject({ escalationKeywords: null, highReach: 5000 });

    const deleting = await admin.request("PUT", "/api/triage/settings", {
      communityRules: { profanity: "delete", colour: "red" },
    });
    expect(deleting.status).toBe(400);
    expect(deleting.body.error.code).toBe("invalid_community_rules");
    expect(deleting.body.error.details.problems).toEqual([
      'unknown setting "colour"',
      'profanity must be "hide", "review" or "off", not "delete"',
    ]);
    const rules = await admin.request("PUT", "/api/triage/settings", {
      communityRules: { spam: "review", allowedDomains: ["nordmart.lv"] },
    });
    expect(rules.status).toBe(200);
    expect(rules.body.communityRules).toEqual({ spam: "review", allowedDomains: ["nordmart.lv"] });
  });
});
