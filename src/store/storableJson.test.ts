import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, storableJson, storableText, unstorablePart } from "./storableJson.ts";

describe("storableText", () => {
  it("replaces NUL and unpaired surrogates and keeps pairs", () => {
    expect(storableText("a\u0000b")).toBe("a\uFFFDb");
    expect(storableText("\ud800x\udc00")).toBe("\uFFFDx\uFFFD");
    expect(storableText("ok 😀")).toBe("ok 😀");
  });
});

describe("storableJson", () => {
  it("returns the very value when nothing needs a change", () => {
    const value = { a: [1, "two", { three: null }], b: true };
    const result = storableJson(value);
    expect(result.changed).toBe(false);
    expect(result.value).toBe(value);
  });

  it("cleans values and keys at any depth without touching the input", () => {
    const value = { "k\u0000": ["x", { deep: "\ud83d" }], keep: "fine" };
    const result = storableJson(value);
    expect(result.changed).toBe(true);
    expect(result.value).toEqual({ "k\uFFFD": ["x", { deep: "\uFFFD" }], keep: "fine" });
    expect(value["k\u0000"][1]).toEqual({ deep: "\ud83d" });
    expect(JSON.stringify(result.value)).not.toMatch(/\\u0000|\\ud8/);
  });

  it("keeps objects that are not plain data, such as dates", () => {
    const at = new Date(0);
    const result = storableJson({ at, text: "\u0000" });
    expect((result.value as { at: Date }).at).toBe(at);
  });

  it("cuts subtrees deeper than the limit, so stringifying never runs out of stack", () => {
    const deep = JSON.parse(`${"[".repeat(50_000)}${"]".repeat(50_000)}`);
    const result = storableJson(deep);
    expect(result.changed).toBe(true);
    expect(JSON.stringify(result.value)).toMatch(new RegExp(`^\\[{${MAX_JSON_DEPTH}}"\\[cut`));
  });
});

describe("unstorablePart", () => {
  it("names the first part PostgreSQL could not store", () => {
    expect(unstorablePart({ a: ["ok", { b: "x\u0000" }] })).toEqual({
      path: "a.1.b",
      reason: expect.stringMatching(/NUL/),
    });
    expect(unstorablePart({ "\ud800": 1 })?.path).toBe("\ud800");
    expect(unstorablePart({ fine: ["😀", 1, null] })).toBeUndefined();
  });

  it("stops at the depth limit without exhausting the stack", () => {
    const deep = JSON.parse(`${"[".repeat(200_000)}${"]".repeat(200_000)}`);
    expect(unstorablePart(deep)?.reason).toMatch(/deeper/);
  });
});
