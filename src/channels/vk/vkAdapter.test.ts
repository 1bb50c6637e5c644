import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../domain/inboundEvent.ts";
import { type Listening, listenHttp } from "../../server/listen.ts";
import { SimulatorState } from "../../simulator/simulatorState.ts";
import { type ChannelContext, UnparseableEventError } from "../channelAdapter.ts";
import { createVkFake } from "./fakeVkApi.ts";
import { randomIdFor, type VkSettings, vkAdapter } from "./vkAdapter.ts";

const GROUP = 201077021;
const raw = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8");
const fixture = (name: string): unknown => JSON.parse(raw(name));
const channel = (
  apiBaseUrl = "http://127.0.0.1:9",
  accessToken = "vk-token",
): ChannelContext<VkSettings> => ({
  id: "c1",
  workspaceId: "w1",
  platform: "vk",
  apiBaseUrl,
  settings: {
    groupId: GROUP,
    accessToken,
    secretKey: "vk-secret",
    confirmationCode: "d8v2ve07",
    apiVersion: "5.199",
  },
});
const receive = (body: string) =>
  vkAdapter.receiveWebhook({ method: "POST", headers: {}, query: {}, rawBody: body }, channel());
const parseOne = (name: string) => vkAdapter.parse(fixture(name), channel())[0]!;

describe("VK Callback API verification", () => {
  it("answers the confirmation request with the community's code", () => {
    expect(receive(raw("confirmation"))).toEqual({ kind: "handshake", status: 200, body: "d8v2ve07" });
  });
  it("accepts an event with the right secret, keyed on event_id, and acknowledges with ok", () => {
    expect(receive(raw("message_new"))).toMatchObject({
      kind: "events",
      ackBody: "ok",
      events: [{ dedupKey: "event:46e87d9c892ee9265959eb40efb9e55e61f9f761" }],
    });
  });
  it("rejects a missing or wrong secret and another community's events", () => {
    const event = fixture("message_new") as Record<string, unknown>;
    expect(receive(JSON.stringify({ ...event, secret: undefined }))).toMatchObject({
      kind: "rejected",
      status: 401,
    });
    expect(receive(JSON.stringify({ ...event, secret: "guess" }))).toMatchObject({
      kind: "rejected",
      status: 403,
    });
    expect(receive(JSON.stringify({ ...event, group_id: 1 }))).toMatchObject({
      kind: "rejected",
      status: 403,
    });
  });
  it("cannot trust a body it cannot read, and keeps an authentic event without object as malformed", () => {
    expect(receive("not json")).toMatchObject({ kind: "rejected", status: 401 });
    expect(
      receive(JSON.stringify({ type: "message_new", group_id: GROUP, secret: "vk-secret", event_id: "x" })),
    ).toMatchObject({ kind: "malformed" });
  });
  it("falls back to a hash of the body when event_id is absent", () => {
    const event = { ...(fixture("message_new") as Record<string, unknown>), event_id: undefined };
    expect(receive(JSON.stringify(event))).toMatchObject({
      kind: "events",
      events: [{ dedupKey: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }],
    });
  });
});

describe("VK event parsing", () => {
  it("turns message_new (API 5.199) into a private thread per peer", () => {
    expect(parseOne("message_new")).toMatchObject({
      type: "message",
      externalId: "msg:154640822_32",
      threadKey: "chat:154640822",
      visibility: "private",
      text: "Здравствуйте! Когда привезете заказ?",
      replyTarget: { peerId: 154640822 },
      author: { externalId: "154640822" },
    });
  });
  it("reads the older message_new shape too", () => {
    expect(parseOne("message_new_legacy")).toMatchObject({
      externalId: "msg:154640822_33",
      text: "Old API shape 🙂",
    });
  });
  it("applies message_edit to the same message id with its update time", () => {
    const event = parseOne("message_edit") as InboundMessage;
    expect(event.externalId).toBe("msg:154640822_32");
    expect(event.editedAt?.getTime()).toBe(1719385200_000);
  });
  it("accepts attachment-only messages", () => {
    expect(parseOne("message_photo_only")).toMatchObject({
      text: "",
      attachments: [{ type: "image", ref: "photo154640822_457239017" }],
    });
  });
  it("shows a message that only shares a location as the place and a pin", () => {
    expect(parseOne("message_geo_only")).toMatchObject({
      text: "📍 Санкт-Петербург, Невский проспект, Санкт-Петербург, Россия (59.93863, 30.31413)",
      attachments: [
        { type: "location", ref: "geo:59.93863,30.31413", name: "Санкт-Петербург, Невский проспект" },
      ],
    });
  });
  it("keeps the largest photo size's address and a document's own, for the server to fetch", () => {
    const event = fixture("message_photo_only") as { object: { message: { attachments: unknown[] } } };
    event.object.message.attachments = [
      {
        type: "photo",
        photo: {
          id: 1,
          owner_id: 2,
          sizes: [
            { type: "s", url: "https://sun9-1.userapi.com/s.jpg", width: 75, height: 50 },
            { type: "x", url: "https://sun9-1.userapi.com/x.jpg", width: 604, height: 403 },
          ],
        },
      },
      {
        type: "doc",
        doc: { id: 3, owner_id: 2, title: "чек.pdf", size: 2048, url: "https://vk.com/doc2_3?hash=h" },
      },
    ];
    expect((vkAdapter.parse(event, channel())[0] as InboundMessage).attachments).toEqual([
      {
        type: "image",
        ref: "photo2_1",
        url: "https://sun9-1.userapi.com/x.jpg",
        mimeType: "image/jpeg",
        width: 604,
        height: 403,
      },
      { type: "file", ref: "doc2_3", name: "чек.pdf", url: "https://vk.com/doc2_3?hash=h", size: 2048 },
    ]);
  });
  it("keeps a 4,096-character message whole", () => {
    const event = fixture("message_new") as { object: { message: { text: string } } };
    event.object.message.text = "ё".repeat(4096);
    expect((vkAdapter.parse(event, channel())[0] as InboundMessage).text).toHaveLength(4096);
  });
  it("records a community post with its permalink", () => {
    expect(parseOne("wall_post_new")).toEqual({
      type: "post",
      platform: "vk",
      post: {
        externalId: "-201077021_5",
        text: "Новое меню! Пицца карбонара уже в продаже.",
        permalink: "https://vk.com/wall-201077021_5",
        createdAt: new Date(1607801000_000),
      },
    });
  });
  it("opens one public thread per top-level comment, carrying its post (post_owner_id payloads too)", () => {
    expect(parseOne("wall_reply_new")).toMatchObject({
      externalId: "wallcomment:-201077021_8",
      threadKey: "comment:-201077021_5:8",
      visibility: "public",
      post: { externalId: "-201077021_5" },
      replyTarget: { ownerId: -201077021, postId: 5, commentId: 8, peerId: 343298673 },
    });
  });
  it("puts a reply in its top-level comment's thread and links its parent", () => {
    expect(parseOne("wall_reply_nested")).toMatchObject({
      threadKey: "comment:-201077021_5:8",
      parentExternalId: "wallcomment:-201077021_8",
      text: "[id343298673|Иван], тоже интересно 🍕",
    });
  });
  it("treats wall_reply_edit as an edit of the same comment", () => {
    const event = parseOne("wall_reply_edit") as InboundMessage;
    expect(event.externalId).toBe("wallcomment:-201077021_8");
    expect(event.editedAt).toBeInstanceOf(Date);
  });
  it("turns wall_reply_delete into a deletion by id", () => {
    expect(parseOne("wall_reply_delete")).toMatchObject({
      type: "message_deleted",
      externalId: "wallcomment:-201077021_8",
    });
  });
  it("detects mentions of the community", () => {
    const event = fixture("message_new") as { object: { message: { text: string } } };
    event.object.message.text = `[club${GROUP}|Nordmart], помогите`;
    expect((vkAdapter.parse(event, channel())[0] as InboundMessage).mentionsAccount).toBe(true);
  });
  it("hands back the random_id of the community's own message, as sendKeyOf derives it from the outbox key", () => {
    const echo = vkAdapter.parse(
      {
        type: "message_reply",
        group_id: GROUP,
        object: {
          id: 12,
          date: 1_700_000_000,
          peer_id: 154640822,
          from_id: -GROUP,
          out: 1,
          text: "Сотрудник скоро подключится.",
          conversation_message_id: 9,
          random_id: randomIdFor("parley-m1"),
        },
      },
      channel(),
    )[0] as InboundMessage;
    expect(echo).toMatchObject({ fromAccount: true, sendKey: vkAdapter.sendKeyOf!("parley-m1") });
    // Written in VK's own interface: no key of Parley's.
    const typed = vkAdapter.parse(
      {
        type: "message_reply",
        group_id: GROUP,
        object: {
          id: 13,
          date: 1,
          peer_id: 1,
          from_id: -GROUP,
          out: 1,
          text: "x",
          conversation_message_id: 10,
        },
      },
      channel(),
    )[0] as InboundMessage;
    expect(typed.sendKey).toBeUndefined();
  });
  it("ignores typing and refuses unknown types with the reason", () => {
    expect(parseOne("typing")).toMatchObject({ type: "ignored" });
    expect(() => vkAdapter.parse(fixture("unknown_type"), channel())).toThrow(UnparseableEventError);
    expect(() => vkAdapter.parse(fixture("unknown_type"), channel())).toThrow(/market_order_new/);
    expect(() =>
      vkAdapter.parse({ type: "message_new", object: { message: { text: "x" } } }, channel()),
    ).toThrow(/peer_id/);
  });
});

describe("VK sending against the simulator's API", () => {
  const state = new SimulatorState();
  const fake = createVkFake({ timeoutStallMs: 50 });
  fake.addCommunity({
    groupId: GROUP,
    accessToken: "vk-token",
    secretKey: "vk-secret",
    confirmationCode: "d8v2ve07",
  });
  let server: Listening;
  let base = "";
  beforeAll(async () => {
    const app = new Hono();
    fake.mount(app, state);
    server = await listenHttp(app.fetch, 0);
    base = server.url;
  });
  afterAll(() => server.close());
  const dm = (key: string, text = "Здравствуйте!") => ({
    kind: "reply" as const,
    text,
    visibility: "private" as const,
    replyTarget: { peerId: 154640822 },
    idempotencyKey: key,
  });

  it("derives a stable non-zero int32 random_id from the idempotency key", () => {
    expect(randomIdFor("parley-a")).toBe(randomIdFor("parley-a"));
    expect(randomIdFor("parley-a")).not.toBe(randomIdFor("parley-b"));
    expect(Math.abs(randomIdFor("parley-a"))).toBeLessThan(2 ** 31);
  });
  it("sends a private reply with messages.send; a repeat with the same key is deduplicated by VK", async () => {
    const first = await vkAdapter.send(dm("parley-m1"), channel(base));
    const again = await vkAdapter.send(dm("parley-m1"), channel(base));
    expect(first).toMatchObject({ ok: true, externalId: expect.stringMatching(/^msg:154640822_\d+$/) });
    expect(again).toEqual(first);
    expect(state.callsOf("vk", "messages.send").map((c) => c.outcome)).toEqual(["ok", "duplicate"]);
    expect(state.callsOf("vk", "messages.send")[0]!.params).toMatchObject({
      peer_ids: "154640822",
      v: "5.199",
      access_token: "***",
      random_id: String(randomIdFor("parley-m1")),
    });
  });
  it("replies publicly under the comment with wall.createComment from the community", async () => {
    const result = await vkAdapter.send(
      {
        kind: "reply",
        text: "Без лука — 590 ₽",
        visibility: "public",
        replyTarget: { ownerId: -GROUP, postId: 5, commentId: 8 },
        idempotencyKey: "parley-c1",
      },
      channel(base),
    );
    expect(result).toMatchObject({
      ok: true,
      externalId: expect.stringMatching(/^wallcomment:-201077021_\d+$/),
    });
    expect(state.callsOf("vk", "wall.createComment").at(-1)!.params).toMatchObject({
      owner_id: "-201077021",
      post_id: "5",
      reply_to_comment: "8",
      from_group: String(GROUP),
      guid: "parley-c1",
    });
  });
  it("sends a private reply to a commenter from a public thread", async () => {
    await vkAdapter.send(
      {
        kind: "reply",
        text: "Пишу в личку",
        visibility: "private",
        replyTarget: { ownerId: -GROUP, postId: 5, commentId: 8, peerId: 343298673 },
        idempotencyKey: "parley-p1",
      },
      channel(base),
    );
    expect(state.callsOf("vk", "messages.send").at(-1)!.params.peer_ids).toBe("343298673");
  });
  it("maps flood and rate errors to retries with VK's waits", async () => {
    state.injectFault({ platform: "vk", method: "messages.send", kind: "429" });
    expect(await vkAdapter.send(dm("parley-r1"), channel(base))).toMatchObject({
      ok: false,
      error: {
        code: "rate_limited",
        retryable: true,
        retryAfterSeconds: 1,
        message: "VK error 6: Too many requests per second",
      },
    });
    state.injectFault({ platform: "vk", method: "messages.send", kind: "500" });
    expect(await vkAdapter.send(dm("parley-r2"), channel(base))).toMatchObject({
      ok: false,
      error: { retryable: true },
    });
  });
  it("maps a revoked token (error 5) to re-authorisation", async () => {
    expect(await vkAdapter.send(dm("parley-t1"), channel(base, "revoked"))).toMatchObject({
      ok: false,
      error: { code: "token_invalid", needsReauth: true, retryable: false },
    });
  });
  it("refuses an over-long text before calling VK and sends 4,096 characters", async () => {
    expect(await vkAdapter.send(dm("parley-l1", "x".repeat(4097)), channel(base))).toMatchObject({
      ok: false,
      error: { code: "invalid_text" },
    });
    expect(await vkAdapter.send(dm("parley-l2", "ж".repeat(4096)), channel(base))).toMatchObject({
      ok: true,
    });
  });
});
