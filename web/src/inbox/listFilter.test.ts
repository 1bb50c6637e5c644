import { describe, expect, it } from "vitest";
import { parseSearch } from "../routing/searchParams.ts";
import { EMPTY_FILTER, listQuery, sameFilter, setFilters, toListFilter } from "./listFilter.ts";

describe("the inbox list's filters", () => {
  it("reads team, category, labels and language from the URL, and leaves unknown keys out", () => {
    const filter = toListFilter(
      parseSearch("?teamId=t1&categoryId=c1&label=vip&label=refund&language=pl&status=open&password=x"),
    );
    expect(filter).toEqual({
      ...EMPTY_FILTER,
      teamId: "t1",
      categoryId: "c1",
      label: ["vip", "refund"],
      language: "pl",
      status: "open",
    });
  });

  it("reads a value outside a closed set as 'any' rather than asking the server for it", () => {
    const filter = toListFilter(parseSearch("?language=de&status=closed&priority=asap&sort=oldest"));
    expect(filter).toEqual(EMPTY_FILTER);
  });

  it("reads one label as a list of one and drops repeats", () => {
    expect(toListFilter({ label: "vip" }).label).toEqual(["vip"]);
    expect(toListFilter({ label: ["vip", "vip"] }).label).toEqual(["vip"]);
  });

  it("asks the list API for the labels as a repeated parameter, and for nothing it does not filter by", () => {
    const filter = { ...EMPTY_FILTER, label: ["vip", "refund, urgent"], language: "ru" as const };
    expect(listQuery(filter).toString()).toBe("label=vip&label=refund%2C+urgent&language=ru");
    expect(listQuery(EMPTY_FILTER).toString()).toBe("");
    expect(setFilters(filter)).toEqual({ label: ["vip", "refund, urgent"], language: "ru" });
  });

  it("round-trips a saved view's filters, and matches them in any label order", () => {
    const filter = { ...EMPTY_FILTER, teamId: "t1", label: ["a", "b"] };
    expect(toListFilter(setFilters(filter))).toEqual(filter);
    expect(sameFilter(filter, { ...filter, label: ["b", "a"] })).toBe(true);
    expect(sameFilter(filter, { ...filter, label: ["a"] })).toBe(false);
    expect(sameFilter(filter, { ...filter, language: "lv" })).toBe(false);
  });
});
