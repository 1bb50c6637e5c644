import { describe, expect, it } from "vitest";
import { MAX_TRANSLITERATIONS, transliterations } from "./transliteration.ts";

describe("transliterations", () => {
  it("spells Cyrillic in Latin, practical scheme first", () => {
    expect(transliterations("доставка")).toEqual(["dostavka"]);
    expect(transliterations("щётка")[0]).toBe("shchetka");
    expect(transliterations("щётка")).toEqual(expect.arrayContaining(["schetka", "shetka", "szczetka"]));
    expect(transliterations("журнал")).toEqual(expect.arrayContaining(["zhurnal", "zurnal"]));
    expect(transliterations("хлеб")).toEqual(expect.arrayContaining(["khleb", "hleb"]));
    expect(transliterations("моя")).toEqual(expect.arrayContaining(["moya", "moja"]));
  });

  it("reads Latin in Cyrillic", () => {
    expect(transliterations("Nordmart")).toEqual(["нордмарт"]);
    expect(transliterations("dostavka")).toContain("доставка");
    expect(transliterations("shchetka")).toContain("щетка");
    expect(transliterations("Biedronka")).toContain("бедронка");
    expect(transliterations("check")).toContain("чек");
  });

  it("never returns the term itself and stays within its bound", () => {
    expect(transliterations("123")).toEqual([]);
    const many = transliterations("Щёткина хижина моя iPhone");
    expect(many.length).toBeLessThanOrEqual(MAX_TRANSLITERATIONS);
    expect(transliterations("x".repeat(40))).toEqual(["кс"]);
  });
});
