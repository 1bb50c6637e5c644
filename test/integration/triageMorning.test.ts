import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import { startMailReceiver } from "../support/mailReceiver.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  freePort,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const BOT = { token: "555000222:morning-token", username: "shop_help_bot", firstName: "Shop Help" };
const SECRET = "morning-secret";
const PASSWORD = "agent-password-123";
const MINUTE = 60;

interface Conversation {
  id: string;
  contact: { displayName: string };
  category: { key: string } | null;
  team: { id: string; name: string } | null;
  assignee: { id: string; name: string } | null;
  priority: string;
  priorityReasons: { kind: string }[];
  queuedAt: string | null;
  status: string;
  awaitingReply: boolean;
  sla: {
    metric: string;
    state: string;
    phase: string;
    targetSeconds: number;
    elapsedSeconds: number;
    dueAt: string | null;
    warningAt: string | null;
    stoppedAt: string | null;
  }[];
}

/** A local receiver for the workspace's alert webhook. */
async function startAlertReceiver() {
  const received: Record<string, unknown>[] = [];
  const port = await freePort();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(dbTargets())("A simulated morning of triage on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let admin: ApiClient;
  let webhookUrl: string;
  let alerts: Awaited<ReturnType<typeof startAlertReceiver>>;
  let mail: Awaited<ReturnType<typeof startMailReceiver>>;
  const agents: Record<string, { id: string; api: ApiClient }> = {};
  const teams: Record<string, string> = {};
  let updateId = 1;
  let messageId = 1;
  const nowSeconds = Math.floor(Date.now() / 1000);

  /** A customer's Telegram message, dated `minutesAgo` before the test started, as Telegram posts it. */
  async function customerWrites(
    person: { id: number; name: string; lang: string },
    text: string,
    minutesAgo: number,
  ) {
    const date = nowSeconds - minutesAgo * MINUTE;
    const update = {
      update_id: updateId++,
      message: {
        message_id: messageId++,
        date,
        chat: { id: person.id, type: "private", first_name: person.name },
        from: { id: person.id, is_bot: false, first_name: person.name, language_code: person.lang },
        text,
      },
    };
    const res = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    return date;
  }

  /** Waits until triage has had its say: routed and then assigned, queued, or left for a person to pick. */
  async function triaged(name: string, settled: (c: Conversation) => boolean): Promise<Conversation> {
    return waitFor(
      async () => {
        const list = await admin.get("/api/conversations?limit=100");
        const found = (list.body.items as Conversation[]).find((c) => c.contact.displayName === name);
        return found && found.sla.length > 0 && settled(found) ? found : null;
      },
      20_000,
      `triage of ${name}`,
    );
  }

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeoutStallMs: 300 });
    sim.telegram.addBot(BOT);
    alerts = await startAlertReceiver();
    mail = await startMailReceiver();
    app = await startTestParley(target, { workerOptions: { slaSweepIntervalMs: 200 }, smtpUrl: mail.url });
    admin = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const channel = await admin.post("/api/channels", {
      platform: "telegram",
      name: "Shop bot",
      settings: { botToken: BOT.token, webhookSecret: SECRET, mode: "webhook", botUsername: BOT.username },
      apiBaseUrl: sim.url,
    });
    expect(channel.status).toBe(201);
    webhookUrl = channel.body.webhookUrl;

    for (const [name, strategy] of [
      ["Fast lane", "round_robin"],
      ["Escalations", "least_loaded"],
    ] as const) {
      const team = await admin.post("/api/teams", { name, assignmentStrategy: strategy });
      expect(team.status).toBe(201);
      teams[name] = team.body.team?.id ?? team.body.id;
    }
    for (const [email, name, team] of [
      ["olga@shop.test", "Olga", "Fast lane"],
      ["piotr@shop.test", "Piotr", "Fast lane"],
      ["sandra@shop.test", "Sandra", "Escalations"],
    ] as const) {
      const user = await admin.post("/api/users", {
        email,
        name,
        role: "agent",
        password: PASSWORD,
        teamIds: [teams[team]],
      });
      expect(user.status).toBe(201);
      const id = user.body.user?.id ?? user.body.id;
      expect((await admin.request("PATCH", `/api/users/${id}`, { capacity: 2 })).status).toBe(200);
      // Signing in puts an agent online: only online agents get conversations.
      agents[name] = { id, api: await ApiClient.login(app.url, email, PASSWORD) };
    }
    // First match wins: anything urgent goes to escalations whatever it is about.
    for (const [teamName, conditions] of [
      ["Escalations", { priorities: ["urgent"] }],
      ["Fast lane", { categories: ["delivery", "returns", "payment", "bonus"] }],
      ["Escalations", { categories: ["complaint"] }],
    ] as const) {
      const rule = await admin.post("/api/routing-rules", {
        name: `${teamName}: ${JSON.stringify(conditions)}`,
        teamId: teams[teamName],
        conditions,
      });
      expect(rule.status).toBe(201);
    }
    // Urgent cases in escalations are promised within 15 minutes.
    const policy = await admin.post("/api/sla-policies", {
      name: "Urgent escalations",
      teamId: teams.Escalations,
      priority: "urgent",
      firstResponseSeconds: 15 * MINUTE,
    });
    expect(policy.status).toBe(201);
    // With a knowledge base the FAQ bot is at work: it must step aside for everything this morning brings.
    const article = await admin.post("/api/playbook/articles", {
      title: "Сколько стоит доставка?",
      body: "Доставка стоит 3 евро, от 50 евро бесплатно.",
      language: "ru",
      categoryKey: "delivery",
      published: true,
    });
    expect(article.status).toBe(201);
    const settings = await admin.get("/api/triage/settings");
    const saved = await admin.request("PUT", "/api/triage/settings", {
      ...settings.body,
      alertWebhookUrl: alerts.url,
      alertEmails: ["duty@shop.test"],
    });
    expect(saved.status).toBe(200);
  });

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
    await alerts?.stop();
    await mail?.stop();
  });

  it("routes each message to its team, assigns round robin under capacity, and queues the rest", async () => {
    const fastLane = [
      [{ id: 9001, name: "Анна", lang: "ru" }, "Где моя посылка? Курьер так и не приехал", 50],
      [{ id: 9002, name: "Kasia", lang: "pl" }, "Chcę zwrócić buty, jak wymienić rozmiar?", 40],
      [{ id: 9003, name: "Jānis", lang: "lv" }, "Kur ir mana paka? Pasūtījums nav piegādāts", 35],
      [
        { id: 9004, name: "Tom", lang: "en" },
        "I was charged twice for my order, please refund the payment",
        30,
      ],
    ] as const;
    const assignees: string[] = [];
    for (const [person, text, minutesAgo] of fastLane) {
      const sentAt = await customerWrites(person, text, minutesAgo);
      const conversation = await triaged(person.name, (c) => c.assignee !== null);
      expect(conversation.team?.name).toBe("Fast lane");
      assignees.push(conversation.assignee!.name);
      // Exact to the second: a first answer is due one hour after the customer wrote (always-open team).
      const first = conversation.sla.find((clock) => clock.metric === "first_response")!;
      expect(first.targetSeconds).toBe(3600);
      expect(Date.parse(first.dueAt!)).toBe((sentAt + 3600) * 1000);
      expect(Date.parse(first.warningAt!)).toBe((sentAt + 2880) * 1000);
    }
    const categories = await admin.get("/api/conversations?limit=100");
    const byName = new Map((categories.body.items as Conversation[]).map((c) => [c.contact.displayName, c]));
    expect(byName.get("Анна")?.category?.key).toBe("delivery");
    expect(byName.get("Kasia")?.category?.key).toBe("returns");
    expect(byName.get("Jānis")?.category?.key).toBe("delivery");
    expect(byName.get("Tom")?.category?.key).toBe("payment");
    // Round robin: two each, alternating.
    expect(assignees.filter((name) => name === "Olga")).toHaveLength(2);
    expect(assignees.filter((name) => name === "Piotr")).toHaveLength(2);
    expect(assignees[0]).not.toBe(assignees[1]);

    // Both fast-lane agents hold two open conversations: the fifth waits in the queue.
    await customerWrites({ id: 9005, name: "Irina", lang: "ru" }, "Когда будет доставка моего заказа?", 20);
    const queued = await triaged("Irina", (c) => c.queuedAt !== null);
    expect(queued.assignee).toBeNull();
    expect(queued.team?.name).toBe("Fast lane");
    const queue = await admin.get(`/api/conversations?queued=true`);
    expect(queue.body.items.map((c: Conversation) => c.contact.displayName)).toEqual(["Irina"]);
  });

  it("makes a legal threat urgent, hands it to escalations and alerts at the breach, to the second", async () => {
    const sentAt = await customerWrites(
      { id: 9006, name: "Пётр", lang: "ru" },
      "Это возмутительно! Третий раз пишу, деньги не вернули. Подам в суд и напишу в прокуратуру.",
      20,
    );
    const conversation = await triaged("Пётр", (c) => c.assignee !== null);
    expect(conversation.priority).toBe("urgent");
    expect(conversation.priorityReasons.map((r) => r.kind)).toContain("escalation_keyword");
    expect(conversation.team?.name).toBe("Escalations");
    expect(conversation.assignee?.name).toBe("Sandra");
    const first = conversation.sla.find((clock) => clock.metric === "first_response")!;
    expect(first.targetSeconds).toBe(15 * MINUTE);
    expect(Date.parse(first.dueAt!)).toBe((sentAt + 15 * MINUTE) * 1000);

    // Written 20 minutes ago against a 15-minute promise: breached at sentAt + 900, announced by the sweep.
    const alert = await waitFor(
      async () =>
        alerts.received.find((a) => a.type === "sla.breached" && a.conversationId === conversation.id),
      20_000,
      "the breach alert webhook",
    );
    expect(alert.at).toBe(new Date((sentAt + 15 * MINUTE) * 1000).toISOString());
    expect(alert.metric).toBe("first_response");
    const sandraSees = await waitFor(
      async () => {
        const notes = await agents.Sandra!.api.get("/api/notifications");
        return notes.body.items.find(
          (n: { kind: string; conversationId: string }) =>
            n.kind === "sla_breached" && n.conversationId === conversation.id,
        );
      },
      10_000,
      "Sandra's breach notification",
    );
    expect(sandraSees.text).toContain("SLA breached");
    // The duty inbox hears of a breach by e-mail too.
    const email = await waitFor(
      async () => mail.received.find((m) => m.body.includes(conversation.id)),
      20_000,
      "the breach e-mail",
    );
    expect(email.to).toBe("duty@shop.test");
    expect(email.body).toContain("SLA breached");
    // "What to answer first": running clocks nearest their due time lead the list, the overdue one first.
    const byDue = (await admin.get("/api/conversations?sort=due&limit=100")).body.items as Conversation[];
    expect(byDue[0]?.id).toBe(conversation.id);
    const dues = byDue
      .map((c) => c.sla.find((clock) => clock.phase === "running")?.dueAt)
      .filter((due): due is string => typeof due === "string");
    expect(dues).toEqual([...dues].sort());
    const firstPage = await admin.get("/api/conversations?sort=due&limit=2");
    const secondPage = await admin.get(
      `/api/conversations?sort=due&limit=2&cursor=${firstPage.body.nextCursor}`,
    );
    expect(secondPage.body.items.map((c: Conversation) => c.id)).toEqual(byDue.slice(2, 4).map((c) => c.id));
    const after = (await admin.get(`/api/conversations/${conversation.id}`)).body as Conversation;
    expect(after.sla.find((c) => c.metric === "first_response")?.state).toBe("breached");
  });

  it("warns the assignee when 80% of the hour is gone, at the exact warning time", async () => {
    const anna = (await admin.get("/api/conversations?limit=100")).body.items.find(
      (c: Conversation) => c.contact.displayName === "Анна",
    ) as Conversation;
    const assignee = Object.values(agents).find((a) => a.id === anna.assignee?.id)!;
    const warning = await waitFor(
      async () =>
        (await assignee.api.get("/api/notifications")).body.items.find(
          (n: { kind: string; conversationId: string }) =>
            n.kind === "sla_warning" && n.conversationId === anna.id,
        ),
      20_000,
      "the SLA warning",
    );
    expect(warning.text).toContain("first response");
    // The UI words it in the reader's language from its data.
    expect(warning.data).toMatchObject({ metric: "first_response", dueAt: anna.sla[0]?.dueAt });
    // Whose case it is, so the bell and the desktop alert can say so.
    expect(warning.customerName).toBe("Анна");
    const told = (await assignee.api.get("/api/notifications")).body.items;
    expect(
      told.some(
        (n: { kind: string; conversationId: string; customerName: string }) =>
          n.kind === "assigned" && n.conversationId === anna.id && n.customerName === "Анна",
      ),
    ).toBe(true);
    const webhook = await waitFor(
      async () => alerts.received.find((a) => a.type === "sla.warning" && a.conversationId === anna.id),
      20_000,
      "the warning webhook",
    );
    expect(webhook.at).toBe(anna.sla.find((c) => c.metric === "first_response")!.warningAt);
  });

  it("stops the clock at the agent's answer, and a resolved case lets the queue move on", async () => {
    const list = (await admin.get("/api/conversations?limit=100")).body.items as Conversation[];
    const jan = list.find((c) => c.contact.displayName === "Jānis")!;
    const owner = Object.values(agents).find((a) => a.id === jan.assignee?.id)!;
    const reply = await owner.api.post(`/api/conversations/${jan.id}/messages`, {
      text: "Labdien, Jāni! Pārbaudu jūsu paku un atbildēšu 10 minūšu laikā.",
      visibility: "private",
    });
    expect(reply.status).toBe(202);
    const answered = await waitFor(
      async () => {
        const c = (await admin.get(`/api/conversations/${jan.id}`)).body as Conversation;
        return c.sla.find((clock) => clock.metric === "first_response" && clock.phase === "stopped")
          ? c
          : null;
      },
      20_000,
      "the stopped clock",
    );
    const first = answered.sla.find((clock) => clock.metric === "first_response")!;
    expect(first.state).toBe("met");
    // Sent 35 minutes before the test began, answered now: 35 minutes plus the test's own time so far.
    expect(first.elapsedSeconds).toBeGreaterThanOrEqual(35 * MINUTE);
    expect(first.elapsedSeconds).toBeLessThan(45 * MINUTE);
    expect(Date.parse(first.stoppedAt!)).toBeGreaterThanOrEqual(nowSeconds * 1000);

    const resolved = await owner.api.post(`/api/conversations/${jan.id}/status`, { status: "resolved" });
    expect(resolved.status).toBe(200);
    const irina = await triaged("Irina", (c) => c.assignee !== null);
    expect(irina.assignee?.id).toBe(owner.id);
    expect(irina.queuedAt).toBeNull();
    expect((await admin.get("/api/conversations?queued=true")).body.items).toEqual([]);

    // Jānis writes again: the resolved case reopens as "the last link", and goes up the queue.
    await customerWrites({ id: 9003, name: "Jānis", lang: "lv" }, "Paka joprojām nav atnākusi!", 0);
    const reopened = await triaged("Jānis", (c) =>
      c.priorityReasons.some((r) => r.kind === "repeat_contact"),
    );
    expect(reopened.status).toBe("open");
    expect(["high", "urgent"]).toContain(reopened.priority);
  });

  it("leaves praise unrouted and never lets the bot answer a complaint", async () => {
    await customerWrites(
      { id: 9007, name: "Marta", lang: "ru" },
      "Спасибо большое, всё пришло вовремя, супер!",
      5,
    );
    const praise = await triaged("Marta", (c) => c.category !== null);
    expect(praise.category?.key).toBe("praise");
    expect(praise.team).toBeNull();
    expect(praise.priority).toBe("normal");
    const complaint = (await admin.get("/api/conversations?limit=100")).body.items.find(
      (c: Conversation) => c.contact.displayName === "Пётр",
    ) as Conversation;
    expect(complaint.category?.key).toBe("complaint");
    const messages = await admin.get(`/api/conversations/${complaint.id}/messages`);
    const byParley = messages.body.items.filter(
      (m: { automatedBy: string | null }) => m.automatedBy !== null,
    );
    // The bot only says a person will join, and leaves the team a note on why it stepped aside.
    expect(byParley.map((m: { automatedBy: string }) => m.automatedBy).sort()).toEqual([
      "bot",
      "bot:handover",
    ]);
    // In the conversation's language: Пётр wrote in Russian.
    expect(byParley.find((m: { direction: string }) => m.direction === "note").text).toContain("это жалоба");
  });
});
