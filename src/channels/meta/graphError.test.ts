import { describe, expect, it } from "vitest";
import { graphError } from "./graphError.ts";

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
});
