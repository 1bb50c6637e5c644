import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { RunningSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "./apiClient.ts";
import { connectTelegramBot } from "./simulatedParley.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestParley, waitFor } from "./testParley.ts";

/**
 * An installation worth backing up, built only through Parley's own doors: a Telegram channel whose token and
 * webhook secret are sealed with the data directory's key, customers writing over three days through the
 * webhook, agents answering through the outbox (the simulator receives the replies), a resolution, and the
 * report rollups brought up to date by the worker.
 */

export const SEED_BOT = {
  token: "555000777:backup-token",
  username: "backup_help_bot",
  firstName: "Backup Help",
};
export const SEED_SECRET = "backup-webhook-secret";
const DAY = 86_400;

export interface SeededInstallation {
  /** The webhook's path; its origin is whichever Parley serves the data now. */
  webhookPath: string;
  conversationIds: string[];
  /** Report figures as agents saw them before the backup. */
  reports: ReportSnapshot;
}

export interface ReportSnapshot {
  volumes: unknown;
  backlog: unknown;
  reopenRate: unknown;
}

let updateId = 1;

/** A customer's Telegram message as the platform delivers it, signed with the webhook secret. */
export async function customerWrites(
  baseUrl: string,
  webhookPath: string,
  person: { id: number; name: string },
  text: string,
  secondsAgo = 0,
): Promise<void> {
  const id = updateId++;
  const res = await fetch(`${baseUrl}${webhookPath}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SEED_SECRET },
    body: JSON.stringify({
      update_id: id,
      message: {
        message_id: id,
        date: Math.floor(Date.now() / 1000) - secondsAgo,
        chat: { id: person.id, type: "private", first_name: person.name },
        from: { id: person.id, is_bot: false, first_name: person.name, language_code: "en" },
        text,
      },
    }),
  });
  expect(res.status).toBe(200);
}

export async function conversationOf(api: ApiClient, name: string, inbound = 1): Promise<string> {
  return waitFor(
    async () => {
      const list = await api.get("/api/conversations?limit=100");
      const found = (list.body.items as { id: string; contact: { displayName: string } }[]).find(
        (c) => c.contact.displayName === name,
      );
      if (!found) return null;
      const messages = await api.get(`/api/conversations/${found.id}/messages`);
      const customer = (messages.body.items as { direction: string }[]).filter((m) => m.direction === "in");
      return customer.length >= inbound ? found.id : null;
    },
    20_000,
    `${name}'s conversation`,
  );
}

/** An agent's reply, followed until the platform (the simulator) has it: the channel's token opened. */
export async function replyDelivered(api: ApiClient, conversationId: string, text: string): Promise<void> {
  const reply = await api.post(`/api/conversations/${conversationId}/messages`, {
    text,
    visibility: "private",
  });
  expect(reply.status).toBe(202);
  await waitFor(
    async () => {
      const messages = await api.get(`/api/conversations/${conversationId}/messages`);
      return (messages.body.items as { text: string; deliveryStatus: string }[]).some(
        (m) => m.text === text && m.deliveryStatus === "delivered",
      );
    },
    20_000,
    `delivery of "${text}"`,
  );
}

/** Every event triaged, every reply sent and every report fact refreshed. */
export async function settled(app: TestParley): Promise<void> {
  const { db } = app.parley.database;
  await waitFor(
    async () => {
      const pending = (await db.execute(sql`
        SELECT (SELECT count(*) FROM conversation_events WHERE processed_at IS NULL)
             + (SELECT count(*) FROM report_stale)
             + (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')) AS n`)) as unknown as {
        rows: { n: string | number }[];
      };
      return Number(pending.rows[0]?.n) === 0;
    },
    20_000,
    "the worker to catch up",
  );
}

export async function reportSnapshot(api: ApiClient): Promise<ReportSnapshot> {
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 4 * DAY * 1000).toISOString().slice(0, 10);
  const figures = async (report: string) => {
    const res = await api.get(`/api/reports/${report}?from=${from}&to=${today}&compare=none`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.total.figures;
  };
  return {
    volumes: await figures("volumes"),
    backlog: await figures("backlog"),
    reopenRate: await figures("reopen_rate"),
  };
}

export async function seedInstallation(app: TestParley, sim: RunningSimulator): Promise<SeededInstallation> {
  const api = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const channel = await connectTelegramBot(api, sim, SEED_BOT, {
    name: "Backup bot",
    webhookSecret: SEED_SECRET,
  });
  const webhookPath = new URL(channel.webhookUrl).pathname;
  const people = [
    { id: 9101, name: "Agnese", daysAgo: 3 },
    { id: 9102, name: "Bartek", daysAgo: 2 },
    { id: 9103, name: "Chloe", daysAgo: 1 },
  ];
  const conversationIds: string[] = [];
  for (const person of people) {
    await customerWrites(
      app.url,
      webhookPath,
      person,
      `Where is my parcel? ${person.name} here`,
      person.daysAgo * DAY,
    );
    conversationIds.push(await conversationOf(api, person.name));
  }
  await replyDelivered(api, conversationIds[0]!, "Agnese, it left the warehouse today.");
  await replyDelivered(api, conversationIds[1]!, "Bartek, we are checking with the courier.");
  const resolved = await api.post(`/api/conversations/${conversationIds[0]}/status`, { status: "resolved" });
  expect(resolved.status).toBe(200);
  await settled(app);
  return { webhookPath, conversationIds, reports: await reportSnapshot(api) };
}
