import { describe, expect, it } from "vitest";
import { type ChannelHealthReport, findingsOf } from "./channelHealthReport.ts";

const now = new Date("2026-12-05T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const channel = (
  overrides: Partial<Parameters<typeof findingsOf>[0]> = {},
): Parameters<typeof findingsOf>[0] => ({
  status: "active",
  pausedReason: null,
  pausedUntil: null,
  backoffUntil: null,
  lastErrorStatus: null,
  createdAt: hoursAgo(240),
  platform: "telegram",
  ...overrides,
});
const report = (overrides: Partial<Omit<ChannelHealthReport, "findings">> = {}) => ({
  lastEventAt: hoursAgo(0.1).toISOString(),
  lastReplyAt: hoursAgo(0.2).toISOString(),
  pendingEvents: 0,
  unreadableEvents: [],
  rejectedBodies: [],
  waitingReplies: 0,
  oldestWaitingReplyAt: null,
  failedReplies: [],
  ignoredEvents: [],
  ...overrides,
});
const keys = (c = channel(), r = report()) => findingsOf(c, r, now).map((f) => f.key);

describe("channel health findings", () => {
  it("finds nothing wrong with a channel that hears and sends", () => {
    expect(keys()).toEqual([]);
  });
  it("asks for a new token first when the platform refused the old one", () => {
    const found = findingsOf(
      channel({ status: "needs_reauth", lastErrorStatus: "Telegram 401" }),
      report({ failedReplies: [{ id: 1, at: now.toISOString(), status: "failed", error: "401" }] }),
      now,
    );
    expect(found[0]).toEqual({ key: "needs_reauth", severity: "error", data: { lastError: "Telegram 401" } });
    expect(found.map((f) => f.key)).toContain("send_failures");
  });
  it("tells a rate limit, an outage and a block apart, and a wait from a pause", () => {
    const until = new Date(now.getTime() + 60_000);
    expect(keys(channel({ status: "paused", pausedReason: "rate_limited", pausedUntil: until }))).toEqual([
      "paused_rate_limited",
    ]);
    expect(keys(channel({ status: "paused", pausedReason: "platform_unavailable" }))).toEqual([
      "paused_platform_unavailable",
    ]);
    expect(
      findingsOf(channel({ status: "paused", pausedReason: "blocked" }), report(), now)[0]!.severity,
    ).toBe("error");
    expect(keys(channel({ backoffUntil: until }))).toEqual(["waiting"]);
    expect(keys(channel({ backoffUntil: hoursAgo(1) }))).toEqual([]);
  });
  it("suspects a lost webhook after a quiet day, or when a channel older than an hour never heard anything", () => {
    expect(findingsOf(channel(), report({ lastEventAt: hoursAgo(30).toISOString() }), now)).toEqual([
      { key: "no_events", severity: "warning", data: { hours: 30 } },
    ]);
    expect(keys(channel(), report({ lastEventAt: null }))).toEqual(["never_heard"]);
    expect(keys(channel({ createdAt: hoursAgo(0.5) }), report({ lastEventAt: null }))).toEqual([]);
    expect(keys(channel({ status: "disabled" }), report({ lastEventAt: null }))).toEqual(["disabled"]);
  });
  it("counts unreadable events, refused bodies, uncertain sends and work that waits too long", () => {
    const found = keys(
      channel(),
      report({
        unreadableEvents: [{ id: 1, at: now.toISOString(), error: "Unknown field" }],
        rejectedBodies: [{ id: 2, at: now.toISOString(), reason: "not JSON" }],
        pendingEvents: 800,
        failedReplies: [{ id: 3, at: now.toISOString(), status: "uncertain", error: null }],
        waitingReplies: 4,
        oldestWaitingReplyAt: hoursAgo(1).toISOString(),
      }),
    );
    expect(found).toEqual([
      "unreadable_events",
      "rejected_bodies",
      "ingest_backlog",
      "uncertain_sends",
      "outbox_backlog",
    ]);
  });
});

describe("feed findings", () => {
  const feed = {
    url: "https://forum.example/rss",
    lastPolledAt: hoursAgo(0.1).toISOString(),
    lastSuccessAt: hoursAgo(5).toISOString(),
    nextPollAt: hoursAgo(-1).toISOString(),
    lastStatus: 200,
    failingSince: null,
    failureCode: null,
    failureReason: null,
    consecutiveFailures: 0,
    itemsStored: 12,
    itemsSkipped: 0,
    lastSkipReason: null,
  };

  it("says a failing feed is failing, with its reason and when it is tried again", () => {
    const failing = {
      ...feed,
      failingSince: hoursAgo(2).toISOString(),
      failureCode: "not_a_feed",
      failureReason: "The answer is not an RSS or Atom document",
      consecutiveFailures: 3,
    };
    const [finding] = findingsOf(channel({ platform: "web" }), report({ feed: failing }), now);
    expect(finding).toMatchObject({
      key: "feed_failing",
      severity: "error",
      data: { code: "not_a_feed", failures: 3, reason: "The answer is not an RSS or Atom document" },
    });
  });

  it("counts skipped items with an example reason, and says nothing of a healthy feed, however quiet", () => {
    expect(keys(channel({ platform: "web" }), report({ feed }))).toEqual([]);
    expect(keys(channel({ platform: "web" }), report({ feed, lastEventAt: null }))).toEqual([]);
    const skipped = { ...feed, itemsSkipped: 2, lastSkipReason: "Item 3 has no title, text or link" };
    expect(findingsOf(channel({ platform: "web" }), report({ feed: skipped }), now)).toEqual([
      {
        key: "feed_items_skipped",
        severity: "warning",
        data: { count: 2, example: "Item 3 has no title, text or link" },
      },
    ]);
  });
});
