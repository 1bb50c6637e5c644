import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/simulator/simulatorServer.ts";
import { ApiClient } from "../support/apiClient.ts";
import { connectTelegramBot, connectVkCommunity, startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { type TestParley, waitFor } from "../support/testParley.ts";

const BOT = { token: "555000333:contacts-token", username: "contacts_help_bot", firstName: "Help" };
const VK = {
  groupId: 5353,
  accessToken: "vk-contacts-token",
  secretKey: "vk-contacts-secret",
  confirmationCode: "c0nf1rm",
  name: "Brand",
};
const TELEGRAM_PERSON = {
  id: 8101,
  firstName: "Анна",
  lastName: "Петрова",
  username: "anna_p",
  languageCode: "ru" as const,
};
const VK_PERSON = { id: 8201, firstName: "Анна", lastName: "Петрова", languageCode: "ru" as const };

interface Profile {
  id: string;
  displayName: string;
  mergedIntoId: string | null;
  tags: string[];
  identities: { platform: string; externalId: string; username: string | null; displayName: string }[];
  notes: { id: string; text: string }[];
  merges: { id: string; sourceContactId: string }[];
  conversations: { id: string; channel: { platform: string } }[];
}

describe.each(dbTargets())("contacts across platforms on $name", (target) => {
  let app: TestParley;
  let sim: RunningSimulator;
  let admin: ApiClient;
  let agent: ApiClient;
  let telegramContactId: string;
  let vkContactId: string;

  const profile = async (id: string): Promise<Profile> => (await admin.get(`/api/contacts/${id}`)).body;
  const contactOf = async (q: string) =>
    (
      await waitFor(
        async () => (await admin.get(`/api/conversations?q=${encodeURIComponent(q)}`)).body.items[0],
        20_000,
        `conversation "${q}"`,
      )
    ).contact.id as string;

  beforeAll(async () => {
    ({ app, sim, api: admin } = await startSimulatedParley(target));
    await connectTelegramBot(admin, sim, BOT, { name: "Telegram bot", webhookSecret: "contacts-secret" });
    await connectVkCommunity(admin, sim, VK);
    await admin.post("/api/users", {
      email: "agent@example.test",
      name: "Agent",
      role: "agent",
      password: "agent-password-9",
    });
    agent = await ApiClient.login(app.url, "agent@example.test", "agent-password-9");

    await sim.telegram.act(BOT.token, {
      person: TELEGRAM_PERSON,
      text: "Где мой заказ 7710? Телеграм",
      visibility: "private",
    });
    await sim.vk.act(String(VK.groupId), {
      person: VK_PERSON,
      text: "Заказ 7710 так и не пришёл, пишу во ВКонтакте",
      visibility: "private",
    });
    telegramContactId = await contactOf("Телеграм");
    vkContactId = await contactOf("ВКонтакте");
    // VK names people by id only; the profile lookup names the contact before name suggestions can work.
    await waitFor(
      async () => (await profile(vkContactId)).identities[0]?.displayName === "Анна Петрова",
      20_000,
    );
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  it("suggests the same person on another platform, and forgets a dismissed suggestion", async () => {
    await admin.request("PATCH", `/api/contacts/${vkContactId}`, { displayName: "Анна Петрова" });
    const suggestions = (await admin.get(`/api/contacts/${telegramContactId}/suggestions`)).body.items;
    expect(suggestions[0]).toMatchObject({
      contactId: vkContactId,
      reasons: [{ kind: "name", value: "анна петрова" }],
    });
    expect(suggestions[0].score).toBeGreaterThan(0);
    const dismissed = await admin.post(
      `/api/contacts/${vkContactId}/suggestions/${telegramContactId}/dismiss`,
    );
    expect(dismissed.status).toBe(204);
    expect((await admin.get(`/api/contacts/${telegramContactId}/suggestions`)).body.items).toEqual([]);
  });

  it("refuses to merge a contact into itself", async () => {
    const res = await admin.post("/api/contact-merges", {
      sourceContactId: telegramContactId,
      targetContactId: telegramContactId,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("merge_into_itself");
  });

  it("merges: identities, conversations, notes and tags move, and the joint history shows every channel", async () => {
    await admin.post(`/api/contacts/${vkContactId}/notes`, { text: "Prefers VK" });
    await admin.request("PATCH", `/api/contacts/${vkContactId}`, { tags: ["vip"] });
    await admin.request("PATCH", `/api/contacts/${telegramContactId}`, { tags: ["bonus"] });
    const res = await admin.post("/api/contact-merges", {
      sourceContactId: vkContactId,
      targetContactId: telegramContactId,
    });
    expect(res.status).toBe(201);
    const joint = await profile(telegramContactId);
    expect(joint.identities.map((i) => i.platform).sort()).toEqual(["telegram", "vk"]);
    expect(joint.conversations.map((c) => c.channel.platform).sort()).toEqual(["telegram", "vk"]);
    expect(joint.notes.map((n) => n.text)).toEqual(["Prefers VK"]);
    expect(joint.tags.sort()).toEqual(["bonus", "vip"]);
    expect(joint.merges).toEqual([expect.objectContaining({ sourceContactId: vkContactId })]);
    expect((await profile(vkContactId)).mergedIntoId).toBe(telegramContactId);
    const audit = await app.parley.database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'contact.merged' AND target_id = ${telegramContactId}`,
    );
    expect((audit as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });

  it("refuses a merge back that would make a cycle, and a merge of a merged contact", async () => {
    const cycle = await admin.post("/api/contact-merges", {
      sourceContactId: telegramContactId,
      targetContactId: vkContactId,
    });
    expect(cycle.status).toBe(409);
    expect(cycle.body.error.code).toBe("merge_cycle");
    const again = await admin.post("/api/contact-merges", {
      sourceContactId: vkContactId,
      targetContactId: telegramContactId,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("contact_already_merged");
  });

  it("puts a new message from a merged identity into the joint history", async () => {
    await sim.vk.act(String(VK.groupId), {
      person: { ...VK_PERSON },
      text: "И ещё вопрос про возврат",
      visibility: "private",
    });
    await waitFor(async () => (await admin.get("/api/conversations?q=возврат")).body.items[0]);
    const [found] = (await admin.get("/api/conversations?q=возврат")).body.items;
    expect(found.contact.id).toBe(telegramContactId);
  });

  it("unmerges exactly: everything that moved goes back, the target keeps only its own", async () => {
    const merge = (await profile(telegramContactId)).merges[0]!;
    const res = await admin.post(`/api/contact-merges/${merge.id}/unmerge`);
    expect(res.status).toBe(200);
    const telegram = await profile(telegramContactId);
    const vk = await profile(vkContactId);
    expect(telegram.identities.map((i) => i.platform)).toEqual(["telegram"]);
    expect(telegram.conversations.map((c) => c.channel.platform)).toEqual(["telegram"]);
    expect(telegram.tags).toEqual(["bonus"]);
    expect(telegram.notes).toEqual([]);
    expect(telegram.merges).toEqual([]);
    expect(vk.mergedIntoId).toBeNull();
    expect(vk.identities.map((i) => i.platform)).toEqual(["vk"]);
    expect(vk.conversations.length).toBeGreaterThanOrEqual(1);
    expect(vk.conversations.every((c) => c.channel.platform === "vk")).toBe(true);
    expect(vk.notes.map((n) => n.text)).toEqual(["Prefers VK"]);
    expect(vk.tags).toEqual(["vip"]);
    expect((await admin.post(`/api/contact-merges/${merge.id}/unmerge`)).status).toBe(409);
  });

  it("exports everything held about the person, for supervisors and admins only", async () => {
    expect((await agent.get(`/api/contacts/${vkContactId}/export`)).status).toBe(403);
    // An agent sees a person only through a conversation of their own or their teams'.
    expect((await agent.get(`/api/contacts/${vkContactId}`)).status).toBe(404);
    expect((await admin.get(`/api/contacts/${vkContactId}`)).body.hiddenConversationCount).toBe(0);
    const res = await admin.get(`/api/contacts/${vkContactId}/export`);
    expect(res.status).toBe(200);
    expect(res.body.contact.identities).toEqual([
      expect.objectContaining({ platform: "vk", externalId: "8201" }),
    ]);
    expect(res.body.contact.notes.map((n: { text: string }) => n.text)).toEqual(["Prefers VK"]);
    const texts = res.body.conversations.flatMap((c: { messages: { text: string }[] }) =>
      c.messages.map((m) => m.text),
    );
    expect(texts).toEqual(
      expect.arrayContaining(["Заказ 7710 так и не пришёл, пишу во ВКонтакте", "И ещё вопрос про возврат"]),
    );
  });

  it("erases the person's data on request, keeps what the history needs, and audits it", async () => {
    expect((await agent.post(`/api/contacts/${vkContactId}/erase`)).status).toBe(403);
    const res = await admin.post(`/api/contacts/${vkContactId}/erase`);
    expect(res.status).toBe(200);
    expect(res.body.erased.messages).toBeGreaterThanOrEqual(2);
    const erased = await profile(vkContactId);
    expect(erased.displayName).toBe("Erased contact");
    expect(erased.notes).toEqual([]);
    expect(erased.tags).toEqual([]);
    expect(erased.identities[0]!.externalId).not.toBe("8201");
    expect(erased.identities[0]!.displayName).toBe("Erased contact");
    const db = app.parley.database.db;
    const leftovers = (await db.execute(sql`SELECT
        (SELECT count(*)::int FROM messages WHERE text LIKE '%ВКонтакте%' OR text LIKE '%возврат%') AS texts,
        (SELECT count(*)::int FROM contact_identities WHERE external_id = '8201' AND platform = 'vk') AS ids,
        (SELECT count(*)::int FROM raw_events WHERE platform = 'vk' AND payload::text LIKE '%ВКонтакте%') AS raw,
        (SELECT count(*)::int FROM audit_log WHERE action = 'contact.erased' AND target_id = ${vkContactId}) AS audit`)) as unknown as {
      rows: { texts: number; ids: number; raw: number; audit: number }[];
    };
    expect(leftovers.rows[0]).toEqual({ texts: 0, ids: 0, raw: 0, audit: 1 });
    // The conversations stay (reports count them); their texts are gone from search too.
    expect(erased.conversations.length).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await admin.get("/api/conversations?q=возврат")).body.items.length === 0);
    // Writing again, the person is a stranger: nothing links the new message to the erased history.
    await sim.vk.act(String(VK.groupId), {
      person: VK_PERSON,
      text: "Здравствуйте снова, новый вопрос",
      visibility: "private",
    });
    const fresh = await waitFor(async () => (await admin.get("/api/conversations?q=снова")).body.items[0]);
    expect(fresh.contact.id).not.toBe(vkContactId);
    expect(erased.conversations.map((c) => c.id)).not.toContain(fresh.id);
    // The Telegram contact was another person all along and is untouched.
    expect((await profile(telegramContactId)).displayName).toBe("Анна Петрова");
  });
});
