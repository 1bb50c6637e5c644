import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ChannelContext } from "../channelAdapter.ts";
import { xAdapter } from "./xAdapter.ts";
import { usageCapWait, xError } from "./xError.ts";
import { parseXPayload, type XInboundMessage } from "./xParser.ts";
import { postEvents } from "./xPolling.ts";
import { desiredRules, diffRules, RULE_TAG } from "./xRules.ts";
import type { XSettings } from "./xSettings.ts";
import { reconnectDelayMs } from "./xStream.ts";
import { receiveXWebhook, xSignature } from "./xWebhook.ts";

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8");
const json = (name: string): unknown => JSON.parse(fixture(name));

const settings = xAdapter.settingsSchema.parse({
  accountId: "1800000000000000001",
  username: "nordmart",
  mentions: "stream",
  directMessages: "webhook",
  bearerToken: "app-bearer",
  consumerKey: "ck",
  consumerSecret: "consumer-secret",
  oauthToken: "ot",
  oauthTokenSecret: "ots",
}) as XSettings;
const channel: ChannelContext<XSettings> = {
  id: "c1",
  workspaceId: "w1",
  platform: "x",
  settings,
  apiBaseUrl: "http://127.0.0.1:1",
};
const messageOf = (payload: unknown) => parseXPayload(payload, settings)[0] as XInboundMessage;

describe("X posts", () => {
  it("reads the real captured stream line as a listening capture, not an inbox message", () => {
    const message = messageOf({ ...(json("stream_line_captured") as object), parley_source: "stream" });
    expect(message.externalId).toBe("1534359106945003520");
    expect(message.author).toMatchObject({
      externalId: "15899943",
      username: "ayy_gbr",
      displayName: "Aaron",
    });
    expect(message.capturedByListening).toBe(true);
    expect(message.post).toBeUndefined();
    expect(message.mentionsAccount).toBe(false);
  });

  it("keeps a mention of the brand in the inbox, with 64-bit ids as exact strings", () => {
    const message = messageOf({ ...(json("stream_line_mention") as object), parley_source: "stream" });
    expect(message.capturedByListening).toBeUndefined();
    expect(message.mentionsAccount).toBe(true);
    expect(message.author.externalId).toBe("9007199254741993");
    expect(message.threadKey).toBe("comment:1900000000000000123:9007199254741993");
    expect(message.replyTarget).toEqual({ tweetId: "1900000000000000123", authorId: "9007199254741993" });
    expect(message.author.reach).toBe(412);
  });

  it("keeps an edit as the same logical post, marked edited, answered at its newest version", () => {
    const edited = messageOf(json("stream_line_edited"));
    expect(edited.externalId).toBe("1900000000000000123");
    expect(edited.editedAt).toBeInstanceOf(Date);
    expect(edited.text).toContain("4521");
    expect(edited.replyTarget.tweetId).toBe("1900000000000000130");
  });

  it("cuts a mentions timeline page into posts, a reply under the brand's post hanging under that post", () => {
    const events = postEvents(json("mentions_reply_under_brand_post") as never);
    expect(events.map((e) => e.dedupKey)).toEqual(["tweet:1900000000000000210"]);
    const message = messageOf(events[0]!.payload);
    expect(message.post).toMatchObject({
      externalId: "1900000000000000200",
      text: "Nowa kolekcja już w sklepach!",
    });
    expect(message.parentExternalId).toBe("1900000000000000200");
    expect(message.capturedByListening).toBeUndefined();
  });

  it("reads DM events and Account Activity DMs as one private thread per person", () => {
    const page = json("dm_events_page") as { data: unknown[]; includes: unknown };
    const polled = messageOf({ data: page.data[0], includes: page.includes });
    expect(polled).toMatchObject({
      externalId: "dm:1900000000000000301",
      threadKey: "chat:9007199254741995",
      visibility: "private",
    });
    expect(polled.replyTarget).toEqual({ participantId: "9007199254741995" });
    const pushed = messageOf(json("account_activity_dm"));
    expect(pushed).toMatchObject({
      externalId: "dm:1900000000000000401",
      threadKey: "chat:9007199254741996",
    });
    expect(pushed.author).toMatchObject({ username: "emma_s", reach: 1200 });
  });
});

describe("X Account Activity webhooks", () => {
  it("answers the CRC with the HMAC-SHA256 of crc_token under the consumer secret", () => {
    const verdict = receiveXWebhook(
      { method: "GET", headers: {}, query: { crc_token: "abc123" }, rawBody: "" },
      channel,
    );
    expect(verdict).toMatchObject({ kind: "handshake", status: 200, contentType: "application/json" });
    // Known answer: base64(HMAC-SHA256("consumer-secret", "abc123")).
    const body = JSON.parse((verdict as { body: string }).body) as { response_token: string };
    expect(body.response_token).toBe(xSignature("consumer-secret", "abc123"));
    expect(body.response_token).toMatch(/^sha256=[A-Za-z0-9+/]+=*$/);
  });

  it("accepts a body signed over its exact bytes and refuses a forged or missing signature", () => {
    const raw = fixture("account_activity_dm");
    const good = receiveXWebhook(
      {
        method: "POST",
        headers: { "x-twitter-webhooks-signature": xSignature("consumer-secret", raw) },
        query: {},
        rawBody: raw,
      },
      channel,
    );
    expect(good).toMatchObject({ kind: "events", events: [{ dedupKey: "dm:1900000000000000401" }] });
    const forged = receiveXWebhook(
      {
        method: "POST",
        headers: { "x-twitter-webhooks-signature": xSignature("other", raw) },
        query: {},
        rawBody: raw,
      },
      channel,
    );
    expect(forged).toMatchObject({ kind: "rejected", status: 403 });
    const unsigned = receiveXWebhook({ method: "POST", headers: {}, query: {}, rawBody: raw }, channel);
    expect(unsigned).toMatchObject({ kind: "rejected", status: 401 });
  });
});

describe("X errors", () => {
  const headers = (h: Record<string, string> = {}) => new Headers(h);

  it("reads a usage cap as its own refusal that waits for the next month, not a retry in a minute", () => {
    const now = new Date("2026-12-05T10:00:00Z");
    const error = xError(429, headers({ "x-rate-limit-reset": "1796464800" }), json("usage_capped"), now);
    expect(error).toMatchObject({ code: "usage_capped", status: "X usage cap", retryable: true });
    expect(error.retryAfterSeconds).toBe(usageCapWait("Monthly", now));
    expect(error.retryAfterSeconds).toBe((Date.UTC(2027, 0, 1) - now.getTime()) / 1000);
  });

  it("honours x-rate-limit-reset (epoch seconds) on a 429 problem, and reads the legacy envelope", () => {
    const now = new Date("2026-12-05T10:00:00Z");
    const reset = String(now.getTime() / 1000 + 120);
    const problem = {
      title: "Too Many Requests",
      detail: "Too Many Requests",
      type: "about:blank",
      status: 429,
    };
    expect(xError(429, headers({ "x-rate-limit-reset": reset }), problem, now)).toMatchObject({
      code: "rate_limited",
      retryAfterSeconds: 120,
    });
    const legacy = xError(429, headers({ "x-rate-limit-reset": reset }), json("legacy_rate_limit"), now);
    expect(legacy).toMatchObject({
      code: "rate_limited",
      status: "X error 88",
      message: "X 429: Rate limit exceeded",
    });
    expect(
      xError(401, headers(), { errors: [{ code: 89, message: "Invalid or expired token." }] }, now),
    ).toMatchObject({ needsReauth: true });
  });
});

describe("X stream rules and reconnects", () => {
  it("packs the topics' terms into rules within the plan's length, beside the account's own rule", () => {
    const terms = Array.from({ length: 80 }, (_, i) => `term${i}`).concat(["доставка nordmart", 'say "hi"']);
    const rules = desiredRules("@nordmart", terms, 512);
    expect(rules[0]).toBe("(@nordmart OR to:nordmart) -is:retweet");
    for (const rule of rules) expect(rule.length).toBeLessThanOrEqual(512);
    expect(rules.join(" ")).toContain('"доставка nordmart"');
    expect(rules.length).toBeGreaterThan(2);
  });

  it("adds and deletes only by the diff, leaving rules Parley did not make", () => {
    const existing = [
      { id: "1", value: "(@nordmart OR to:nordmart) -is:retweet", tag: RULE_TAG },
      { id: "2", value: "(old) -is:retweet", tag: RULE_TAG },
      { id: "3", value: "someone else's", tag: "marketing" },
    ];
    expect(diffRules(existing, ["(@nordmart OR to:nordmart) -is:retweet", "(new) -is:retweet"])).toEqual({
      add: ["(new) -is:retweet"],
      deleteIds: ["2"],
    });
  });

  it("backs off linearly after a drop, exponentially after a refusal, and until the reset on a 429", () => {
    expect(reconnectDelayMs({ kind: "stalled", detail: "" }, 0)).toBe(250);
    expect(reconnectDelayMs({ kind: "network", detail: "" }, 100)).toBe(16_000);
    const refused = {
      kind: "refused" as const,
      error: { code: "platform_unavailable", message: "", retryable: true },
    };
    expect(reconnectDelayMs(refused, 0)).toBe(5_000);
    expect(reconnectDelayMs(refused, 10)).toBe(320_000);
    const limited = {
      kind: "refused" as const,
      error: { code: "rate_limited", message: "", retryable: true, retryAfterSeconds: 600 },
    };
    expect(reconnectDelayMs(limited, 0)).toBe(600_000);
  });
});
