import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../domain/inboundEvent.ts";
import { type Listening, listenHttp } from "../../server/listen.ts";
import { SimulatorState } from "../../simulator/simulatorState.ts";
import { type ChannelContext, UnparseableEventError } from "../channelAdapter.ts";
import { createTelegramFake } from "./fakeTelegramApi.ts";
import { type TelegramSettings, telegramAdapter } from "./telegramAdapter.ts";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8"));
const TOKEN = "7000000001:test-token";
const channel = (apiBaseUrl = "http://127.0.0.1:9"): ChannelContext<TelegramSettings> => ({
  id: "c1",
  workspaceId: "w1",
  platform: "telegram",
  apiBaseUrl,
  settings: { botToken: TOKEN, webhookSecret: "s3cret_-", mode: "webhook", botUsername: "Nordmart_Help_Bot" },
});
const parseOne = (name: string) => telegramAdapter.parse(fixture(name), channel())[0]!;
const request = (body: string, secret?: string) => ({
  method: "POST",
  query: {},
  rawBody: body,
  headers: (secret === undefined ? {} : { "x-telegram-bot-api-secret-token": secret }) as Record<
    string,
    string
  >,
});

describe("Telegram webhook verification", () => {
  const body = JSON.stringify(fixture("private_text"));
  it("accepts the right secret token and keys the event on update_id", () => {
    const verdict = telegramAdapter.receiveWebhook(request(body, "s3cret_-"), channel());
    expect(verdict).toEqual({
      kind: "events",
      events: [{ dedupKey: "update:5", payload: fixture("private_text") }],
    });
  });
  it("answers 401 without the header and 403 with a wrong one", () => {
    expect(telegramAdapter.receiveWebhook(request(body), channel())).toMatchObject({
      kind: "rejected",
      status: 401,
    });
    expect(telegramAdapter.receiveWebhook(request(body, "s3cret_"), channel())).toMatchObject({
      kind: "rejected",
      status: 403,
    });
  });
  it("keeps an authentic but malformed body for inspection", () => {
    expect(telegramAdapter.receiveWebhook(request("{oops", "s3cret_-"), channel())).toMatchObject({
      kind: "malformed",
      rawBody: "{oops",
    });
    expect(telegramAdapter.receiveWebhook(request('{"message":{}}', "s3cret_-"), channel())).toMatchObject({
      kind: "malformed",
    });
  });
});

describe("Telegram update parsing", () => {
  it("turns a private text into a private thread per chat", () => {
    const event = parseOne("private_text") as InboundMessage;
    expect(event).toMatchObject({
      type: "message",
      externalId: "111111:5",
      threadKey: "chat:111111",
      visibility: "private",
      text: "Hello, I need your Help",
      replyTarget: { chatId: 111111 },
    });
    expect(event.author).toMatchObject({
      externalId: "111111",
      displayName: "Test Firstname Test Lastname",
      username: "Testusername",
    });
    expect(event.sentAt.toISOString()).toBe("2015-09-07T17:05:32.000Z");
    expect(event.editedAt).toBeUndefined();
  });
  it("marks a group message that mentions the bot as public and addressed to the brand", () => {
    const event = parseOne("group_mention") as InboundMessage;
    expect(event).toMatchObject({
      visibility: "public",
      mentionsAccount: true,
      placeName: "Nordmart Klub",
      threadKey: "chat:-1001234567890",
    });
  });
  it("counts a reply to the bot's message as a mention and links the parent", () => {
    const event = parseOne("reply_to_bot") as InboundMessage;
    expect(event.mentionsAccount).toBe(true);
    expect(event.parentExternalId).toBe("-1001234567890:89");
    expect(event.text).toBe("Dziękuję 🙏");
  });
  it("attributes a channel post to the channel", () => {
    const event = parseOne("channel_post") as InboundMessage;
    expect(event.author).toMatchObject({ externalId: "-1009876543210", displayName: "Nordmart News" });
  });
  it("keeps the message id of an edit and records when it was edited", () => {
    const event = parseOne("edited_message") as InboundMessage;
    expect(event.externalId).toBe("111111:5");
    expect(event.editedAt?.toISOString()).toBe("2015-09-07T17:06:40.000Z");
  });
  it("takes the caption as text and the largest photo as attachment", () => {
    const event = parseOne("photo_caption") as InboundMessage;
    expect(event.text).toBe("Kaste bija saplēsta 😡");
    expect(event.attachments).toEqual([
      { type: "image", ref: "large-id", mimeType: "image/jpeg", width: 1280, height: 853 },
    ]);
  });
  it("accepts attachment-only messages with empty text", () => {
    const event = parseOne("sticker_only") as InboundMessage;
    expect(event.text).toBe("");
    expect(event.attachments).toEqual([
      { type: "sticker", ref: "sticker-id", name: "👍", mimeType: "image/webp", width: 512, height: 512 },
    ]);
  });
  it("shows the data a Mini App sent back, under its button's label", () => {
    expect(parseOne("web_app_data")).toMatchObject({
      type: "message",
      text: 'Mainīt pasūtījumu: {"order":"A-1042","size":"M"}',
      attachments: [],
    });
  });
  it("keeps a 4,096-character text whole", () => {
    const update = fixture("private_text") as { message: { text: string } };
    update.message.text = "Ж".repeat(4096);
    expect((telegramAdapter.parse(update, channel())[0] as InboundMessage).text).toHaveLength(4096);
  });
  it("ignores membership updates and refuses unknown kinds with the reason", () => {
    expect(parseOne("my_chat_member")).toMatchObject({ type: "ignored" });
    expect(() => telegramAdapter.parse(fixture("unknown_kind"), channel())).toThrow(UnparseableEventError);
    expect(() => telegramAdapter.parse(fixture("unknown_kind"), channel())).toThrow(/brand_new_thing/);
    expect(() => telegramAdapter.parse({ update_id: 1, message: { text: "no chat" } }, channel())).toThrow(
      /chat/,
    );
  });
});

describe("Telegram sending against the simulator's Bot API", () => {
  const state = new SimulatorState();
  const fake = createTelegramFake({ timeoutStallMs: 50 });
  fake.addBot({ token: TOKEN, username: "Nordmart_Help_Bot", firstName: "Nordmart Help" });
  let server: Listening;
  let base = "";
  beforeAll(async () => {
    const app = new Hono();
    fake.mount(app, state);
    server = await listenHttp(app.fetch, 0);
    base = server.url;
  });
  afterAll(() => server.close());
  const reply = (text: string, extra: object = {}) => ({
    kind: "reply" as const,
    text,
    visibility: "private" as const,
    replyTarget: { chatId: 111111 },
    idempotencyKey: "k1",
    ...extra,
  });

  it("sends with sendMessage, quoting the message it answers", async () => {
    const result = await telegramAdapter.send(
      reply("Привет! 👋", { inReplyToExternalId: "111111:5" }),
      channel(base),
    );
    expect(result).toMatchObject({ ok: true, externalId: expect.stringMatching(/^111111:\d+$/) });
    const call = state.callsOf("telegram", "sendMessage").at(-1)!;
    expect(call.params).toMatchObject({
      chat_id: 111111,
      text: "Привет! 👋",
      reply_parameters: { message_id: 5, allow_sending_without_reply: true },
    });
  });
  it("maps 429 to a retry after the platform's retry_after", async () => {
    state.injectFault({ platform: "telegram", method: "sendMessage", kind: "429", retryAfterSeconds: 35 });
    const result = await telegramAdapter.send(reply("x"), channel(base));
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: "rate_limited", retryable: true, retryAfterSeconds: 35 }),
    });
  });
  it("maps 500 and timeouts to retryable errors", async () => {
    state.injectFault({ platform: "telegram", method: "sendMessage", kind: "500" });
    expect(await telegramAdapter.send(reply("x"), channel(base))).toMatchObject({
      ok: false,
      error: { code: "platform_unavailable", retryable: true },
    });
    state.injectFault({ platform: "telegram", method: "sendMessage", kind: "timeout" });
    expect(await telegramAdapter.send(reply("x"), channel(base))).toMatchObject({
      ok: false,
      error: { retryable: true },
    });
  });
  it("maps a revoked token to a permanent error that asks for re-authorisation", async () => {
    const result = await telegramAdapter.send(reply("x"), {
      ...channel(base),
      settings: { ...channel().settings, botToken: "1:revoked" },
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "token_invalid",
        retryable: false,
        needsReauth: true,
        message: "Telegram 401: Unauthorized",
      },
    });
  });
  it("refuses texts over 4,096 characters before calling the platform", async () => {
    const before = state.calls.length;
    expect(await telegramAdapter.send(reply("x".repeat(4097)), channel(base))).toMatchObject({
      ok: false,
      error: { code: "invalid_text" },
    });
    expect(state.calls.length).toBe(before);
  });
  it("sends a 4,096-character text", async () => {
    expect(await telegramAdapter.send(reply("я".repeat(4096)), channel(base))).toMatchObject({ ok: true });
  });
  it("reports a network failure as retryable", async () => {
    expect(await telegramAdapter.send(reply("x"), channel("http://127.0.0.1:9"))).toMatchObject({
      ok: false,
      error: { code: "network_error", retryable: true },
    });
  });
  it("long-polls getUpdates and moves the cursor past what it received", async () => {
    const polling: ChannelContext<TelegramSettings> = {
      ...channel(base),
      settings: { ...channel().settings, mode: "polling" },
    };
    await telegramAdapter.connect!(polling, "http://unused");
    await fake.act(TOKEN, {
      person: { id: 42, firstName: "Poll", languageCode: "en" },
      text: "via polling",
      visibility: "private",
    });
    const first = await telegramAdapter.poll!(polling, null, AbortSignal.timeout(5000));
    expect(first.events).toHaveLength(1);
    expect((first.events[0]!.payload as { message: { text: string } }).message.text).toBe("via polling");
    const updateId = (first.events[0]!.payload as { update_id: number }).update_id;
    expect(first.nextCursor).toBe(String(updateId + 1));
  });
});

describe("Telegram inline button presses", () => {
  it("turns a callback_query into the person's message with the button's label and data", () => {
    const event = parseOne("callback_query") as InboundMessage;
    expect(event).toMatchObject({
      type: "message",
      externalId: "callback:4382bfdwdsb323b2d9",
      threadKey: "chat:1111111",
      visibility: "private",
      text: "4",
      choice: "survey:0b6c1d2e-1111-4222-8333-944445555666:4",
      choiceAckId: "4382bfdwdsb323b2d9",
      parentExternalId: "1111111:88",
      author: { externalId: "1111111", displayName: "Test Firstname Test Lastname" },
    });
  });
  it("ignores a press without its message (inline mode, or too old)", () => {
    const update = fixture("callback_query") as { callback_query: Record<string, unknown> };
    delete update.callback_query.message;
    expect(telegramAdapter.parse(update, channel())).toEqual([
      { type: "ignored", platform: "telegram", reason: "callback_query without a message or data" },
    ]);
  });
});
