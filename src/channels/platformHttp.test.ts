import { describe, expect, it } from "vitest";
import { httpStatusRefusal, retryAfterHeader } from "./platformHttp.ts";

const headers = (retryAfter?: string) =>
  new Headers(retryAfter === undefined ? {} : { "retry-after": retryAfter });

describe("retryAfterHeader", () => {
  const now = Date.parse("2026-03-02T10:00:00Z");
  it("reads delay-seconds", () => {
    expect(retryAfterHeader(headers("120"), now)).toBe(120);
    expect(retryAfterHeader(headers(" 0 "), now)).toBe(0);
  });
  it("reads an HTTP-date as the seconds left until it", () => {
    expect(retryAfterHeader(headers("Mon, 02 Mar 2026 10:01:30 GMT"), now)).toBe(90);
    // A date already past is "now", not a negative wait.
    expect(retryAfterHeader(headers("Mon, 02 Mar 2026 09:00:00 GMT"), now)).toBe(0);
  });
  it("gives no hint for a missing or unreadable header", () => {
    expect(retryAfterHeader(headers(), now)).toBeUndefined();
    expect(retryAfterHeader(headers("soon"), now)).toBeUndefined();
    expect(retryAfterHeader(headers("-5"), now)).toBeUndefined();
    expect(retryAfterHeader(headers("1.5"), now)).toBeUndefined();
  });
});

describe("httpStatusRefusal", () => {
  it("retries a bare 429 after its Retry-After, labelled with the status only", () => {
    expect(httpStatusRefusal("VK", 429, headers("7"))).toEqual({
      code: "rate_limited",
      message: "VK HTTP 429: too many requests",
      retryable: true,
      retryAfterSeconds: 7,
      status: "VK HTTP 429",
    });
  });
  it("retries every plain 5xx, with the hint when there is one", () => {
    for (const status of [500, 502, 503, 504])
      expect(httpStatusRefusal("WhatsApp", status, headers())).toMatchObject({
        code: "platform_unavailable",
        retryable: true,
        retryAfterSeconds: undefined,
        status: `WhatsApp HTTP ${status}`,
      });
    expect(httpStatusRefusal("WhatsApp", 503, headers("30"))?.retryAfterSeconds).toBe(30);
  });
  it("leaves other statuses to the platform's own envelope", () => {
    expect(httpStatusRefusal("VK", 400, headers())).toBeNull();
    expect(httpStatusRefusal("VK", 200, headers())).toBeNull();
  });
});
