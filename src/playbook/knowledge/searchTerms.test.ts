import { describe, expect, it } from "vitest";
import { searchLanguageOf, searchTermsOf } from "./searchTerms.ts";

describe("searchTermsOf", () => {
  it.each([
    ["ru", "посылку", "посылка"],
    ["pl", "zwrotu", "zwrot"],
    ["pl", "dostawę", "dostawa"],
    ["pl", "kartą", "karta"],
    ["lv", "piegādi", "piegāde"],
    ["en", "refunds", "refund"],
  ] as const)("gives inflected forms one stem (%s: %s / %s)", (language, a, b) => {
    const [stemA] = searchTermsOf(a, language);
    expect(stemA).toBeDefined();
    expect(searchTermsOf(b, language)).toEqual([stemA]);
  });

  it("drops stopwords, greetings, numbers and {{variables}}, keeping content words", () => {
    expect(searchTermsOf("Здравствуйте, где мой заказ 12345?", "ru")).toEqual(["заказ"]);
    expect(searchTermsOf("Dzień dobry, kiedy dotrze moja paczka?", "pl")).toEqual(["dotr", "paczk"]);
    expect(searchTermsOf("Labdien, kur ir mans sūtījums?", "lv")).toEqual(["sutijum"]);
    expect(searchTermsOf("Hi {{customer_name}}, how long does delivery take?", "en")).toEqual(["deliveri"]);
  });

  it("leaves words of another script, and unsupported languages, unstemmed", () => {
    expect(searchTermsOf("заказ в Nordmarts", "ru")).toEqual(["заказ", "nordmarts"]);
    expect(searchTermsOf("Pakete", null)).toEqual(["pakete"]);
    expect(searchLanguageOf("ru-RU")).toBe("ru");
    expect(searchLanguageOf("LV")).toBe("lv");
    expect(searchLanguageOf("de")).toBeNull();
  });
});
