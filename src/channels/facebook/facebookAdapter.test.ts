import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InboundEvent, InboundMessage } from "../../domain/inboundEvent.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/simulatorServer.ts";
import {
  type ChannelContext,
  type OutboundReply,
  type RawEventInput,
  UnparseableEventError,
  type WebhookVerdict,
} from "../channelAdapter.ts";
import { signMetaBody } from "../meta/metaWebhook.ts";
import { type FacebookSettings, facebookAdapter } from "./facebookAdapter.ts";

const SECRET = "meta-app-secret";
const channel: ChannelContext<FacebookSettings> = {
  id: "c1",
  workspaceId: "w1",
  platform: "facebook",
  apiBaseUrl: "http://127.0.0.1:9",
  settings: {
    appId: "1234567890",
    appSecret: SECRET,
    verifyToken: "meta-verify-token",
    accountId: "111000111",
    accessToken: "page-token-123",
    apiVersion: "v25.0",
  },
};
const raw = (name: string) =>
  JSON.stringify(JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")));
const receive = (body: string, signature: string | null = signMetaBody(body, SECRET)): WebhookVerdict =>
  facebookAdapter.receiveWebhook(
    {
      method: "POST",
      query: {},
      rawBody: body,
      headers: signature ? { "x-hub-signature-256": signature } : {},
    },
    channel,
  );
const eventsOf = (name: string): RawEventInput[] => {
  const verdict = receive(raw(name));
  if (verdict.kind !== "events") throw new Error(`expected events, got ${verdict.kind}`);
  return verdict.events;
};
const parsed = (name: string): InboundEvent[] =>
  eventsOf(name).flatMap((e) => facebookAdapter.parse(e.payload, channel));

describe("Meta webhook door for Pages", () => {
  it("verifies X-Hub-Signature-256 over the raw body", () => {
    const body = raw("feed_legacy_sender");
    expect(receive(body).kind).toBe("events");
    expect(receive(body, null)).toMatchObject({ kind: "rejected", status: 401 });
    expect(receive(body, signMetaBody(`${body} `, SECRET))).toMatchObject({ kind: "rejected", status: 403 });
    expect(receive(body, signMetaBody(body, "other-secret"))).toMatchObject({
      kind: "rejected",
      status: 403,
    });
  });
  it("answers the GET handshake, accepting PHP-style parameter names", () => {
    const get = (query: Record<string, string>) =>
      facebookAdapter.receiveWebhook({ method: "GET", query, rawBody: "", headers: {} }, channel);
    expect(
      get({ "hub.mode": "subscribe", "hub.challenge": "42", "hub.verify_token": "meta-verify-token" }),
    ).toEqual({ kind: "handshake", status: 200, body: "42" });
    expect(
      get({ hub_mode: "subscribe", hub_challenge: "43", hub_verify_token: "meta-verify-token" }),
    ).toEqual({ kind: "handshake", status: 200, body: "43" });
    expect(get({ "hub.mode": "subscribe", "hub.challenge": "42", "hub.verify_token": "nope" })).toMatchObject(
      { kind: "rejected", status: 403 },
    );
  });
  it("cuts a batch into one event per change and per messaging item, each routed by page id", () => {
    const events = eventsOf("batch_feed_and_messenger");
    expect(events.map((e) => e.dedupKey)).toEqual([
      "feed:comment:add:900_1001:1764000000",
      "feed:comment:add:900_1002:1764000050",
      "mid:m_AAA",
      "mid:m_BBB",
    ]);
    expect(new Set(events.map((e) => e.accountId))).toEqual(new Set(["111000111"]));
  });
  it("keeps another object's delivery for inspection instead of failing it", () => {
    const body = JSON.stringify({ object: "instagram", entry: [{ id: "1", time: 1 }] });
    const verdict = receive(body);
    if (verdict.kind !== "events") throw new Error(`expected events, got ${verdict.kind}`);
    const events = verdict.events;
    expect(events).toHaveLength(1);
    expect(() => facebookAdapter.parse(events[0]!.payload, channel)).toThrow(
      expect.objectContaining({ unknownKind: true }),
    );
  });
  it("answers malformed JSON as malformed", () => {
    expect(receive("{nope")).toMatchObject({ kind: "malformed" });
    expect(receive(JSON.stringify({ object: "page" }))).toMatchObject({ kind: "malformed" });
  });
});

describe("Page feed parsing", () => {
  it("threads comments per top-level comment with their post and the reply's parent", () => {
    const [top, reply] = parsed("batch_feed_and_messenger") as InboundMessage[];
    expect(top).toMatchObject({
      externalId: "900_1001",
      threadKey: "comment:111000111_900:900_1001",
      visibility: "public",
      text: "Kiedy dostawa do Krakowa? 🚚",
      author: { externalId: "5551", displayName: "Olga Nowak" },
      post: {
        externalId: "111000111_900",
        text: "Black Friday starts now",
        permalink: "https://www.facebook.com/111000111/posts/900",
      },
      replyTarget: { commentId: "900_1001", postId: "111000111_900" },
    });
    expect(reply).toMatchObject({
      threadKey: "comment:111000111_900:900_1001",
      parentExternalId: "900_1001",
    });
  });
  it("reads the older sender_id / sender_name generation", () => {
    expect(parsed("feed_legacy_sender")[0]).toMatchObject({
      author: { externalId: "5554", displayName: "Old Format" },
      text: "Legacy payload",
    });
  });
  it("maps edits, removals, hides, page posts, visitor posts, reactions and mentions", () => {
    const events = eventsOf("feed_other");
    const results = events.slice(0, 7).map((e) => facebookAdapter.parse(e.payload, channel)[0]!);
    expect(results[0]).toMatchObject({ type: "message", externalId: "900_1001", editedAt: expect.any(Date) });
    expect(results[1]).toMatchObject({ type: "message_deleted", externalId: "900_1002" });
    expect(results[2]).toMatchObject({ type: "comment_visibility", hidden: true });
    expect(results[3]).toMatchObject({
      type: "post",
      post: { externalId: "111000111_901", text: "New pickup points in Riga" },
    });
    expect(results[4]).toMatchObject({
      type: "message",
      threadKey: "post:111000111_902",
      text: "Your courier was rude to me!",
      replyTarget: { postId: "111000111_902" },
    });
    expect(results[5]).toMatchObject({ type: "ignored" });
    expect(results[6]).toMatchObject({ type: "message", mentionsAccount: true, threadKey: "post:333_444" });
    // A rating is read now; one without the story to answer under is refused with the reason.
    expect(() => facebookAdapter.parse(events[7]!.payload, channel)).toThrow(/lacks open_graph_story_id/);
  });
  it("refuses a comment without ids as a broken shape", () => {
    const item = {
      object: "page",
      entryId: "111000111",
      entryTime: 1,
      kind: "change",
      field: "feed",
      item: { item: "comment", verb: "add" },
    };
    expect(() => facebookAdapter.parse(item, channel)).toThrow(UnparseableEventError);
    expect(() => facebookAdapter.parse(item, channel)).toThrow(
      expect.objectContaining({ unknownKind: false }),
    );
  });
});

describe("Messenger parsing", () => {
  it("turns messages into a private thread per customer, attachments-only included", () => {
    const [, , text, image] = parsed("batch_feed_and_messenger") as InboundMessage[];
    expect(text).toMatchObject({
      externalId: "m_AAA",
      threadKey: "chat:5552",
      visibility: "private",
      text: "hello, world!",
      replyTarget: { psid: "5552" },
      author: { externalId: "5552", needsProfile: true },
    });
    expect(text!.sentAt.getTime()).toBe(1764000100000);
    expect(image).toMatchObject({
      text: "",
      attachments: [{ type: "image", ref: "https://scontent.example/image.jpg" }],
    });
  });
  it("handles edits, echoes, unsends, reactions, reads, deliveries and replies", () => {
    const [edit, echo, deleted, reaction, read, delivered1, delivered2, reply] = parsed("messenger_events");
    expect(edit).toMatchObject({
      type: "message",
      externalId: "m_AAA",
      text: "hello, edited world",
      editedAt: expect.any(Date),
    });
    expect(echo).toMatchObject({
      type: "message",
      fromAccount: true,
      threadKey: "chat:5552",
      author: { externalId: "5552" },
    });
    expect(deleted).toMatchObject({ type: "message_deleted", externalId: "m_BBB" });
    expect(reaction).toMatchObject({ type: "reaction", externalId: "m_ECHO", emoji: "❤️" });
    expect(read).toMatchObject({ type: "read_up_to", threadKey: "chat:5552", at: new Date(1764000301000) });
    expect([delivered1, delivered2]).toEqual([
      expect.objectContaining({ type: "delivery_status", externalId: "m_OUT1", status: "delivered" }),
      expect.objectContaining({ externalId: "m_OUT2" }),
    ]);
    expect(reply).toMatchObject({ externalId: "m_CCC", parentExternalId: "m_OUT1" });
  });
  it("gives each messaging event its own dedup key", () => {
    const keys = eventsOf("messenger_events").map((e) => e.dedupKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[0]).toBe("edit:m_AAA:1");
  });
});

describe("Messenger context: postbacks, referrals, opt-ins, handover and policy blocks", () => {
  const events = () => parsed("messenger_context");
  it("keeps Get Started taps without a mid as messages, one per customer, with the ad that brought them", () => {
    const [fromAd, plain] = events() as InboundMessage[];
    expect(fromAd).toMatchObject({
      type: "message",
      externalId: "postback:5553:1764000400000:GET_STARTED",
      threadKey: "chat:5553",
      text: "Get Started",
      choice: "GET_STARTED",
      attachments: [
        { type: "link", ref: "https://www.facebook.com/111000111_987", name: "Winter sale: -30%" },
        { type: "other", name: "Came from ads, ad 6045246247433 “Winter sale: -30%”, ref “winter-sale”" },
      ],
    });
    expect(plain).toMatchObject({
      externalId: "postback:5554:1764000400000:GET_STARTED",
      threadKey: "chat:5554",
    });
    const keys = eventsOf("messenger_context").map((e) => e.dedupKey);
    expect(keys[0]).not.toBe(keys[1]);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it("shows an unsupported message as a placeholder instead of an empty bubble", () => {
    expect(events()[2]).toMatchObject({
      type: "message",
      externalId: "m_UNSUP",
      text: "",
      attachments: [
        { type: "other", name: expect.stringMatching(/Messenger message type Parley cannot show/) },
      ],
    });
  });
  it("turns referrals, opt-ins and the handover protocol into notes on the customer's thread", () => {
    const [, , , referral, optin, pass, request] = events();
    expect(referral).toMatchObject({
      type: "thread_note",
      threadKey: "chat:5552",
      text: "Came from shortlink, ref “order-status”",
      replyTarget: { psid: "5552" },
    });
    expect(optin).toMatchObject({
      type: "thread_note",
      text: "Opted in to daily notification messages about “Delivery updates”",
    });
    expect(pass).toMatchObject({
      type: "thread_note",
      text: expect.stringMatching(/passed to app 123456789/),
    });
    expect(request).toMatchObject({ type: "thread_note", text: expect.stringMatching(/App 123456789 asks/) });
  });
  it("tells admins about a policy block and sets aside an opt-in that names no person", () => {
    const [, , , , , , , block, checkbox] = events();
    expect(block).toMatchObject({
      type: "channel_notice",
      kind: "messenger.policy_enforcement",
      severity: "warning",
      text: expect.stringMatching(/block — The bot violated/),
    });
    expect(checkbox).toMatchObject({ type: "ignored", reason: "Messenger optin without a sender id" });
  });
});

describe("Page reviews and visitors' media posts", () => {
  it("turns a recommendation into a public review to answer, and a comment on it into its thread", () => {
    const [review, comment] = parsed("ratings_and_visitor_media") as InboundMessage[];
    expect(review).toMatchObject({
      type: "message",
      externalId: "10158888777666555",
      threadKey: "post:10158888777666555",
      visibility: "public",
      author: { externalId: "7001", displayName: "Ilze Kalniņa" },
      text: "Piegāde kavējās divas nedēļas, neviens neatbild.",
      attachments: [{ type: "other", name: "👎 Does not recommend the page" }],
      placeName: "Page review",
      replyTarget: { postId: "10158888777666555", commenterId: "7001" },
    });
    expect(comment).toMatchObject({
      externalId: "10158888777666555_4455",
      threadKey: "post:10158888777666555",
      text: "Man tāpat!",
      author: { externalId: "7002", displayName: "Artūrs" },
    });
  });
  it("keeps the photos of an album and the video of a visitor's video post", () => {
    const [, , album, video] = parsed("ratings_and_visitor_media") as InboundMessage[];
    expect(album).toMatchObject({
      placeName: "Visitor post",
      text: "Tak wyglądała paczka po dostawie",
      attachments: [
        { type: "image", ref: "https://scontent.example/a.jpg" },
        { type: "image", ref: "https://scontent.example/b.jpg" },
      ],
    });
    expect(video).toMatchObject({
      text: "",
      attachments: [{ type: "video", ref: "https://www.facebook.com/9988776655" }],
    });
  });
});

describe("Graph API calls", () => {
  let sim: RunningSimulator;
  let live: ChannelContext<FacebookSettings>;
  const key = { idempotencyKey: "k1" };
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeoutStallMs: 50 });
    sim.facebook.addPage({
      pageId: "111000111",
      name: "Nordmart",
      accessToken: "page-token-123",
      appSecret: SECRET,
    });
    live = { ...channel, apiBaseUrl: sim.url };
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.state.reset());
  const reply = (overrides: Partial<OutboundReply>): OutboundReply => ({
    kind: "reply",
    text: "Thanks for writing",
    visibility: "private",
    replyTarget: { psid: "5552" },
    ...key,
    ...overrides,
  });

  it("hides, unhides, likes, unlikes and deletes a comment with the documented calls", async () => {
    for (const operation of ["hide", "unhide", "like", "unlike", "delete"] as const) {
      const result = await facebookAdapter.moderate!(
        { kind: "moderate", operation, targetExternalId: "900_1001", ...key },
        live,
      );
      expect(result).toEqual({ ok: true, externalId: "900_1001" });
    }
    expect(sim.state.calls.map((c) => [c.method, c.params.is_hidden])).toEqual([
      ["POST /{id}", true],
      ["POST /{id}", false],
      ["POST /{id}/likes", undefined],
      ["DELETE /{id}/likes", undefined],
      ["DELETE /{id}", undefined],
    ]);
  });

  it("publishes a page post and returns its id", async () => {
    const result = await facebookAdapter.publish!(
      { kind: "publish", text: "New pickup points", ...key },
      live,
    );
    expect(result).toMatchObject({ ok: true, externalId: expect.stringMatching(/^111000111_\d+$/) });
    expect(sim.state.callsOf("facebook", "POST /{id}/feed")[0]?.params).toMatchObject({
      id: "111000111",
      message: "New pickup points",
    });
  });

  it("answers inside 24 hours with RESPONSE, then with the HUMAN_AGENT tag, and refuses after 7 days", async () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    expect(await facebookAdapter.send(reply({ lastInboundAt: hoursAgo(2) }), live)).toMatchObject({
      ok: true,
    });
    expect(await facebookAdapter.send(reply({ lastInboundAt: hoursAgo(30) }), live)).toMatchObject({
      ok: true,
    });
    const late = await facebookAdapter.send(reply({ lastInboundAt: hoursAgo(24 * 8) }), live);
    expect(late).toMatchObject({ ok: false, error: { code: "outside_window", retryable: false } });
    expect(
      sim.state
        .callsOf("facebook", "POST /{id}/messages")
        .map((c) => [c.params.messaging_type, c.params.tag]),
    ).toEqual([
      ["RESPONSE", undefined],
      ["MESSAGE_TAG", "HUMAN_AGENT"],
    ]);
  });

  it("sends a private reply to a commenter once; the second is refused by the platform", async () => {
    const privateReply = reply({ replyTarget: { commentId: "900_1500", postId: "111000111_900" } });
    expect(await facebookAdapter.send(privateReply, live)).toMatchObject({ ok: true });
    const again = await facebookAdapter.send(privateReply, live);
    expect(again).toMatchObject({
      ok: false,
      error: { retryable: false, message: expect.stringContaining("10900") },
    });
    expect(sim.state.calls[0]?.params.recipient).toEqual({ comment_id: "900_1500" });
  });

  it("maps injected Graph errors: 190 needs re-authorisation, 80001 and 32 are retried later", async () => {
    sim.state.injectFault({
      platform: "facebook",
      method: "POST /{id}/comments",
      kind: "error",
      errorCode: 190,
    });
    const expired = await facebookAdapter.send(
      reply({ visibility: "public", replyTarget: { commentId: "900_1" } }),
      live,
    );
    expect(expired).toMatchObject({
      ok: false,
      error: { code: "token_invalid", needsReauth: true, retryable: false },
    });
    sim.state.injectFault({
      platform: "facebook",
      method: "POST /{id}/comments",
      kind: "error",
      errorCode: 80001,
    });
    const throttled = await facebookAdapter.send(
      reply({ visibility: "public", replyTarget: { commentId: "900_1" } }),
      live,
    );
    expect(throttled).toMatchObject({ ok: false, error: { code: "rate_limited", retryable: true } });
    sim.state.injectFault({ platform: "facebook", method: "POST /{id}", kind: "429" });
    const hidden = await facebookAdapter.moderate!(
      { kind: "moderate", operation: "hide", targetExternalId: "900_1", ...key },
      live,
    );
    expect(hidden).toMatchObject({
      ok: false,
      error: { code: "rate_limited", message: expect.stringContaining("(#32)") },
    });
  });
});
