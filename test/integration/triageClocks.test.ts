import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import { createTestDatabase, dbTargets, type TestDatabase } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

const BOT = { token: "555000333:clocks-token", username: "clock_help_bot", firstName: "Clock Help" };
const SECRET = "clocks-secret";
const PASSWORD = "agent-password-456";

interface Clock {
  metric: string;
  state: string;
  phase: string;
  dueAt: string | null;
  warningAt: string | null;
  breachedAt: string | null;
  elapsedSeconds: number;
}

interface Conversation {
  id: string;
  contact: { displayName: string };
  category: { key: string; source: string } | null;
  team: { name: string } | null;
  sla: Clock[];
}

/** Riga's offset in November is +02:00: 10:00 there is 08:00 UTC. */
const riga = (local: string) => Math.floor(Date.parse(`${local}+02:00`) / 1000);

describe.each(dbTargets())(
  "SLA clocks on business hours, across a restart, and triage that learns on $name",
  (target) => {
    let database: TestDatabase;
    let dataDir: string;
    let app: TestParley;
    let sim: RunningSimulator;
    let admin: ApiClient;
    let webhookUrl: string;
    let updateId = 1;

    const start = async () => {
      app = await startTestParley(target, {
        dataDir,
        databaseUrl: database.databaseUrl,
        workerOptions: { slaSweepIntervalMs: 200 },
      });
      admin = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    };

    async function customerWrites(id: number, name: string, text: string, date: number): Promise<void> {
      const update = {
        update_id: updateId++,
        message: {
          message_id: updateId,
          date,
          chat: { id, type: "private", first_name: name },
          from: { id, is_bot: false, first_name: name },
          text,
        },
      };
      // A restart listens on another port: the webhook's path stays, its origin follows the running process.
      const res = await fetch(`${app.url}${new URL(webhookUrl).pathname}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update),
      });
      expect(res.status).toBe(200);
    }

    const conversationOf = (name: string, settled: (c: Conversation) => boolean = (c) => c.sla.length > 0) =>
      waitFor(
        async () => {
          const list = await admin.get("/api/conversations?limit=100");
          const found = (list.body.items as Conversation[]).find((c) => c.contact.displayName === name);
          return found && settled(found) ? found : null;
        },
        20_000,
        `triage of ${name}`,
      );
    const firstResponse = (c: Conversation) => c.sla.find((clock) => clock.metric === "first_response")!;

    beforeAll(async () => {
      database = await createTestDatabase(target);
      dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-clocks-"));
      sim = await startSimulator({ port: 0 });
      sim.telegram.addBot(BOT);
      await start();
      const channel = await admin.post("/api/channels", {
        platform: "telegram",
        name: "Clock bot",
        settings: { botToken: BOT.token, webhookSecret: SECRET, mode: "webhook", botUsername: BOT.username },
        apiBaseUrl: sim.url,
      });
      expect(channel.status).toBe(201);
      webhookUrl = channel.body.webhookUrl;
      // The Riga office: weekdays 9 to 6, closed on 18 November (Proclamation Day).
      const office = await admin.post("/api/teams", {
        name: "Riga office",
        businessHours: {
          timeZone: "Europe/Riga",
          weekly: Object.fromEntries(
            ["monday", "tuesday", "wednesday", "thursday", "friday"].map((day) => [day, ["09:00-18:00"]]),
          ),
          holidays: [{ date: "2026-11-18" }],
        },
      });
      expect(office.status).toBe(201);
      const night = await admin.post("/api/teams", { name: "Night watch" });
      const nightId = night.body.team?.id ?? night.body.id;
      // English goes to the always-open night watch, which promises an answer within five seconds.
      await admin.post("/api/routing-rules", {
        name: "English",
        teamId: nightId,
        conditions: { languages: ["en"] },
      });
      await admin.post("/api/routing-rules", {
        name: "Everything else",
        teamId: office.body.team?.id ?? office.body.id,
        conditions: {},
      });
      const policy = await admin.post("/api/sla-policies", {
        name: "Night watch: five seconds",
        teamId: nightId,
        firstResponseSeconds: 5,
      });
      expect(policy.status).toBe(201);
    });

    afterAll(async () => {
      await app?.stop();
      await sim?.stop();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("counts only opening hours in the team's time zone: a Saturday message is due an hour after Monday opens", async () => {
      await customerWrites(8101, "Saturday", "Labdien, kad atvērsies veikals?", riga("2026-11-21T10:00:00"));
      const conversation = await conversationOf("Saturday", (c) => firstResponse(c)?.breachedAt != null);
      expect(conversation.team?.name).toBe("Riga office");
      const clock = firstResponse(conversation);
      expect(clock.dueAt).toBe(new Date(riga("2026-11-23T10:00:00") * 1000).toISOString());
      expect(clock.warningAt).toBe(new Date(riga("2026-11-23T09:48:00") * 1000).toISOString());
      // That Monday is long past: the sweep records the breach at the clock's own instant.
      expect(clock.breachedAt).toBe(clock.dueAt);
      expect(clock.state).toBe("breached");
    });

    it("skips a public holiday: half an hour left on Tuesday evening is used up on Thursday morning", async () => {
      await customerWrites(8102, "Holiday", "Vai varu atgriezt preci?", riga("2026-11-17T17:30:00"));
      const clock = firstResponse(await conversationOf("Holiday"));
      expect(clock.dueAt).toBe(new Date(riga("2026-11-19T09:30:00") * 1000).toISOString());
    });

    it("reads the same clocks after a restart, and announces a breach that fell due while Parley was down", async () => {
      const sentAt = Math.floor(Date.now() / 1000);
      await customerWrites(8103, "Restart", "Hello, is anyone there? I need help with my order", sentAt);
      const before = await conversationOf("Restart");
      expect(before.team?.name).toBe("Night watch");
      expect(firstResponse(before).dueAt).toBe(new Date((sentAt + 5) * 1000).toISOString());
      const saturdayBefore = await conversationOf("Saturday");

      await app.stop();
      // Down for longer than the five-second promise.
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      await start();

      const after = await conversationOf("Restart", (c) => firstResponse(c)?.breachedAt != null);
      expect(firstResponse(after).breachedAt).toBe(new Date((sentAt + 5) * 1000).toISOString());
      expect(firstResponse(after).dueAt).toBe(firstResponse(before).dueAt);
      expect((await conversationOf("Saturday")).sla).toEqual(saturdayBefore.sla);
      const notifications = await admin.get("/api/notifications");
      expect(
        notifications.body.items.some(
          (n: { kind: string; conversationId: string }) =>
            n.kind === "sla_breached" && n.conversationId === after.id,
        ),
      ).toBe(true);
    });

    it("warns agents who open the same conversation, and says who is typing", async () => {
      const conversation = await conversationOf("Holiday");
      const agents: ApiClient[] = [];
      for (const [email, name] of [
        ["liga@clocks.test", "Līga"],
        ["maris@clocks.test", "Māris"],
      ] as const) {
        expect(
          (await admin.post("/api/users", { email, name, role: "agent", password: PASSWORD })).status,
        ).toBe(201);
        agents.push(await ApiClient.login(app.url, email, PASSWORD));
      }
      const [liga, maris] = agents as [ApiClient, ApiClient];
      // Agents see their teams' conversations and their own: Līga is given this one, Māris is in no team.
      await admin.post(`/api/conversations/${conversation.id}/assign`, {
        assigneeId: (await admin.get("/api/users")).body.items.find(
          (u: { name: string }) => u.name === "Līga",
        ).id,
      });
      expect(
        (await liga.post(`/api/conversations/${conversation.id}/presence`, { state: "viewing" })).body.others,
      ).toEqual([]);
      const adminSees = await admin.post(`/api/conversations/${conversation.id}/presence`, {
        state: "typing",
      });
      expect(adminSees.body.others).toEqual([expect.objectContaining({ name: "Līga", state: "viewing" })]);
      const ligaSees = await liga.get(`/api/conversations/${conversation.id}/presence`);
      expect(ligaSees.body.others).toEqual([expect.objectContaining({ name: "Admin", state: "typing" })]);
      await admin.post(`/api/conversations/${conversation.id}/presence`, { state: "left" });
      expect((await liga.get(`/api/conversations/${conversation.id}/presence`)).body.others).toEqual([]);
      // Someone who may not see the conversation cannot announce themselves in it either.
      expect(
        (await maris.post(`/api/conversations/${conversation.id}/presence`, { state: "viewing" })).status,
      ).toBe(404);
    });

    it("learns a new category from three corrections by agents", async () => {
      const category = await admin.post("/api/categories", {
        key: "warranty",
        names: { en: "Warranty", ru: "Гарантия", pl: "Gwarancja", lv: "Garantija" },
        keywords: {},
      });
      expect(category.status).toBe(201);
      const categoryId = category.body.category?.id ?? category.body.id;
      const texts = [
        "Чайник сломался через месяц, это гарантийный ремонт?",
        "Пылесос перестал включаться, гарантийный талон есть",
        "Сломался утюг, гарантия ещё действует, куда нести на ремонт?",
      ];
      for (const [i, text] of texts.entries()) {
        await customerWrites(8200 + i, `Warranty ${i}`, text, Math.floor(Date.now() / 1000));
        const conversation = await conversationOf(`Warranty ${i}`);
        expect(
          (await admin.post(`/api/conversations/${conversation.id}/category`, { categoryId })).status,
        ).toBe(200);
      }
      await customerWrites(
        8300,
        "Warranty next",
        "Телефон сломался, гарантийный ремонт возможен?",
        Math.floor(Date.now() / 1000),
      );
      const learned = await conversationOf("Warranty next", (c) => c.category !== null);
      expect(learned.category).toMatchObject({ key: "warranty", source: "model" });
    });
  },
);
