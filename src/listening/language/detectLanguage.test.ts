import { describe, expect, it } from "vitest";
import { detectLanguage } from "./detectLanguage.ts";

const languageOf = (text: string) => detectLanguage(text).language;

describe("language detection of short social texts", () => {
  it("detects Russian in Cyrillic, with Latin brand names and a wrong-layout brand inside", () => {
    expect(languageOf("Нордмарт, где мой заказ? Обещали вчера")).toBe("ru");
    expect(languageOf("Заказ в Nordmart пришёл без зарядки")).toBe("ru");
    expect(languageOf("тщквьфке опять не работает сайт")).toBe("ru");
    expect(languageOf("и?")).toBe("ru");
  });

  it("detects Russian typed in Latin letters", () => {
    expect(languageOf("gde moj zakaz")).toBe("ru");
    expect(languageOf("privet, kogda budet dostavka?")).toBe("ru");
    expect(languageOf("spasibo nordmart, vse prishlo vovremya")).toBe("ru");
    expect(languageOf("nordmart ne otvechaet uzhe tri dnya, chto za bardak")).toBe("ru");
  });

  it("detects Polish with and without diacritics", () => {
    expect(languageOf("Kurier nie przyjechał, cały dzień siedziałam w domu")).toBe("pl");
    expect(languageOf("gdzie moje zamowienie?? czekam juz tydzien")).toBe("pl");
    expect(languageOf("nie polecam")).toBe("pl");
    expect(languageOf("dzięki")).toBe("pl");
  });

  it("tells Latvian from Polish by its letters and function words, with and without diacritics", () => {
    expect(languageOf("Labdien, kur ir mans pasūtījums?")).toBe("lv");
    expect(languageOf("kur mans pasutijums?? gaidu jau nedelu")).toBe("lv");
    expect(languageOf("nav slikti")).toBe("lv");
    expect(languageOf("paldies")).toBe("lv");
    expect(languageOf("Nordmartā pārdevēji ir rupji")).toBe("lv");
  });

  it("detects English, including lower-case texts without punctuation", () => {
    expect(languageOf("wheres my order nordmart been waiting a week")).toBe("en");
    expect(languageOf("not bad")).toBe("en");
    expect(languageOf("Courier never showed up. Stayed home all day for nothing")).toBe("en");
  });

  it("judges the words, not hashtags and handles", () => {
    expect(languageOf("@nordmart_help #nordmart gdzie jest moja paczka?")).toBe("pl");
    expect(languageOf("#nordmartbonus kur ir mani punkti?")).toBe("lv");
  });

  it('calls other languages and scripts "other"', () => {
    expect(languageOf("Guten Tag, wo ist meine Bestellung?")).toBe("other");
    expect(languageOf("Bonjour, où est ma commande ?")).toBe("other");
    expect(languageOf("Де моє замовлення?")).toBe("other");
    expect(languageOf("这是什么")).toBe("other");
  });

  it("is more confident on a sentence than on one word, and has no confidence without letters", () => {
    const word = detectLanguage("paldies");
    const sentence = detectLanguage("Paldies, kurjers atbrauca agrāk nekā solīts, viss ir kārtībā");
    expect(sentence.language).toBe("lv");
    expect(sentence.confidence).toBeGreaterThan(word.confidence);
    expect(detectLanguage("👍👍 !!! 4581-2290")).toEqual({ language: "other", confidence: 0 });
  });

  it("never throws on empty, binary-ish, mixed-script or huge input", () => {
    expect(detectLanguage("")).toEqual({ language: "other", confidence: 0 });
    expect(detectLanguage("\u0000\u0001\uD800\uFFFF").language).toBe("other");
    expect(detectLanguage(undefined as unknown as string)).toEqual({ language: "other", confidence: 0 });
    const huge = "Курьер опять опоздал, ".repeat(5000);
    expect(huge.length).toBeGreaterThan(100_000);
    const started = performance.now();
    expect(detectLanguage(huge).language).toBe("ru");
    expect(performance.now() - started).toBeLessThan(500);
    const result = detectLanguage("Nordmart Нордмарт nordmart Нордмарт");
    expect(["ru", "other", "en"]).toContain(result.language);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });
});
