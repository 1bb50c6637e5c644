import { describe, expect, it } from "vitest";
import { LISTENING_LANGUAGES } from "../../listening/listeningTypes.ts";
import { tokenize } from "../../listening/normalize.ts";
import { KeywordRules } from "./keywordRules.ts";
import { SEED_CATEGORIES } from "./seedCategories.ts";

describe("SEED_CATEGORIES", () => {
  it("has the support categories, named in every language, with 8 to 25 keywords each except 'other'", () => {
    expect(SEED_CATEGORIES.map((c) => c.key)).toEqual([
      "delivery",
      "returns",
      "payment",
      "bonus",
      "product_question",
      "complaint",
      "praise",
      "spam",
      "other",
    ]);
    for (const category of SEED_CATEGORIES) {
      for (const language of LISTENING_LANGUAGES) {
        expect(category.names[language].length).toBeGreaterThan(0);
        const count = category.keywords[language].length;
        if (category.key === "other") expect(count).toBe(0);
        else expect(count, `${category.key}/${language}`).toBeGreaterThanOrEqual(8);
        expect(count, `${category.key}/${language}`).toBeLessThanOrEqual(25);
      }
    }
  });

  it.each(LISTENING_LANGUAGES)("every %s keyword finds itself", (language) => {
    const rules = new KeywordRules(
      language,
      SEED_CATEGORIES.map((c) => c.keywords[language]),
    );
    SEED_CATEGORIES.forEach((category, index) => {
      for (const keyword of category.keywords[language]) {
        const hits = rules.hits(tokenize(keyword.replace(/[*=]/gu, "")));
        expect(hits[index], `${category.key}: ${keyword}`).toBeGreaterThan(0);
      }
    });
  });

  it.each([
    ["ru", "почти лучше довольно центр доходит"],
    ["pl", "centrum reklama składam placówka"],
    ["lv", "centrs"],
    ["en", "please help, what happened, better"],
  ] as const)("keeps common %s words out of every category: %s", (language, text) => {
    const rules = new KeywordRules(
      language,
      SEED_CATEGORIES.map((c) => c.keywords[language]),
    );
    expect([...rules.hits(tokenize(text))].every((h) => h === 0)).toBe(true);
  });
});
