import { describe, expect, it } from "vitest";
import { databaseErrorText } from "./pgErrors.ts";

describe("databaseErrorText", () => {
  it("puts the database's reason before the statement that drizzle's message starts with", () => {
    const cause = new Error('invalid input syntax for type uuid: "not-a-uuid"');
    const wrapped = new Error(`Failed query: select ${"x, ".repeat(400)}from messages`, { cause });
    const text = databaseErrorText(wrapped);
    expect(text.startsWith('invalid input syntax for type uuid: "not-a-uuid" (Failed query: select')).toBe(
      true,
    );
    expect(text.slice(0, 1000)).toContain("uuid");
  });

  it("keeps a plain error's message, and anything else as text", () => {
    expect(databaseErrorText(new Error("rule webhook timed out"))).toBe("rule webhook timed out");
    expect(databaseErrorText("boom")).toBe("boom");
  });
});
