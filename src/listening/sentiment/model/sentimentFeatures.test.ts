import { describe, expect, it } from "vitest";
import { extractFeatures, FEATURE_COUNT, modelTokens } from "./sentimentFeatures.ts";

describe("sentiment features", () => {
  it("keeps a double letter, so 'as' and 'ass' stay different words", () => {
    expect(modelTokens("as soon as possible")).toEqual(["as", "soon", "as", "possible"]);
    expect(modelTokens("ASS")).toEqual(["ass"]);
    // Emphasis ("ужаснооо", "sooo") is cut to two letters, not one.
    expect(modelTokens("ужаснооо sooo goood")).toEqual(["ужасноо", "soo", "good"]);
  });

  it("turns links, handles and long numbers into placeholders and keeps emoji and !?", () => {
    expect(modelTokens("@bank_help где заказ 123456789?? https://x.example/a 😡")).toEqual([
      "<user>",
      "где",
      "заказ",
      "<number>",
      "??",
      "<url>",
      "😡",
    ]);
  });

  it("is deterministic, bounded and keeps the languages' word spaces apart", () => {
    const a = extractFeatures("Świetna obsługa, dziękuję!", "pl");
    const b = extractFeatures("Świetna obsługa, dziękuję!", "pl");
    expect([...a.indices]).toEqual([...b.indices]);
    expect([...a.values]).toEqual([...b.values]);
    for (const index of a.indices) expect(index).toBeLessThan(FEATURE_COUNT);
    const asPolish = new Set(extractFeatures("pan", "pl").indices);
    const asEnglish = extractFeatures("pan", "en").indices;
    const shared = [...asEnglish].filter((index) => asPolish.has(index));
    // Only the language-independent cues (length, lexicon bin, shared bias) coincide.
    expect(shared.length).toBeLessThanOrEqual(4);
  });

  it("reads only the start of a huge text", () => {
    const huge = "доставка ".repeat(100_000);
    const features = extractFeatures(huge, "ru");
    expect(features.length).toBeGreaterThan(0);
    expect(features.length).toBeLessThan(200);
  });
});
