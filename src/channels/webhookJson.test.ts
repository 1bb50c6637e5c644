import { describe, expect, it } from "vitest";
import { describeValue, parseWebhookJson, WEBHOOK_MAX_DEPTH } from "./webhookJson.ts";

describe("parseWebhookJson", () => {
  it("parses JSON nested up to the limit", () => {
    const body = `${"[".repeat(WEBHOOK_MAX_DEPTH)}${"]".repeat(WEBHOOK_MAX_DEPTH)}`;
    expect(parseWebhookJson(body).ok).toBe(true);
    expect(parseWebhookJson('{"a":"[[[[\\"[[["}')).toEqual({ ok: true, value: { a: '[[[["[[[' } });
  });

  it("refuses a deeper body before parsing it, and a body that is no JSON", () => {
    const deep = `${"[".repeat(WEBHOOK_MAX_DEPTH + 1)}${"]".repeat(WEBHOOK_MAX_DEPTH + 1)}`;
    expect(parseWebhookJson(deep)).toEqual({ ok: false, reason: expect.stringMatching(/deeper/) });
    expect(parseWebhookJson("{")).toEqual({ ok: false, reason: "Body is not JSON" });
  });
});

describe("describeValue", () => {
  it("describes values whose toString would throw", () => {
    expect(describeValue(JSON.parse('{"toString":1}'))).toBe('{"toString":1}');
    expect(describeValue("page")).toBe("page");
    expect(describeValue(undefined)).toBe("undefined");
  });
});
