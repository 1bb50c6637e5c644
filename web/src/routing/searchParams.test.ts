import { describe, expect, it } from "vitest";
import { listOf, parseSearch, stringifySearch, withoutDefaults } from "./searchParams.ts";

describe("search parameters", () => {
  it("reads and writes plain strings, so links stay readable", () => {
    expect(stringifySearch({ status: "open", q: "заказ 12", channelId: "" })).toBe(
      "?status=open&q=%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7+12",
    );
    expect(parseSearch("?status=open&q=%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7+12")).toEqual({
      status: "open",
      q: "заказ 12",
    });
  });

  it("keeps numbers that look like JSON as the strings they were", () => {
    expect(parseSearch(stringifySearch({ q: "123" }))).toEqual({ q: "123" });
    expect(parseSearch(stringifySearch({ q: '"quoted"' }))).toEqual({ q: '"quoted"' });
  });

  it("writes nothing for an empty search", () => {
    expect(stringifySearch({})).toBe("");
    expect(stringifySearch({ tab: undefined })).toBe("");
  });

  it("leaves defaults out of the URL", () => {
    expect(withoutDefaults({ tab: "teams", q: "x" }, { tab: "teams", q: "" })).toEqual({ q: "x" });
  });
});

describe("repeated search parameters", () => {
  it("reads a parameter given twice as a list, and writes a list as the parameter repeated", () => {
    expect(parseSearch("?label=vip&label=refund%2C+urgent&status=open")).toEqual({
      label: ["vip", "refund, urgent"],
      status: "open",
    });
    expect(stringifySearch({ label: ["vip", "refund, urgent"], status: "open" })).toBe(
      "?label=vip&label=refund%2C+urgent&status=open",
    );
    expect(parseSearch(stringifySearch({ label: ["a", "b", "c"] }))).toEqual({ label: ["a", "b", "c"] });
  });

  it("writes nothing for an empty list and reads any value as a list", () => {
    expect(stringifySearch({ label: [] })).toBe("");
    expect(listOf(undefined)).toEqual([]);
    expect(listOf("vip")).toEqual(["vip"]);
    expect(listOf(["vip", "", "refund"])).toEqual(["vip", "refund"]);
  });

  it("leaves an empty list out of the URL as a default, and keeps one that differs", () => {
    expect(withoutDefaults({ label: [] as string[], q: "" }, { label: [], q: "" })).toEqual({});
    expect(withoutDefaults({ label: ["vip"], q: "" }, { label: [] as string[], q: "" })).toEqual({
      label: ["vip"],
    });
  });
});
