import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viberUserIdOf } from "../../src/channels/viber/fakeViberApi.ts";
import { viberSignature } from "../../src/channels/viber/viberSignature.ts";
import { registerChangedWebhooks } from "../../src/commands/webhookRegistrar.ts";
import { connectViberBot, type SimulatedParley, startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { waitFor } from "../support/testParley.ts";

const BOT = { authToken: "4a1b2c3d4e5f6a7b-integration-viber-token", name: "Nordmart", uri: "nordmart" };
const WELCOME = "Здравствуйте! Это Nordmart. Чем помочь?";

interface ConversationView {
  id: string;
  contact: { displayName: string };
  replyBlocked: { reason: string; since: string } | null;
  awaitingReply: boolean;
}
interface MessageView {
  id: string;
  direction: string;
  text: string;
  externalId: string | null;
  deliveryStatus: string;
  deliveryError: string | null;
}

describe.each(dbTargets())("Viber bot inbox on $name", (target) => {
  let setup: SimulatedParley;
  let channel: { id: string; webhookUrl: string };
  const count = async (statement: ReturnType<typeof sql>) =>
    (
      (await setup.app.parley.database.db.execute(statement)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]!.n;
  const conversationOf = (name: string) =>
    waitFor(
      async () =>
        ((await setup.api.get("/api/conversations")).body.items as ConversationView[]).find(
          (c) => c.contact.displayName === name,
        ),
      15_000,
      `${name}'s conversation`,
    );
  const messagesOf = async (conversationId: string) =>
    (await setup.api.get(`/api/conversations/${conversationId}/messages`)).body.items as MessageView[];
  const reply = (conversationId: string, text: string) =>
    setup.api.post(`/api/conversations/${conversationId}/messages`, { text, visibility: "private" });
  const sendsOf = (text: string) =>
    setup.sim.state.callsOf("viber", "send_message").filter((c) => c.params.text === text);

  beforeAll(async () => {
    setup = await startSimulatedParley(target);
    channel = await connectViberBot(setup.api, setup.sim, BOT, {
      name: "Viber bot",
      welcomeMessage: WELCOME,
    });
  });
  afterAll(async () => {
    await setup?.app.stop();
    await setup?.sim.stop();
  });

  it("calls set_webhook when the channel is added; Viber's check of the URL passes the door and is not stored", async () => {
    const calls = setup.sim.state.callsOf("viber", "set_webhook");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params).toMatchObject({ url: channel.webhookUrl, send_name: true });
    expect(setup.sim.viber.webhookOf(BOT.authToken)?.url).toBe(channel.webhookUrl);
    expect(await count(sql`SELECT count(*)::int AS n FROM raw_events WHERE platform = 'viber'`)).toBe(0);
    const listed = (await setup.api.get("/api/channels")).body.items.find(
      (c: { id: string }) => c.id === channel.id,
    );
    expect(listed).toMatchObject({ status: "active", statusReason: null, secretsSet: ["authToken"] });
    expect(JSON.stringify(listed)).not.toContain(BOT.authToken);
  });

  it("refuses forged signatures with 401 or 403 and stores nothing", async () => {
    // As Viber writes it: a bare 64-bit token.
    const body = `{"event":"message","timestamp":${Date.now()},"message_token":5741399999999999999,"sender":{"id":"forged0000000000000000==","name":"Mallory"},"message":{"type":"text","text":"I am Viber, honest"}}`;
    const knock = (headers: Record<string, string>, query = "") =>
      fetch(`${channel.webhookUrl}${query}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
      });
    const stored = () =>
      count(sql`SELECT (SELECT count(*) FROM raw_events) + (SELECT count(*) FROM rejected_webhooks)
        + (SELECT count(*) FROM conversations) AS n`);
    const before = await stored();
    expect((await knock({})).status).toBe(401);
    expect(
      (await knock({ "x-viber-content-signature": viberSignature(body, "another-bot-token") })).status,
    ).toBe(403);
    expect((await knock({}, `?sig=${"a".repeat(64)}`)).status).toBe(403);
    expect(
      (await knock({ "x-viber-content-signature": viberSignature(`${body} `, BOT.authToken) })).status,
    ).toBe(403);
    expect(await stored()).toBe(before);
  });

  it("answers a person opening the chat with the welcome, and opens no ticket", async () => {
    const person = { id: 9001, firstName: "Ewa", lastName: "Kowalska", languageCode: "pl" as const };
    const opened = await setup.sim.viber.openConversation(BOT.authToken, person);
    expect(opened.status).toBe(200);
    expect(setup.sim.viber.welcomesTo(BOT.authToken, person.id)).toEqual([
      { sender: { name: "Nordmart" }, min_api_version: 1, type: "text", text: WELCOME },
    ]);
    expect(setup.sim.state.callsOf("viber", "send_message")).toHaveLength(0);
    await waitFor(
      async () =>
        (await count(
          sql`SELECT count(*)::int AS n FROM raw_events WHERE platform = 'viber' AND status = 'processed'`,
        )) === 1,
      15_000,
      "conversation_started processed",
    );
    expect(await count(sql`SELECT count(*)::int AS n FROM conversations`)).toBe(0);
  });

  it("turns a message into a ticket, sends the reply once, and follows delivered and seen by the exact 64-bit token", async () => {
    const person = { id: 9002, firstName: "Анна", lastName: "Петрова", languageCode: "ru" as const };
    const outcome = await setup.sim.viber.message(
      BOT.authToken,
      person,
      "Где мой заказ 4581-2290? Жду третий день",
    );
    expect(outcome.status).toBe(200);
    const inboundToken = (outcome.payload as { message_token: string }).message_token;
    const conversation = await conversationOf("Анна Петрова");
    expect(conversation).toMatchObject({ awaitingReply: true, replyBlocked: null });
    const [inbound] = await messagesOf(conversation.id);
    expect(inbound).toMatchObject({ direction: "in", externalId: inboundToken });
    expect(BigInt(inboundToken) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);

    const text = "Анна, проверяю заказ — напишу через 10 минут.";
    expect((await reply(conversation.id, text)).status).toBe(202);
    const delivered = await waitFor(
      async () =>
        (await messagesOf(conversation.id)).find((m) => m.text === text && m.deliveryStatus === "delivered"),
      15_000,
      "the reply delivered",
    );
    const sends = sendsOf(text);
    expect(sends).toHaveLength(1);
    expect(sends[0]!.params).toMatchObject({
      receiver: viberUserIdOf(person.id),
      sender: { name: "Nordmart" },
    });
    const sent = setup.sim.viber.sentTo(BOT.authToken, person.id).at(-1)!;
    expect(delivered.externalId).toBe(sent.token);
    // The fake's own `delivered` callback came too, keyed by the same token; `seen` moves the reply to read.
    await waitFor(
      async () =>
        (await count(
          sql`SELECT count(*)::int AS n FROM raw_events WHERE dedup_key = ${`delivered:${sent.token}`} AND status = 'processed'`,
        )) === 1,
      15_000,
      "the delivered receipt",
    );
    await setup.sim.viber.markSeen(BOT.authToken, person.id);
    await waitFor(
      async () =>
        (await messagesOf(conversation.id)).find((m) => m.text === text && m.deliveryStatus === "read"),
      15_000,
      "the reply read",
    );
    const after = (await setup.api.get(`/api/conversations/${conversation.id}`)).body;
    expect(after).toMatchObject({ awaitingReply: false, status: "open" });
  });

  it("marks a reply failed with Viber's reason when a failed receipt names its token", async () => {
    const person = { id: 9003, firstName: "Emily", lastName: "Clarke", languageCode: "en" as const };
    await setup.sim.viber.message(BOT.authToken, person, "Hello, is the store open on Sunday?");
    const conversation = await conversationOf("Emily Clarke");
    await reply(conversation.id, "Yes, 10 to 18.");
    const sent = await waitFor(
      async () =>
        (await messagesOf(conversation.id)).find((m) => m.text === "Yes, 10 to 18." && m.externalId),
      15_000,
      "the reply sent",
    );
    const failed = `{"event":"failed","timestamp":${Date.now()},"chat_hostname":"SN-CHAT-15_","message_token":${sent.externalId},"user_id":"${viberUserIdOf(person.id)}","desc":"keyboard is invalid"}`;
    expect((await setup.sim.viber.deliverRaw(BOT.authToken, failed)).status).toBe(200);
    const marked = await waitFor(
      async () =>
        (await messagesOf(conversation.id)).find((m) => m.id === sent.id && m.deliveryStatus === "failed"),
      15_000,
      "the reply failed",
    );
    expect(marked.deliveryError).toBe("Viber could not deliver the message: keyboard is invalid");
  });

  it("refuses a reply to a customer who unsubscribed, says why, and lets them back by writing", async () => {
    const person = { id: 9004, firstName: "Jānis", lastName: "Bērziņš", languageCode: "lv" as const };
    await setup.sim.viber.message(BOT.authToken, person, "Kur ir mana paka?");
    const conversation = await conversationOf("Jānis Bērziņš");
    expect((await setup.sim.viber.unsubscribe(BOT.authToken, person)).status).toBe(200);
    const blocked = await waitFor(
      async () => {
        const view = (await setup.api.get(`/api/conversations/${conversation.id}`)).body as ConversationView;
        return view.replyBlocked ? view : null;
      },
      15_000,
      "the conversation marked unsubscribed",
    );
    expect(blocked.replyBlocked).toMatchObject({ reason: "unsubscribed" });
    const refused = await reply(conversation.id, "Paka ir ceļā.");
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "recipient_unsubscribed" });
    expect(refused.body.error.message).toMatch(/unsubscribed from this Viber account/);
    expect(sendsOf("Paka ir ceļā.")).toHaveLength(0);
    // A note for the team is still fine.
    expect(
      (await setup.api.post(`/api/conversations/${conversation.id}/notes`, { text: "Unsubscribed." })).status,
    ).toBe(201);

    await setup.sim.viber.message(BOT.authToken, person, "Atvainojiet, es atkal šeit.");
    await waitFor(
      async () =>
        ((await setup.api.get(`/api/conversations/${conversation.id}`)).body as ConversationView)
          .replyBlocked === null,
      15_000,
      "the customer back",
    );
    expect((await reply(conversation.id, "Paka ir ceļā.")).status).toBe(202);
    await waitFor(async () => sendsOf("Paka ir ceļā.").length === 1, 15_000, "the reply sent");
  });

  it("marks the conversation unsubscribed when Viber refuses a send with 6 before its callback came", async () => {
    const person = { id: 9005, firstName: "Piotr", lastName: "Nowak", languageCode: "pl" as const };
    await setup.sim.viber.message(BOT.authToken, person, "Gdzie jest moja paczka?");
    const conversation = await conversationOf("Piotr Nowak");
    setup.sim.state.injectFault({ platform: "viber", method: "send_message", kind: "error", errorCode: 6 });
    await reply(conversation.id, "Sprawdzam.");
    const failed = await waitFor(
      async () =>
        (await messagesOf(conversation.id)).find(
          (m) => m.text === "Sprawdzam." && m.deliveryStatus === "failed",
        ),
      15_000,
      "the refused reply",
    );
    expect(failed.deliveryError).toBe("Viber 6 (receiverNotSubscribed): receiverNotSubscribed");
    const view = (await setup.api.get(`/api/conversations/${conversation.id}`)).body as ConversationView;
    expect(view.replyBlocked).toMatchObject({ reason: "unsubscribed" });
    // One person's refusal leaves the channel alone.
    const listed = (await setup.api.get("/api/channels")).body.items.find(
      (c: { id: string }) => c.id === channel.id,
    );
    expect(listed.status).toBe("active");
  });

  it("holds the channel for re-authorisation on an invalid token (2), and a new token sets the webhook again", async () => {
    const person = { id: 9006, firstName: "Oskars", languageCode: "lv" as const };
    await setup.sim.viber.message(BOT.authToken, person, "Sveiki!");
    const conversation = await conversationOf("Oskars");
    setup.sim.state.injectFault({ platform: "viber", method: "send_message", kind: "error", errorCode: 2 });
    await reply(conversation.id, "Labdien!");
    const held = await waitFor(
      async () => {
        const listed = (await setup.api.get("/api/channels")).body.items.find(
          (c: { id: string }) => c.id === channel.id,
        );
        return listed.status === "needs_reauth" ? listed : null;
      },
      15_000,
      "the channel needing re-authorisation",
    );
    expect(held).toMatchObject({ pausedReason: "auth_failed", lastErrorStatus: "Viber 2" });
    const before = setup.sim.state.callsOf("viber", "set_webhook").length;
    const patched = await setup.api.request("PATCH", `/api/channels/${channel.id}`, {
      settings: { authToken: BOT.authToken },
    });
    expect(patched.status).toBe(200);
    expect(setup.sim.state.callsOf("viber", "set_webhook")).toHaveLength(before + 1);
    await waitFor(
      async () => sendsOf("Labdien!").some((c) => c.outcome === "ok"),
      15_000,
      "the held reply sent",
    );
  });

  it("calls set_webhook again at start when the public URL changed since the last registration", async () => {
    const { db } = setup.app.parley.database;
    await db.execute(
      sql`UPDATE channels SET webhook_registered_url = 'https://old.example.test/webhooks/viber/x' WHERE id = ${channel.id}`,
    );
    const before = setup.sim.state.callsOf("viber", "set_webhook").length;
    const log = { info: () => {}, warn: () => {} };
    expect(await registerChangedWebhooks(db, setup.app.parley.box, setup.app.config.publicUrl, log)).toBe(1);
    expect(setup.sim.state.callsOf("viber", "set_webhook")).toHaveLength(before + 1);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM channels WHERE id = ${channel.id}
        AND webhook_registered_url = ${channel.webhookUrl}`),
    ).toBe(1);
    // Registered where it should be: nothing to do at the next start.
    expect(await registerChangedWebhooks(db, setup.app.parley.box, setup.app.config.publicUrl, log)).toBe(0);
  });
});
