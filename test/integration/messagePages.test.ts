import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimulatedParley, startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { waitFor } from "../support/testParley.ts";

const SECRET = "pages-hook-secret";

interface Page {
  items: { id: string; text: string }[];
  olderCursor: string | null;
  total: number;
}

describe.each(dbTargets())("A long thread read page by page on $name", (target) => {
  let env: SimulatedParley;
  let webhookUrl: string;
  let conversationId: string;
  let otherConversationId: string;
  let updateId = 1;

  const write = async (chatId: number, text: string, date: number) => {
    const id = updateId++;
    const hook = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify({
        update_id: id,
        message: {
          message_id: id,
          date,
          chat: { id: chatId, type: "private", first_name: `Reader${chatId}` },
          from: { id: chatId, is_bot: false, first_name: `Reader${chatId}`, language_code: "en" },
          text,
        },
      }),
    });
    expect(hook.status).toBe(200);
  };
  const conversationOf = (name: string, count: number) =>
    waitFor(
      async () => {
        const id = (await env.api.get(`/api/conversations?q=${name}`)).body.items[0]?.id as
          | string
          | undefined;
        if (!id) return null;
        const all = await env.api.get(`/api/conversations/${id}/messages`);
        return all.body.items.length === count ? id : null;
      },
      20_000,
      `${name}'s messages`,
    );

  beforeAll(async () => {
    env = await startSimulatedParley(target);
    const channel = await env.api.post("/api/channels", {
      platform: "telegram",
      name: "Pages bot",
      settings: { botToken: "123:pages-token", webhookSecret: SECRET, mode: "webhook" },
      apiBaseUrl: env.sim.url,
    });
    env.sim.telegram.addBot({ token: "123:pages-token", username: "pages_bot", firstName: "Pages" });
    webhookUrl = channel.body.webhookUrl;
    // Messages 3, 4 and 5 share one second: the page boundary must still fall between them exactly once.
    const dates = [100, 200, 300, 300, 300, 400, 500];
    for (const [i, date] of dates.entries()) await write(61, `line ${i + 1}`, 1_764_000_000 + date);
    await write(62, "elsewhere", 1_764_000_000);
    conversationId = await conversationOf("Reader61", dates.length);
    otherConversationId = await conversationOf("Reader62", 1);
  });

  afterAll(async () => {
    await env?.app.stop();
    await env?.sim.stop();
  });

  it("walks from the newest page to the first message, each message once, in the thread's order", async () => {
    const all = (await env.api.get(`/api/conversations/${conversationId}/messages`)).body
      .items as Page["items"];
    const seen: Page["items"][] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await env.api.get(
        `/api/conversations/${conversationId}/messages?limit=3${cursor ? `&before=${cursor}` : ""}`,
      );
      expect(answer.status).toBe(200);
      const page = answer.body as Page;
      expect(page.total).toBe(all.length);
      seen.unshift(page.items);
      cursor = page.olderCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((page) => page.length)).toEqual([1, 3, 3]);
    expect(seen.flat().map((m) => m.id)).toEqual(all.map((m) => m.id));
    // Messages sent in the same second stand in the order Parley stored them, which the worker decides.
    const texts = all.map((m) => m.text);
    expect([...texts.slice(0, 2), ...texts.slice(5)]).toEqual(["line 1", "line 2", "line 6", "line 7"]);
    expect(texts.slice(2, 5).sort()).toEqual(["line 3", "line 4", "line 5"]);
  });

  it("keeps a page's place when newer messages arrive, and reads one message alone", async () => {
    const all = (await env.api.get(`/api/conversations/${conversationId}/messages`)).body
      .items as Page["items"];
    const first = (await env.api.get(`/api/conversations/${conversationId}/messages?limit=2`)).body as Page;
    await write(61, "line 8", 1_764_000_900);
    await conversationOf("Reader61", 8);
    const older = (
      await env.api.get(`/api/conversations/${conversationId}/messages?limit=2&before=${first.olderCursor}`)
    ).body as Page;
    expect(older.items.map((m) => m.id)).toEqual(all.slice(3, 5).map((m) => m.id));
    const one = await env.api.get(`/api/conversations/${conversationId}/messages/${older.items[0]!.id}`);
    expect(one.body.message.text).toBe(all[3]!.text);
    expect(
      (await env.api.get(`/api/conversations/${otherConversationId}/messages/${older.items[0]!.id}`)).status,
    ).toBe(404);
  });

  it("gives nothing for a cursor from another conversation and refuses a cursor without a limit", async () => {
    const theirs = (await env.api.get(`/api/conversations/${otherConversationId}/messages`)).body.items[0].id;
    const page = (await env.api.get(`/api/conversations/${conversationId}/messages?limit=5&before=${theirs}`))
      .body as Page;
    expect(page.items).toEqual([]);
    expect(page.olderCursor).toBeNull();
    expect((await env.api.get(`/api/conversations/${conversationId}/messages?before=${theirs}`)).status).toBe(
      400,
    );
    expect((await env.api.get(`/api/conversations/${conversationId}/messages?limit=0`)).status).toBe(400);
  });
});
