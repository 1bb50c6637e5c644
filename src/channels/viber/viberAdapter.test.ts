import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../domain/inboundEvent.ts";
import { type Listening, listenHttp } from "../../server/listen.ts";
import { SimulatorState } from "../../simulator/simulatorState.ts";
import { type ChannelContext, UnparseableEventError, type WebhookRequest } from "../channelAdapter.ts";
import { createViberFake, viberUserIdOf } from "./fakeViberApi.ts";
import { type ViberSettings, viberAdapter } from "./viberAdapter.ts";
import { viberSignature } from "./viberSignature.ts";

const TOKEN = "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9";
const raw = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url));
const channel = (
  overrides: Partial<ViberSettings> = {},
  apiBaseUrl = "http://127.0.0.1:9",
): ChannelContext<ViberSettings> => ({
  id: "c1",
  workspaceId: "w1",
  platform: "viber",
  apiBaseUrl,
  settings: { authToken: TOKEN, senderName: "Nordmart", ...overrides },
});

/** A callback as Viber posts it: the exact bytes, signed over those bytes. */
function signed(body: Buffer | string, headers: Record<string, string> = {}): WebhookRequest {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  return {
    method: "POST",
    headers: { "x-viber-content-signature": viberSignature(bytes, TOKEN), ...headers },
    query: {},
    rawBody: bytes.toString("utf8"),
    rawBytes: new Uint8Array(bytes),
  };
}
const receive = (request: WebhookRequest, settings: Partial<ViberSettings> = {}) =>
  viberAdapter.receiveWebhook(request, channel(settings));
/** What the door stores for a fixture, then what the worker makes of it. */
function parseFixture(name: string) {
  const verdict = receive(signed(raw(name)));
  if (verdict.kind !== "events") throw new Error(`${name}: ${verdict.kind}`);
  return viberAdapter.parse(verdict.events[0]!.payload, channel());
}

describe("Viber callback signature", () => {
  it("accepts the HMAC-SHA256 of the exact bytes: a 64-bit token and Cyrillic text with an emoji", () => {
    const bytes = raw("message_text");
    expect(bytes.toString("utf8")).toContain("5741311803571721087");
    expect(bytes.toString("utf8")).toContain("Где мой заказ");
    expect(receive(signed(bytes))).toMatchObject({ kind: "events" });
  });
  it("refuses the same JSON written with other bytes (non-ASCII escaped, as a re-encoding would)", () => {
    const bytes = raw("message_text");
    // Every UTF-16 unit outside ASCII as \uXXXX: the same JSON value, other bytes.
    const escaped = bytes
      .toString("utf8")
      .replace(/[^ -~\n]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`);
    expect(JSON.parse(escaped)).toEqual(JSON.parse(bytes.toString("utf8")));
    const request = signed(bytes);
    expect(receive({ ...request, rawBody: escaped, rawBytes: Buffer.from(escaped) })).toMatchObject({
      kind: "rejected",
      status: 403,
    });
  });
  it("refuses a missing signature with 401 and a wrong one, or one made with another token, with 403", () => {
    const bytes = raw("delivered");
    const request = signed(bytes);
    expect(receive({ ...request, headers: {} })).toMatchObject({ kind: "rejected", status: 401 });
    expect(
      receive({
        ...request,
        headers: { "x-viber-content-signature": viberSignature(bytes, "another-token") },
      }),
    ).toMatchObject({ kind: "rejected", status: 403 });
    expect(receive({ ...request, headers: { "x-viber-content-signature": "0".repeat(64) } })).toMatchObject({
      kind: "rejected",
      status: 403,
    });
    expect(receive({ ...request, headers: { "x-viber-content-signature": "" } })).toMatchObject({
      kind: "rejected",
      status: 401,
    });
  });
  it("reads the signature from the sig query parameter Viber appends, and in upper-case hex", () => {
    const bytes = raw("seen");
    const request = signed(bytes);
    const sig = request.headers["x-viber-content-signature"]!;
    expect(receive({ ...request, headers: {}, query: { sig } })).toMatchObject({ kind: "events" });
    expect(
      receive({ ...request, headers: { "x-viber-content-signature": sig.toUpperCase() } }),
    ).toMatchObject({ kind: "events" });
  });
  it("keeps an authentic body that is no JSON for inspection, and answers the set_webhook check without storing", () => {
    expect(receive(signed("{not json"))).toMatchObject({ kind: "malformed" });
    expect(receive(signed(raw("webhook")))).toEqual({ kind: "handshake", status: 200, body: "ok" });
  });
});

describe("Viber message tokens", () => {
  it("keeps a 64-bit message_token as its digits, which JSON.parse would round", () => {
    const verdict = receive(signed(raw("message_text")));
    expect(verdict).toMatchObject({ kind: "events", events: [{ dedupKey: "message:5741311803571721087" }] });
    const payload = (verdict as { events: { payload: { message_token: unknown } }[] }).events[0]!.payload;
    expect(payload.message_token).toBe("5741311803571721087");
    expect(String(JSON.parse(raw("message_text").toString("utf8")).message_token)).not.toBe(
      "5741311803571721087",
    );
    expect((parseFixture("message_text")[0] as InboundMessage).externalId).toBe("5741311803571721087");
  });
  it("keys receipts by event and token, since delivered and seen reuse the sent message's token", () => {
    const key = (name: string) =>
      (receive(signed(raw(name))) as { events: { dedupKey: string }[] }).events[0]!.dedupKey;
    expect(key("delivered")).toBe("delivered:5741311851017895935");
    expect(key("seen")).toBe("seen:5741311851017895935");
    expect(key("failed")).toBe("failed:5741311855312863231");
  });
});

describe("Viber callback parsing", () => {
  it("turns a text message into a private thread per person", () => {
    expect(parseFixture("message_text")).toEqual([
      {
        type: "message",
        platform: "viber",
        externalId: "5741311803571721087",
        threadKey: "chat:pttm25kSGUo1919sBORWyA==",
        visibility: "private",
        author: { externalId: "pttm25kSGUo1919sBORWyA==", displayName: "Анна Петрова" },
        text: "Где мой заказ 4581-2290? Жду третий день 😞",
        attachments: [],
        sentAt: new Date(1719385200123),
        replyTarget: { receiver: "pttm25kSGUo1919sBORWyA==" },
      },
    ]);
  });
  it("keeps pictures, files, stickers, locations and contacts as attachments", () => {
    expect(parseFixture("message_picture")[0]).toMatchObject({
      text: "Вот так пришла коробка",
      attachments: [{ type: "image", ref: expect.stringMatching(/^https:\/\/dl-media\.viber\.com\//) }],
    });
    expect(parseFixture("message_file")[0]).toMatchObject({
      text: "",
      attachments: [{ type: "file", name: "receipt-4581-2290.pdf" }],
    });
    expect(parseFixture("message_sticker")[0]).toMatchObject({
      author: { displayName: "Jānis Bērziņš" },
      attachments: [{ type: "sticker" }],
    });
    expect(parseFixture("message_location")[0]).toMatchObject({
      attachments: [{ type: "location", name: "52.2297,21.0122" }],
    });
    expect(parseFixture("message_contact")[0]).toMatchObject({
      attachments: [{ type: "contact", name: "Piotr Nowak +48600100200" }],
    });
  });
  it("reads a keyboard button's payload from the tracking_data Viber hands back", () => {
    expect(parseFixture("message_keyboard_reply")[0]).toMatchObject({
      text: "5",
      choice: "survey:8c0f2a51-1b7e-4d0c-9a55-3f6b2f9d7e10:5",
    });
  });
  it("tracks subscribing and unsubscribing on the person's thread", () => {
    expect(parseFixture("subscribed")).toEqual([
      {
        type: "subscription",
        platform: "viber",
        threadKey: "chat:pttm25kSGUo1919sBORWyA==",
        subscribed: true,
        at: new Date(1719385100000),
      },
    ]);
    expect(parseFixture("unsubscribed")).toEqual([
      {
        type: "subscription",
        platform: "viber",
        threadKey: "chat:pttm25kSGUo1919sBORWyA==",
        subscribed: false,
        at: new Date(1719558000000),
      },
    ]);
  });
  it("turns delivered, seen and failed into the sent message's state", () => {
    expect(parseFixture("delivered")).toEqual([
      {
        type: "delivery_status",
        platform: "viber",
        externalId: "5741311851017895935",
        status: "delivered",
        at: new Date(1719385211000),
      },
    ]);
    expect(parseFixture("seen")).toEqual([
      {
        type: "delivery_status",
        platform: "viber",
        externalId: "5741311851017895935",
        status: "read",
        at: new Date(1719385245000),
      },
      {
        type: "read_up_to",
        platform: "viber",
        threadKey: "chat:pttm25kSGUo1919sBORWyA==",
        at: new Date(1719385245000),
      },
    ]);
    expect(parseFixture("failed")).toEqual([
      {
        type: "delivery_status",
        platform: "viber",
        externalId: "5741311855312863231",
        status: "failed",
        at: new Date(1719385212000),
        error: "Viber could not deliver the message: failure description",
      },
    ]);
  });
  it("records conversation_started as nothing to answer, and sets unknown events aside with the reason", () => {
    expect(parseFixture("conversation_started")).toMatchObject([{ type: "ignored" }]);
    expect(() => parseFixture("unknown_event")).toThrow(UnparseableEventError);
    expect(() => parseFixture("unknown_event")).toThrow(/message_reaction/);
    expect(() =>
      viberAdapter.parse({ event: "message", timestamp: 1, message_token: "1" }, channel()),
    ).toThrow(/sender/);
  });
  it("names a person without a name as a Viber user, and keeps an unknown message type with a placeholder", () => {
    const event = JSON.parse(raw("message_text").toString("utf8"));
    event.message_token = "1";
    event.sender.name = "  ";
    event.message = { type: "rich_media", media: "https://example.com/x" };
    expect(viberAdapter.parse(event, channel())[0]).toMatchObject({
      author: { displayName: "Viber user" },
      text: "",
      attachments: [{ type: "other", name: "Viber rich_media message" }],
    });
  });
});

describe("Viber welcome message", () => {
  it("answers conversation_started with the welcome in send_message's shape, without a receiver", () => {
    const verdict = receive(signed(raw("conversation_started")), {
      welcomeMessage: "Здравствуйте! Чем помочь?",
    });
    expect(verdict).toMatchObject({ kind: "events", ackContentType: "application/json" });
    expect(JSON.parse((verdict as { ackBody: string }).ackBody)).toEqual({
      sender: { name: "Nordmart" },
      min_api_version: 1,
      type: "text",
      text: "Здравствуйте! Чем помочь?",
    });
  });
  it("sends no welcome when none is configured, or to a person already subscribed", () => {
    expect(receive(signed(raw("conversation_started")))).not.toHaveProperty("ackBody");
    const subscribed = raw("conversation_started")
      .toString("utf8")
      .replace('"subscribed": false', '"subscribed": true');
    expect(receive(signed(subscribed), { welcomeMessage: "Hi" })).not.toHaveProperty("ackBody");
  });
});

describe("Viber API against the simulator's fake", () => {
  const state = new SimulatorState();
  const fake = createViberFake({ checkWebhookOnSet: false, deliveredReceipts: false, timeoutStallMs: 50 });
  fake.addBot({ authToken: TOKEN, name: "Nordmart", uri: "nordmart" });
  const person = { id: 4242, firstName: "Anna", languageCode: "ru" as const };
  const receiver = viberUserIdOf(person.id);
  let server: Listening;
  let base = "";
  let hooks: Listening;
  beforeAll(async () => {
    const app = new Hono();
    fake.mount(app, state);
    server = await listenHttp(app.fetch, 0);
    base = server.url;
    // Where the fake posts callbacks (the person writing subscribes them); the door itself is tested above.
    hooks = await listenHttp(() => new Response("ok"), 0);
    await viberAdapter.connect!(channel({}, base), `${hooks.url}/webhooks/viber/c1`);
    await fake.message(TOKEN, person, "Привет");
  });
  afterAll(async () => {
    await server.close();
    await hooks.close();
  });
  const reply = (key: string, text = "Здравствуйте, Анна!") => ({
    kind: "reply" as const,
    text,
    visibility: "private" as const,
    replyTarget: { receiver },
    idempotencyKey: key,
  });

  it("registers the webhook with set_webhook and every event type, authenticated by X-Viber-Auth-Token", () => {
    const call = state.callsOf("viber", "set_webhook").at(-1)!;
    expect(call.params).toMatchObject({
      url: expect.stringMatching(/\/webhooks\/viber\/c1$/),
      event_types: ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"],
      send_name: true,
      send_photo: true,
    });
    expect(fake.webhookOf(TOKEN)?.url).toBe(call.params.url);
  });
  it("sends text with send_message and keeps the answer's 64-bit token exactly", async () => {
    const result = await viberAdapter.send(reply("parley-v1"), channel({}, base));
    expect(result).toMatchObject({ ok: true, externalId: expect.stringMatching(/^\d{19}$/) });
    const sent = fake.sentTo(TOKEN, person.id).at(-1)!;
    expect((result as { externalId: string }).externalId).toBe(sent.token);
    expect(BigInt(sent.token) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(state.callsOf("viber", "send_message").at(-1)!.params).toMatchObject({
      receiver,
      min_api_version: 1,
      sender: { name: "Nordmart" },
      type: "text",
      text: "Здравствуйте, Анна!",
      tracking_data: JSON.stringify({ parley: { key: "parley-v1" } }),
    });
  });
  it("draws survey choices as a reply keyboard whose labels map back through tracking_data", async () => {
    const choices = [5, 4, 3, 2, 1].map((score) => ({
      label: String(score),
      description: score === 5 ? "Excellent" : undefined,
      payload: `survey:s1:${score}`,
    }));
    expect(
      await viberAdapter.send({ ...reply("parley-v2", "Оцените нас"), choices }, channel({}, base)),
    ).toMatchObject({
      ok: true,
    });
    const body = state.callsOf("viber", "send_message").at(-1)!.params as {
      keyboard: { Buttons: { ActionType: string; ActionBody: string; Text: string; Columns: number }[] };
    };
    expect(body.keyboard.Buttons.map((b) => [b.ActionType, b.ActionBody, b.Text])).toEqual([
      ["reply", "5", "5 · Excellent"],
      ["reply", "4", "4"],
      ["reply", "3", "3"],
      ["reply", "2", "2"],
      ["reply", "1", "1"],
    ]);
    expect(body.keyboard.Buttons.every((b) => b.Columns === 1)).toBe(true);
    // The person presses "4": Viber sends "4" as their text with the message's tracking_data.
    const pressed = await fake.pressButton(TOKEN, person, "4");
    expect(viberAdapter.parse(pressed.payload, channel())[0]).toMatchObject({
      text: "4",
      choice: "survey:s1:4",
    });
  });
  it("maps an unsubscribed receiver (6) to a refusal of this message only", async () => {
    state.injectFault({ platform: "viber", method: "send_message", kind: "error", errorCode: 6 });
    expect(await viberAdapter.send(reply("parley-v3"), channel({}, base))).toMatchObject({
      ok: false,
      error: {
        code: "recipient_unsubscribed",
        retryable: false,
        status: "Viber 6",
        message: "Viber 6 (receiverNotSubscribed): receiverNotSubscribed",
      },
    });
  });
  it("maps a wrong token (2) to re-authorisation and throttling (12) to a retry without a wait", async () => {
    expect(
      await viberAdapter.send(reply("parley-v4"), channel({ authToken: "not-the-token" }, base)),
    ).toMatchObject({
      ok: false,
      error: { code: "token_invalid", needsReauth: true, retryable: false },
    });
    state.injectFault({ platform: "viber", method: "send_message", kind: "429" });
    expect(await viberAdapter.send(reply("parley-v5"), channel({}, base))).toMatchObject({
      ok: false,
      error: { code: "rate_limited", retryable: true, retryAfterSeconds: undefined, status: "Viber 12" },
    });
    state.injectFault({ platform: "viber", method: "send_message", kind: "500", httpStatus: 503 });
    expect(await viberAdapter.send(reply("parley-v6"), channel({}, base))).toMatchObject({
      ok: false,
      error: { code: "platform_unavailable", retryable: true, status: "Viber HTTP 503" },
    });
  });
  it("refuses an empty or over-long text before calling Viber, and sends 7,000 characters", async () => {
    const calls = state.callsOf("viber", "send_message").length;
    expect(await viberAdapter.send(reply("parley-v7", "x".repeat(7001)), channel({}, base))).toMatchObject({
      ok: false,
      error: { code: "invalid_text" },
    });
    expect(state.callsOf("viber", "send_message")).toHaveLength(calls);
    expect(await viberAdapter.send(reply("parley-v8", "ё".repeat(7000)), channel({}, base))).toMatchObject({
      ok: true,
    });
  });
  it("probes with get_account_info", async () => {
    expect(await viberAdapter.probe!(channel({}, base))).toEqual({ ok: true });
    expect(await viberAdapter.probe!(channel({ authToken: "revoked-token" }, base))).toMatchObject({
      ok: false,
      error: { needsReauth: true },
    });
  });
  it("fails to connect when Viber cannot reach the webhook (its check answers status 1)", async () => {
    const checking = createViberFake({ deliveredReceipts: false });
    checking.addBot({ authToken: TOKEN, name: "Nordmart", uri: "nordmart" });
    const app = new Hono();
    checking.mount(app, new SimulatorState());
    const api = await listenHttp(app.fetch, 0);
    try {
      await expect(
        viberAdapter.connect!(channel({}, api.url), "http://127.0.0.1:9/webhooks/viber/c1"),
      ).rejects.toThrow(/Viber 1 \(invalidUrl\)/);
      expect(checking.webhookOf(TOKEN)).toBeNull();
    } finally {
      await api.close();
    }
  });
});
