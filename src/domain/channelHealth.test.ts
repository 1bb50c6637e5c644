import { describe, expect, it } from "vitest";
import {
  type ChannelHealthPolicy,
  concernsChannel,
  judgeRefusal,
  pauseAfterFailedProbe,
} from "./channelHealth.ts";
import { permanentError, retryableError } from "./deliveryError.ts";

const policy: ChannelHealthPolicy = {
  failuresBeforePause: 5,
  longWaitSeconds: 300,
  firstPauseSeconds: 60,
  maxPauseSeconds: 3600,
};
const throttled = (seconds?: number) => retryableError("rate_limited", "Telegram 429", seconds);
const outage = retryableError("platform_unavailable", "HTTP 503");

describe("judgeRefusal", () => {
  it("holds the channel exactly as long as the platform asked", () => {
    expect(judgeRefusal(0, throttled(35), policy)).toEqual({
      kind: "back_off",
      waitSeconds: 35,
      consecutiveFailures: 1,
    });
  });
  it("backs off exponentially when the platform gives no wait", () => {
    const first = judgeRefusal(0, outage, policy, 0.5);
    const third = judgeRefusal(2, outage, policy, 0.5);
    expect(first).toMatchObject({ kind: "back_off", waitSeconds: 2 });
    expect(third).toMatchObject({ kind: "back_off", waitSeconds: 8, consecutiveFailures: 3 });
  });
  it("pauses on the fifth failure in a row, for at least the first pause and the platform's wait", () => {
    expect(judgeRefusal(4, outage, policy)).toEqual({
      kind: "pause",
      reason: "platform_unavailable",
      waitSeconds: 60,
      consecutiveFailures: 5,
    });
    expect(judgeRefusal(4, throttled(120), policy)).toMatchObject({
      kind: "pause",
      reason: "rate_limited",
      waitSeconds: 120,
    });
  });
  it("pauses at once when the platform asks for a long wait or blocks the account", () => {
    expect(judgeRefusal(0, throttled(3600), policy)).toMatchObject({ kind: "pause", waitSeconds: 3600 });
    expect(judgeRefusal(0, retryableError("temporarily_blocked", "368", 3600), policy)).toMatchObject({
      kind: "pause",
      reason: "blocked",
    });
  });
  it("needs an admin, without a time, when the token is revoked", () => {
    expect(judgeRefusal(0, permanentError("token_invalid", "401", true), policy)).toEqual({
      kind: "pause",
      reason: "auth_failed",
      waitSeconds: null,
      consecutiveFailures: 1,
    });
  });
  it("leaves the channel alone for refusals of one message, person or method", () => {
    expect(judgeRefusal(4, permanentError("rejected", "chat not found"), policy)).toEqual({
      kind: "unaffected",
    });
    expect(judgeRefusal(4, { ...throttled(60), scope: "recipient" }, policy)).toEqual({ kind: "unaffected" });
    expect(judgeRefusal(4, { ...throttled(3600), scope: "method" }, policy)).toEqual({ kind: "unaffected" });
  });
});

describe("concernsChannel", () => {
  it("is true for throttling, outages and revoked tokens of the account", () => {
    expect(concernsChannel(throttled())).toBe(true);
    expect(concernsChannel(outage)).toBe(true);
    expect(concernsChannel(permanentError("token_invalid", "", true))).toBe(true);
    expect(concernsChannel(permanentError("forbidden", "bot was blocked by the user"))).toBe(false);
  });
});

describe("pauseAfterFailedProbe", () => {
  it("doubles after each failed probe up to the cap, and never undercuts the platform's wait", () => {
    expect(pauseAfterFailedProbe(1, policy)).toBe(120);
    expect(pauseAfterFailedProbe(3, policy)).toBe(480);
    expect(pauseAfterFailedProbe(10, policy)).toBe(3600);
    expect(pauseAfterFailedProbe(1, policy, 900)).toBe(900);
  });
});
