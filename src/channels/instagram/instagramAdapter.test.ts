import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InboundEvent, InboundMessage } from "../../domain/inboundEvent.ts";
import {
  type ChannelContext,
  type OutboundReply,
  type RawEventInput,
  UnparseableEventError,
  type WebhookVerdict,
} from "../channelAdapter.ts";
import { signMetaBody } from "../meta/metaWebhook.ts";
import { type InstagramSettings, instagramAdapter } from "./instagramAdapter.ts";
import { graphBaseOf } from "./instagramGraph.ts";
import { MENTION_TEXT_UNAVAILABLE } from "./instagramParser.ts";

const SECRET = "instagram-app-secret";
const ACCOUNT = "17841405726653026";
const channel: ChannelContext<InstagramSettings> = {
  id: "c1",
  workspaceId: "w1",
  platform: "instagram",
  apiBaseUrl: "http://127.0.0.1:9",
  settings: {
    appId: "1234567890",
    appSecret: SECRET,
    verifyToken: "meta-verify-token",
    accountId: ACCOUNT,
    accessToken: "ig-token-123456",
    apiVersion: "v25.0",
    loginModel: "facebook",
  },
};
const raw = (name: string) =>
  JSON.stringify(JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")));
const receive = (body: string, signature: string | null = signMetaBody(body, SECRET)): WebhookVerdict =>
  instagramAdapter.receiveWebhook(
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
  eventsOf(name).flatMap((e) => instagramAdapter.parse(e.payload, channel));

describe("Instagram webhook door", () => {
  it("verifies X-Hub-Signature-256 over the raw body", () => {
    const body = raw("comments_instagram_login");
    expect(receive(body).kind).toBe("events");
    expect(receive(body, null)).toMatchObject({ kind: "rejected", status: 401 });
    expect(receive(body, signMetaBody(`${body} `, SECRET))).toMatchObject({ kind: "rejected", status: 403 });
    expect(receive(body, signMetaBody(body, "other-secret"))).toMatchObject({
      kind: "rejected",
      status: 403,
    });
  });
  it("answers the GET handshake only with the right verify token", () => {
    const get = (query: Record<string, string>) =>
      instagramAdapter.receiveWebhook({ method: "GET", query, rawBody: "", headers: {} }, channel);
    expect(
      get({
        "hub.mode": "subscribe",
        "hub.challenge": "1158201444",
        "hub.verify_token": "meta-verify-token",
      }),
    ).toEqual({ kind: "handshake", status: 200, body: "1158201444" });
    expect(get({ "hub.mode": "subscribe", "hub.challenge": "1", "hub.verify_token": "guess" })).toMatchObject(
      {
        kind: "rejected",
        status: 403,
      },
    );
  });
  it("cuts a batch into one event per change and per message, each routed by account id", () => {
    const events = eventsOf("batch_two_accounts");
    expect(events.map((e) => [e.dedupKey, e.accountId])).toEqual([
      ["comments:17865799348089070:add", ACCOUNT],
      ["mid:aWdfZAG1_BATCH", ACCOUNT],
      ["comments:17865799348089071:add", "17841400000000002"],
    ]);
  });
  it("reads the flat Instagram Login shape like the changes[] shape", () => {
    const events = eventsOf("comments_instagram_login");
    expect(events.map((e) => e.dedupKey)).toEqual([
      "comments:17865799348089060:add",
      "comments:17865799348089061:add",
    ]);
    expect(events[0]!.accountId).toBe(ACCOUNT);
  });
  it("gives every messaging event its own stable dedup key", () => {
    const keys = eventsOf("messaging_events").map((e) => e.dedupKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain("mid:aWdfZAG1_TEXT");
    expect(keys).toContain("edit:aWdfZAG1_TEXT:1");
    expect(keys).toContain("deleted:aWdfZAG1_IMAGE");
    // A redelivery of the same body yields the same keys.
    expect(eventsOf("messaging_events").map((e) => e.dedupKey)).toEqual(keys);
  });
  it("keeps another object's delivery as one event set aside as an unknown kind", () => {
    const verdict = receive(JSON.stringify({ object: "page", entry: [{ id: "1", time: 1 }] }));
    if (verdict.kind !== "events") throw new Error(`expected events, got ${verdict.kind}`);
    expect(verdict.events).toHaveLength(1);
    expect(verdict.events[0]!.dedupKey).toMatch(/^object:page:[0-9a-f]{64}$/);
    expect(() => instagramAdapter.parse(verdict.events[0]!.payload, channel)).toThrow(
      expect.objectContaining({ unknownKind: true }),
    );
  });
  it("sets an unknown field aside and answers malformed JSON as malformed", () => {
    const [event] = eventsOf("unknown_field");
    expect(() => instagramAdapter.parse(event!.payload, channel)).toThrow(
      expect.objectContaining({ name: "UnparseableEventError", unknownKind: true }),
    );
    expect(receive("{nope")).toMatchObject({ kind: "malformed" });
    expect(receive(JSON.stringify({ object: "instagram" }))).toMatchObject({ kind: "malformed" });
  });
});

describe("Instagram comment parsing", () => {
  it("threads comments per top-level comment with their media and the reply's parent", () => {
    const [top, reply, own, live] = parsed("comments_facebook_login") as InboundMessage[];
    expect(top).toMatchObject({
      type: "message",
      platform: "instagram",
      externalId: "17865799348089039",
      threadKey: "comment:17918195224117851:17865799348089039",
      visibility: "public",
      text: "Kiedy dostawa do Krakowa? 🚚",
      author: { externalId: "6001001", displayName: "olga.nowak", username: "olga.nowak" },
      post: { externalId: "17918195224117851", text: "" },
      replyTarget: { commentId: "17865799348089039", mediaId: "17918195224117851", commenterId: "6001001" },
      fromAccount: false,
    });
    expect(top!.author.reach).toBeUndefined();
    expect(top!.sentAt).toEqual(new Date(1764000000 * 1000));
    expect(reply).toMatchObject({
      threadKey: "comment:17918195224117851:17865799348089039",
      parentExternalId: "17865799348089039",
      replyTarget: { commentId: "17865799348089039" },
    });
    expect(own).toMatchObject({ fromAccount: true, parentExternalId: "17865799348089039" });
    expect(live).toMatchObject({
      threadKey: "comment:17918195224117999:17865799348089050",
      placeName: "Instagram live video",
      replyTarget: { live: true },
    });
  });
  it("takes caption and permalink from the media when the webhook carries them", () => {
    const [top, reply] = parsed("comments_instagram_login") as InboundMessage[];
    expect(top).toMatchObject({
      threadKey: "comment:17918195224117852:17865799348089060",
      post: {
        externalId: "17918195224117852",
        text: "Returns made easy",
        permalink: "https://www.instagram.com/reel/C0abc/",
      },
    });
    expect(reply).toMatchObject({
      threadKey: "comment:17918195224117852:17865799348089060",
      parentExternalId: "17865799348089060",
    });
  });
  it("refuses a comment without ids as a broken shape", () => {
    const item = {
      object: "instagram",
      entryId: ACCOUNT,
      entryTime: 1,
      kind: "change",
      field: "comments",
      item: { text: "x" },
    };
    expect(() => instagramAdapter.parse(item, channel)).toThrow(UnparseableEventError);
    expect(() => instagramAdapter.parse(item, channel)).toThrow(
      expect.objectContaining({ unknownKind: false }),
    );
  });
  it("turns mentions into public threads waiting for their text", () => {
    const [inComment, inCaption] = parsed("mentions") as InboundMessage[];
    expect(inComment).toMatchObject({
      externalId: "17894227972186120",
      threadKey: "comment:17918195224117999:17894227972186120",
      mentionsAccount: true,
      text: MENTION_TEXT_UNAVAILABLE.comment,
      replyTarget: {
        mentionMediaId: "17918195224117999",
        mentionCommentId: "17894227972186120",
        hydrated: false,
      },
    });
    expect(inCaption).toMatchObject({
      externalId: "17918195224118000",
      threadKey: "post:17918195224118000",
      text: MENTION_TEXT_UNAVAILABLE.caption,
      replyTarget: { mentionMediaId: "17918195224118000", hydrated: false },
    });
  });
});

describe("Instagram direct message parsing", () => {
  it("maps text, attachments, replies, story mentions, echoes, edits, unsends, reactions and reads", () => {
    const [text, image, reply, story, echo, edit, unsend, reaction, read] = parsed("messaging_events");
    expect(text).toMatchObject({
      type: "message",
      externalId: "aWdfZAG1_TEXT",
      threadKey: "chat:6001006",
      visibility: "private",
      text: "Hello, is the blender in stock?",
      author: { externalId: "6001006", needsProfile: true },
      replyTarget: { igsid: "6001006" },
      fromAccount: false,
    });
    expect((text as InboundMessage).sentAt.getTime()).toBe(1764000300000);
    expect(image).toMatchObject({
      text: "",
      attachments: [{ type: "image", ref: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1" }],
    });
    expect(reply).toMatchObject({ externalId: "aWdfZAG1_REPLY", parentExternalId: "aWdfZAG1_OUT1" });
    expect(story).toMatchObject({
      type: "message",
      visibility: "private",
      threadKey: "chat:6001007",
      mentionsAccount: true,
      attachments: [{ type: "other", name: "Story mention", ref: expect.stringContaining("asset_id=2") }],
    });
    expect(echo).toMatchObject({
      type: "message",
      fromAccount: true,
      threadKey: "chat:6001006",
      author: { externalId: "6001006" },
    });
    expect(edit).toMatchObject({
      type: "message",
      externalId: "aWdfZAG1_TEXT",
      text: "Hello, is the red blender in stock?",
      editedAt: new Date(1764000305000),
    });
    expect(unsend).toMatchObject({ type: "message_deleted", externalId: "aWdfZAG1_IMAGE" });
    expect(reaction).toMatchObject({ type: "reaction", externalId: "aWdfZAG1_ECHO", emoji: "❤️" });
    expect(read).toMatchObject({
      type: "read_up_to",
      threadKey: "chat:6001006",
      at: new Date(1764000308000),
    });
  });
  it("sets aside a messaging event of a kind it does not know", () => {
    const item = {
      object: "instagram",
      entryId: ACCOUNT,
      entryTime: 1,
      kind: "messaging",
      item: { sender: { id: "1" }, recipient: { id: ACCOUNT }, timestamp: 1, brand_new_thing: {} },
    };
    expect(() => instagramAdapter.parse(item, channel)).toThrow(
      expect.objectContaining({ unknownKind: true }),
    );
  });
});

describe("Instagram settings and capabilities", () => {
  it("validates settings with defaults and marks the secrets", () => {
    const settings = instagramAdapter.settingsSchema.parse({
      appId: "1234567890",
      appSecret: SECRET,
      verifyToken: "meta-verify-token",
      accountId: ACCOUNT,
      accessToken: "ig-token-123456",
    });
    expect(settings).toMatchObject({ apiVersion: "v25.0", loginModel: "facebook" });
    expect(() => instagramAdapter.settingsSchema.parse({ ...settings, accountId: "nordmart" })).toThrow();
    expect(instagramAdapter.secretFields).toEqual(["appSecret", "verifyToken", "accessToken"]);
    expect(instagramAdapter.accountIdOf!(settings)).toBe(ACCOUNT);
    expect(instagramAdapter.capabilities).toMatchObject({
      maxTextLength: 1000,
      moderation: ["hide", "unhide", "delete"],
      privateReplyWindow: { hours: 24, afterwards: "human_agent_tag", humanAgentHours: 168 },
      privateReplyToCommentDays: 7,
    });
  });
  it("calls graph.instagram.com for Instagram Login unless the base URL was set", () => {
    const ig = { ...channel, settings: { ...channel.settings, loginModel: "instagram" as const } };
    expect(graphBaseOf({ ...ig, apiBaseUrl: "https://graph.facebook.com" })).toBe(
      "https://graph.instagram.com",
    );
    expect(graphBaseOf({ ...channel, apiBaseUrl: "https://graph.facebook.com" })).toBe(
      "https://graph.facebook.com",
    );
    expect(graphBaseOf({ ...ig, apiBaseUrl: "http://127.0.0.1:4000" })).toBe("http://127.0.0.1:4000");
  });
});

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  auth: string;
}

describe("Instagram Graph calls", () => {
  let server: Server;
  let live: ChannelContext<InstagramSettings>;
  const seen: Seen[] = [];
  let answer: (req: Seen) => { status: number; body: unknown } = () => ({ status: 200, body: { id: "1" } });

  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = "";
      req.on("data", (chunk) => {
        data += chunk;
      });
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://x");
        const call = {
          method: req.method ?? "",
          path: url.pathname,
          query: url.searchParams,
          body: data ? (JSON.parse(data) as Record<string, unknown>) : {},
          auth: req.headers.authorization ?? "",
        };
        seen.push(call);
        const { status, body } = answer(call);
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    live = { ...channel, apiBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    answer = () => ({ status: 200, body: { id: "17873440459141021" } });
  });

  const reply = (over: Partial<OutboundReply>): OutboundReply => ({
    kind: "reply",
    text: "Thanks!",
    visibility: "private",
    replyTarget: { igsid: "6001006" },
    idempotencyKey: "parley-1",
    ...over,
  });
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

  it("answers a comment in public on its top-level comment's replies edge", async () => {
    const result = await instagramAdapter.send(
      reply({ visibility: "public", replyTarget: { commentId: "17865799348089039", mediaId: "1" } }),
      live,
    );
    expect(result).toEqual({ ok: true, externalId: "17873440459141021" });
    expect(seen[0]).toMatchObject({
      method: "POST",
      path: "/v25.0/17865799348089039/replies",
      body: { message: "Thanks!" },
      auth: "Bearer ig-token-123456",
    });
  });
  it("answers a mention through the account's mentions edge", async () => {
    await instagramAdapter.send(
      reply({
        visibility: "public",
        replyTarget: { mentionMediaId: "17918195224117999", mentionCommentId: "17894227972186120" },
      }),
      live,
    );
    expect(seen[0]).toMatchObject({
      path: `/v25.0/${ACCOUNT}/mentions`,
      body: { media_id: "17918195224117999", comment_id: "17894227972186120", message: "Thanks!" },
    });
    const privately = await instagramAdapter.send(
      reply({ replyTarget: { mentionMediaId: "17918195224117999" } }),
      live,
    );
    expect(privately).toMatchObject({ ok: false, error: { code: "no_recipient" } });
  });
  it("sends a direct message plainly within 24 hours and with HUMAN_AGENT up to 7 days", async () => {
    answer = () => ({ status: 200, body: { recipient_id: "6001006", message_id: "aWdfZAG1_OUT" } });
    expect(await instagramAdapter.send(reply({ lastInboundAt: hoursAgo(2) }), live)).toEqual({
      ok: true,
      externalId: "aWdfZAG1_OUT",
    });
    expect(seen[0]).toMatchObject({
      path: `/v25.0/${ACCOUNT}/messages`,
      body: { recipient: { id: "6001006" }, message: { text: "Thanks!" } },
    });
    expect(seen[0]!.body.tag).toBeUndefined();
    await instagramAdapter.send(reply({ lastInboundAt: hoursAgo(30) }), live);
    expect(seen[1]!.body).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    const tooLate = await instagramAdapter.send(reply({ lastInboundAt: hoursAgo(8 * 24) }), live);
    expect(tooLate).toMatchObject({ ok: false, error: { code: "outside_window", retryable: false } });
    expect(seen).toHaveLength(2);
  });
  it("answers a commenter privately by comment id, only within 7 days of the comment", async () => {
    answer = () => ({ status: 200, body: { recipient_id: "6001001", message_id: "aWdfZAG1_PRIV" } });
    const target = { commentId: "17865799348089039", mediaId: "1", commenterId: "6001001" };
    const ok = await instagramAdapter.send(
      reply({ replyTarget: { ...target, commentedAt: Date.now() } }),
      live,
    );
    expect(ok).toEqual({ ok: true, externalId: "aWdfZAG1_PRIV" });
    expect(seen[0]!.body).toEqual({
      recipient: { comment_id: "17865799348089039" },
      message: { text: "Thanks!" },
    });
    const old = Date.now() - 8 * 24 * 3_600_000;
    const late = await instagramAdapter.send(reply({ replyTarget: { ...target, commentedAt: old } }), live);
    expect(late).toMatchObject({ ok: false, error: { code: "outside_window" } });
    expect(seen).toHaveLength(1);
  });
  it("refuses text longer than 1000 characters and public replies to live comments without calling", async () => {
    expect(await instagramAdapter.send(reply({ text: "x".repeat(1001) }), live)).toMatchObject({
      ok: false,
      error: { code: "invalid_text" },
    });
    const liveReply = reply({ visibility: "public", replyTarget: { commentId: "1", live: true } });
    expect(await instagramAdapter.send(liveReply, live)).toMatchObject({
      ok: false,
      error: { code: "no_target" },
    });
    expect(seen).toHaveLength(0);
  });
  it("maps Graph errors: 190 asks for re-authorisation, 4 is a retryable rate limit", async () => {
    answer = () => ({
      status: 401,
      body: {
        error: {
          message: "Error validating access token",
          type: "OAuthException",
          code: 190,
          fbtrace_id: "A",
        },
      },
    });
    const expired = await instagramAdapter.send(reply({}), live);
    expect(expired).toMatchObject({
      ok: false,
      error: { code: "token_invalid", needsReauth: true, retryable: false },
    });
    if (!expired.ok) expect(expired.error.message).toMatch(/^Instagram error 190/);
    answer = () => ({
      status: 400,
      body: { error: { message: "(#4) Application request limit reached", code: 4, fbtrace_id: "B" } },
    });
    expect(await instagramAdapter.send(reply({}), live)).toMatchObject({
      ok: false,
      error: { code: "rate_limited", retryable: true },
    });
    answer = () => ({
      status: 400,
      body: { error: { message: "Activity already replied to", code: 10900 } },
    });
    expect(
      await instagramAdapter.send(reply({ replyTarget: { commentId: "1", commentedAt: Date.now() } }), live),
    ).toMatchObject({
      ok: false,
      error: { retryable: false, message: expect.stringMatching(/already replied/) },
    });
  });
  it("hides, unhides and deletes comments", async () => {
    answer = () => ({ status: 200, body: { success: true } });
    const act = (operation: "hide" | "unhide" | "delete" | "like") =>
      instagramAdapter.moderate!(
        { kind: "moderate", operation, targetExternalId: "17865799348089040", idempotencyKey: "k" },
        live,
      );
    expect(await act("hide")).toEqual({ ok: true, externalId: "17865799348089040" });
    expect(await act("unhide")).toEqual({ ok: true, externalId: "17865799348089040" });
    expect(await act("delete")).toEqual({ ok: true, externalId: "17865799348089040" });
    expect(seen.map((s) => [s.method, s.path, s.body])).toEqual([
      ["POST", "/v25.0/17865799348089040", { hide: true }],
      ["POST", "/v25.0/17865799348089040", { hide: false }],
      ["DELETE", "/v25.0/17865799348089040", {}],
    ]);
    expect(await act("like")).toMatchObject({ ok: false, error: { code: "not_supported" } });
  });
  it("looks profiles up by Instagram-scoped id", async () => {
    answer = (req) =>
      req.path.endsWith("/6001006")
        ? {
            status: 200,
            body: { id: "6001006", name: "Anna Kowalska", username: "anna.k", follower_count: 1520 },
          }
        : { status: 400, body: { error: { code: 100, message: "(#100) Unsupported get request" } } };
    const profiles = await instagramAdapter.lookupProfiles!(live, ["6001006", "6001007"]);
    expect([...profiles]).toEqual([
      ["6001006", { displayName: "Anna Kowalska", username: "anna.k", reach: 1520 }],
    ]);
    expect(seen[0]!.query.get("fields")).toBe("name,username,follower_count");
  });

  describe("hydration", () => {
    const mentionEvents = () => eventsOf("mentions").flatMap((e) => instagramAdapter.parse(e.payload, live));
    it("fetches a comment mention's text and its post through mentioned_comment", async () => {
      answer = (req) => {
        const fields = req.query.get("fields") ?? "";
        if (fields.startsWith("mentioned_comment"))
          return {
            status: 200,
            body: {
              id: ACCOUNT,
              mentioned_comment: {
                id: "17894227972186120",
                text: "@nordmart your courier never came",
                timestamp: "2026-11-24T10:00:00+0000",
                media: {
                  id: "17918195224117999",
                  caption: "My unboxing",
                  permalink: "https://www.instagram.com/p/X/",
                  username: "olga.nowak",
                },
              },
            },
          };
        return {
          status: 200,
          body: {
            id: ACCOUNT,
            mentioned_media: { id: "17918195224118000", caption: "Love @nordmart", username: "janis_ozols" },
          },
        };
      };
      const [comment, caption] = (await instagramAdapter.hydrate!(mentionEvents(), live)) as InboundMessage[];
      expect(seen[0]).toMatchObject({ method: "GET", path: `/v25.0/${ACCOUNT}` });
      expect(seen[0]!.query.get("fields")).toMatch(/^mentioned_comment\.comment_id\(17894227972186120\)\{/);
      expect(comment).toMatchObject({
        text: "@nordmart your courier never came",
        sentAt: new Date("2026-11-24T10:00:00Z"),
        post: { externalId: "17918195224117999", text: "My unboxing", authorName: "olga.nowak" },
        replyTarget: { mentionMediaId: "17918195224117999", mentionCommentId: "17894227972186120" },
      });
      expect(comment!.replyTarget.hydrated).toBeUndefined();
      expect(caption).toMatchObject({
        text: "Love @nordmart",
        author: { externalId: "username:janis_ozols", displayName: "janis_ozols" },
      });
    });
    it("keeps the placeholder when Instagram refuses, and throws to retry when it is throttled", async () => {
      answer = () => ({ status: 400, body: { error: { code: 100, message: "(#100) comments disabled" } } });
      const [comment] = (await instagramAdapter.hydrate!(mentionEvents(), live)) as InboundMessage[];
      expect(comment!.text).toBe(MENTION_TEXT_UNAVAILABLE.comment);
      answer = () => ({
        status: 400,
        body: { error: { code: 4, message: "(#4) Application request limit reached" } },
      });
      await expect(instagramAdapter.hydrate!(mentionEvents(), live)).rejects.toThrow(/request limit/);
    });
    it("fills a comment's post caption once per media and leaves direct messages alone", async () => {
      answer = () => ({
        status: 200,
        body: {
          id: "17918195224117851",
          caption: "Black Friday starts now",
          permalink: "https://www.instagram.com/p/Y/",
        },
      });
      const comments = parsed("comments_facebook_login").slice(0, 2);
      const first = await instagramAdapter.hydrate!(comments, { ...live, id: "hydrate-cache-test" });
      expect(first.map((e) => e.type)).toEqual(["post", "message", "message"]);
      expect(first[0]).toMatchObject({
        post: { externalId: "17918195224117851", text: "Black Friday starts now" },
      });
      expect(first[2]).toMatchObject({
        post: { text: "Black Friday starts now", permalink: "https://www.instagram.com/p/Y/" },
      });
      expect(seen).toHaveLength(1);
      const dms = parsed("messaging_events");
      expect(await instagramAdapter.hydrate!(dms, live)).toEqual(dms);
      expect(seen).toHaveLength(1);
    });
  });
});
