import { describe, expect, it } from "vitest";
import { redactBytes, redactJson, redactText, secretsIn } from "./secretRedaction.ts";

describe("secret redaction", () => {
  const settings = { secretKey: "vk-secret-key", accessToken: "token-not-in-body", groupId: 5, short: "abc" };
  const fields = ["secretKey", "accessToken", "short"];

  it("finds only the credentials a body contains", () => {
    expect(secretsIn('{"secret":"vk-secret-key","abc":1}', settings, fields)).toEqual(["vk-secret-key"]);
  });

  it("replaces them in text, bytes and parsed JSON", () => {
    const secrets = ["vk-secret-key"];
    expect(redactText('{"secret":"vk-secret-key"}', secrets)).toBe('{"secret":"[redacted]"}');
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from('"vk-secret-key" and vk-secret-key')]);
    expect(redactBytes(bytes, secrets)).toEqual(
      Buffer.concat([Buffer.from([0xff]), Buffer.from('"[redacted]" and [redacted]')]),
    );
    expect(redactJson({ secret: "vk-secret-key", list: ["x vk-secret-key"], n: 1 }, secrets)).toEqual({
      secret: "[redacted]",
      list: ["x [redacted]"],
      n: 1,
    });
  });
});
