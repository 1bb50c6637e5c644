import { describe, expect, it } from "vitest";
import { BRAND_FORMS, mentionBrand } from "./brandMentions.ts";
import { createRandom } from "./random.ts";

describe("brand mentions in simulated traffic", () => {
  it("writes every language's forms of the brand: inflected, transliterated, misspelt, hashtags and handles", () => {
    const random = createRandom(7);
    const seen = new Set<string>();
    // Longest first: "Нордмарт" is inside "Нордмарта".
    const forms = [...BRAND_FORMS.ru].sort((a, b) => b.length - a.length);
    for (let i = 0; i < 400; i++) {
      const text = mentionBrand("где мой заказ?", "ru", random);
      expect(text).toContain("где мой заказ?");
      const form = forms.find((f) => text.includes(f));
      expect(form).toBeDefined();
      seen.add(form!);
    }
    expect(seen).toEqual(new Set(BRAND_FORMS.ru));
    expect(BRAND_FORMS.ru).toContain("тщквьфке");
    expect(BRAND_FORMS.pl).toContain("w Nordmarcie");
  });
});
