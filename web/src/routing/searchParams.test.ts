import { describe, expect, it } from "vitest";
import { parseSearch, stringifySearch, withoutDefaults } from "./searchParams.ts";

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
