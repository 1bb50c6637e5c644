import { describe, expect, it } from "vitest";
import { concernsChannel } from "../../domain/channelHealth.ts";
import { graphError, usageHeaderWaitSeconds } from "./graphError.ts";

const envelope = (code: number, extra: object = {}) => ({
  error: { message: `(#${code}) message`, type: "OAuthException", code, fbtrace_id: "EJplcsCHuLu", ...extra },
});

describe("graphError", () => {
  it("retries every throttling code, whatever the HTTP status", () => {
    for (const code of [4, 17, 32, 613, 80001, 80006, 130429])
      expect(graphError(400, envelope(code))).toMatchObject({ code: "rate_limited", retryable: true });
    expect(graphError(400, envelope(131056)).retryAfterSeconds).toBe(60);
  });
  it("asks for re-authorisation when the token expired or was revoked", () => {
    expect(graphError(401, envelope(190, { error_subcode: 460 }))).toMatchObject({
      code: "token_invalid",
      needsReauth: true,
      retryable: false,
    });
  });
  it("explains the messaging window instead of retrying", () => {
    expect(graphError(400, envelope(131047))).toMatchObject({ code: "outside_window", retryable: false });
    expect(graphError(400, envelope(10, { error_subcode: 2018278 }))).toMatchObject({
      code: "outside_window",
    });
  });
  it("keeps the platform's words and trace id for the agent and the admin", () => {
    const error = graphError(
      400,
      envelope(100, { error_data: { details: "Parameter text is required" } }),
      "WhatsApp",
    );
    expect(error.message).toBe(
      "WhatsApp error 100: (#100) message — Parameter text is required (fbtrace_id EJplcsCHuLu)",
    );
  });
  it("retries unknown and service errors and 5xx without a body", () => {
    expect(graphError(500, null)).toMatchObject({ code: "platform_unavailable", retryable: true });
    expect(graphError(400, envelope(2))).toMatchObject({ retryable: true });
  });
  it("waits estimated_time_to_regain_access (minutes) of the business use case header", () => {
    const headers = new Headers({
      "x-business-use-case-usage": JSON.stringify({
        "104291852316492": [
          {
            type: "pages",
            call_count: 100,
            total_cputime: 25,
            total_time: 25,
            estimated_time_to_regain_access: 7,
          },
        ],
      }),
    });
    const error = graphError(400, envelope(80001), "Facebook", headers);
    expect(error).toMatchObject({ code: "rate_limited", retryable: true, retryAfterSeconds: 420 });
    expect(error.status).toBe("Facebook error 80001");
  });
  it("reads the wait from X-App-Usage too, the longest of all objects, and 0 as no hint", () => {
    expect(
      usageHeaderWaitSeconds(
        new Headers({
          "x-app-usage": JSON.stringify({
            call_count: 100,
            total_cputime: 3,
            total_time: 4,
            estimated_time_to_regain_access: 2,
          }),
          "x-business-use-case-usage": JSON.stringify({
            "1": [{ type: "instagram", call_count: 90, estimated_time_to_regain_access: 0 }],
            "2": [{ type: "pages", call_count: 100, estimated_time_to_regain_access: 5 }],
          }),
        }),
      ),
    ).toBe(300);
    expect(usageHeaderWaitSeconds(new Headers({ "x-app-usage": '{"call_count":100}' }))).toBeUndefined();
    expect(usageHeaderWaitSeconds(new Headers({ "x-business-use-case-usage": "not json" }))).toBeUndefined();
  });
  it("throttles the whole account on every business use case code 80001-80009", () => {
    for (let code = 80001; code <= 80009; code++) {
      const error = graphError(400, envelope(code));
      expect(error).toMatchObject({ code: "rate_limited", retryable: true });
      expect(concernsChannel(error)).toBe(true);
    }
  });
  it("honours Retry-After when throttling comes as HTTP 429, and a bare 503's HTTP-date", () => {
    expect(graphError(429, envelope(4), "Instagram", new Headers({ "retry-after": "90" }))).toMatchObject({
      code: "rate_limited",
      retryAfterSeconds: 90,
      status: "Instagram error 4",
    });
    const at = new Date(Date.now() + 60_000).toUTCString();
    const bare = graphError(503, null, "WhatsApp", new Headers({ "retry-after": at }));
    expect(bare).toMatchObject({ code: "platform_unavailable", status: "WhatsApp HTTP 503" });
    expect(bare.retryAfterSeconds).toBeGreaterThanOrEqual(58);
    expect(bare.retryAfterSeconds).toBeLessThanOrEqual(60);
  });
  it("holds one recipient, not the number, on WhatsApp's pair limit", () => {
    const error = graphError(400, envelope(131056), "WhatsApp");
    expect(error).toMatchObject({ code: "rate_limited", scope: "recipient" });
    expect(concernsChannel(error)).toBe(false);
    expect(concernsChannel(graphError(400, envelope(130429), "WhatsApp"))).toBe(true);
  });
  it("treats a policy block (368) and WhatsApp's spam limit (131048) as an hours-long block of the account", () => {
    for (const code of [368, 131048]) {
      const error = graphError(400, envelope(code), "WhatsApp");
      expect(error).toMatchObject({ code: "temporarily_blocked", retryable: true, retryAfterSeconds: 3600 });
      expect(concernsChannel(error)).toBe(true);
    }
  });
  it("labels the refusal by status and code only, never by Meta's words", () => {
    const error = graphError(400, envelope(100, { error_data: { details: "secret internals" } }));
    expect(error.status).toBe("Facebook error 100");
    expect(graphError(502, "<html>upstream</html>").status).toBe("Facebook HTTP 502");
  });
});
