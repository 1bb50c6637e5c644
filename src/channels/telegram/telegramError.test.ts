import { describe, expect, it } from "vitest";
import { concernsChannel } from "../../domain/channelHealth.ts";
import { telegramError } from "./telegramAdapter.ts";
import type { TgResponse } from "./telegramTypes.ts";

/** Error bodies as the Bot API sends them (https://core.telegram.org/bots/api#making-requests). */
const body = (error_code: number, description: string, parameters?: object) =>
  ({ ok: false, error_code, description, ...(parameters ? { parameters } : {}) }) as TgResponse<unknown>;
const none = new Headers();

describe("telegramError", () => {
  it("waits retry_after seconds of a flood-control 429, and says so as a status without the text", () => {
    const error = telegramError(
      429,
      none,
      body(429, "Too Many Requests: retry after 35", { retry_after: 35 }),
    );
    expect(error).toMatchObject({ code: "rate_limited", retryable: true, retryAfterSeconds: 35 });
    expect(error.status).toBe("Telegram 429");
    expect(concernsChannel(error)).toBe(true);
  });
  it("prefers the body's retry_after to a Retry-After header, and takes the header when the body has none", () => {
    const header = new Headers({ "retry-after": "12" });
    expect(
      telegramError(429, header, body(429, "Too Many Requests: retry after 3", { retry_after: 3 }))
        .retryAfterSeconds,
    ).toBe(3);
    expect(telegramError(429, header, body(429, "Too Many Requests")).retryAfterSeconds).toBe(12);
    expect(telegramError(429, none, body(429, "Too Many Requests")).retryAfterSeconds).toBeUndefined();
  });
  it("retries a 5xx, enveloped or a proxy's bare page, after its Retry-After", () => {
    expect(telegramError(500, none, body(500, "Internal Server Error"))).toMatchObject({
      code: "platform_unavailable",
      retryable: true,
      status: "Telegram 500",
    });
    expect(telegramError(502, new Headers({ "retry-after": "4" }), null)).toMatchObject({
      code: "platform_unavailable",
      retryAfterSeconds: 4,
      status: "Telegram HTTP 502",
    });
  });
  it("asks for re-authorisation on 401 and on the 404 of an unknown token", () => {
    for (const [code, text] of [
      [401, "Unauthorized"],
      [404, "Not Found"],
    ] as const)
      expect(telegramError(code, none, body(code, text))).toMatchObject({
        code: "token_invalid",
        needsReauth: true,
        retryable: false,
      });
  });
  it("keeps a 403 to one chat (blocked, kicked) from holding the whole bot back", () => {
    const blocked = telegramError(403, none, body(403, "Forbidden: bot was blocked by the user"));
    expect(blocked).toMatchObject({ code: "forbidden", retryable: false, needsReauth: false });
    expect(concernsChannel(blocked)).toBe(false);
  });
  it("names the supergroup a group was upgraded to", () => {
    const error = telegramError(
      400,
      none,
      body(400, "Bad Request: group chat was upgraded to a supergroup chat", {
        migrate_to_chat_id: -1001234567890,
      }),
    );
    expect(error).toMatchObject({ code: "chat_migrated", retryable: false });
    expect(error.message).toContain("-1001234567890");
  });
});
