import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox } from "./secretBox.ts";

describe("SecretBox", () => {
  const box = new SecretBox(randomBytes(32));

  it("round-trips credentials and never stores them in clear", () => {
    const sealed = box.seal({ botToken: "123:ABC" });
    expect(sealed).not.toContain("123:ABC");
    expect(box.open(sealed)).toEqual({ botToken: "123:ABC" });
  });

  it("refuses a tampered value", () => {
    const sealed = box.seal({ botToken: "123:ABC" });
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64");
    expect(() => box.open(parts.join("."))).toThrow();
  });

  it("refuses a value sealed with another key", () => {
    const other = new SecretBox(randomBytes(32));
    expect(() => other.open(box.seal({ a: 1 }))).toThrow();
  });
});
