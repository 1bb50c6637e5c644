import { describe, expect, it } from "vitest";
import { concernsChannel, DEFAULT_CHANNEL_HEALTH_POLICY, judgeRefusal } from "../../domain/channelHealth.ts";
import { viberError } from "./viberError.ts";

const ok = new Headers();
const refusal = (status: number, status_message?: string) => viberError(200, ok, { status, status_message });

describe("Viber status codes", () => {
  it("makes a wrong or unknown token and a lost webhook an admin's job, holding the channel", () => {
    for (const code of [2, 8, 10]) {
      const error = refusal(code);
      expect(error).toMatchObject({ retryable: false, needsReauth: true, status: `Viber ${code}` });
      expect(judgeRefusal(0, error, DEFAULT_CHANNEL_HEALTH_POLICY)).toMatchObject({
        kind: "pause",
        reason: "auth_failed",
        waitSeconds: null,
      });
    }
    expect(refusal(10).code).toBe("webhook_not_set");
  });
  it("keeps refusals about one person (unsubscribed, not on Viber, old app) to that message", () => {
    expect(refusal(6, "receiverNotSubscribed")).toMatchObject({
      code: "recipient_unsubscribed",
      message: "Viber 6 (receiverNotSubscribed): receiverNotSubscribed",
    });
    expect(refusal(5, "Not a Viber user")).toMatchObject({
      code: "recipient_unavailable",
      message: "Viber 5 (receiverNotRegistered): Not a Viber user",
    });
    expect(refusal(11).code).toBe("recipient_unavailable");
    for (const code of [3, 4, 5, 6, 11, 13, 14, 99])
      expect(concernsChannel(refusal(code)), `status ${code}`).toBe(false);
  });
  it("backs off on 12 without a wait of Viber's, and pauses a blocked or suspended bot", () => {
    const throttled = refusal(12);
    expect(throttled).toMatchObject({ code: "rate_limited", retryable: true, retryAfterSeconds: undefined });
    expect(judgeRefusal(0, throttled, DEFAULT_CHANNEL_HEALTH_POLICY, 0)).toMatchObject({ kind: "back_off" });
    for (const code of [7, 9])
      expect(judgeRefusal(0, refusal(code), DEFAULT_CHANNEL_HEALTH_POLICY)).toMatchObject({
        kind: "pause",
        reason: "blocked",
      });
  });
  it("names an unknown code, and maps bare HTTP failures without Viber's envelope", () => {
    expect(refusal(99, "something new")).toMatchObject({
      code: "rejected",
      message: "Viber 99 (unknown): something new",
    });
    expect(viberError(503, ok, null)).toMatchObject({
      code: "platform_unavailable",
      retryable: true,
      status: "Viber HTTP 503",
    });
    expect(viberError(429, new Headers({ "retry-after": "7" }), null)).toMatchObject({
      code: "rate_limited",
      retryAfterSeconds: 7,
    });
    expect(viberError(404, ok, null)).toMatchObject({
      code: "rejected",
      retryable: false,
      status: "Viber HTTP 404",
    });
  });
});
