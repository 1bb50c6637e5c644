import { describe, expect, it } from "vitest";
import { tokenize } from "../../listening/normalize.ts";
import { LINK_FEATURE, textFeatures } from "./textFeatures.ts";

function featuresOf(text: string, language: Parameters<typeof textFeatures>[2]): string[] {
  return textFeatures(text, tokenize(text), language);
}

describe("textFeatures", () => {
  it("stems words in their language and pairs neighbours across stopwords", () => {
    const features = featuresOf("Где мой бонус за доставку?", "ru");
    expect(features).toContain("бонус");
    expect(features).toContain("доставк");
    expect(features).toContain("бонус доставк");
    expect(features).not.toContain("где");
    expect(featuresOf("бонусы за доставки", "ru")).toEqual(expect.arrayContaining(["бонус", "доставк"]));
  });

  it("keeps words whole without a language, drops numbers and handles, and marks links", () => {
    const features = featuresOf("Zarabiaj 5000 @promo http://x.pl", null);
    expect(features).toEqual(["zarabiaj", LINK_FEATURE]);
  });
});
