import { describe, expect, it } from "vitest";
import type { ListeningLanguage } from "../../listening/listeningTypes.ts";
import { tokenize } from "../../listening/normalize.ts";
import { KeywordRules } from "./keywordRules.ts";

function hitsOf(language: ListeningLanguage, keywords: readonly string[][], text: string): number[] {
  return [...new KeywordRules(language, keywords).hits(tokenize(text))];
}

describe("KeywordRules", () => {
  it("finds a base form's inflections by its stem, but not a longer word past the suffix allowance", () => {
    expect(hitsOf("ru", [["посылка"]], "Посылкой недовольна")).toEqual([1]);
    expect(hitsOf("lv", [["piegāde"]], "Piegādi gaidu")).toEqual([1]);
    expect(hitsOf("ru", [["трек"]], "трекинговый")).toEqual([0]);
  });

  it("keeps the part of a rewritten Snowball stem the word shares, so 'delivery' finds 'delivered'", () => {
    expect(hitsOf("en", [["delivery"]], "It was delivered to the wrong door")).toEqual([1]);
  });

  it("finds a Polish softened stem ('paczka' in 'w paczce')", () => {
    expect(hitsOf("pl", [["paczka"]], "Coś było w paczce")).toEqual([1]);
  });

  it("takes 'word*' as a prefix as written and '=word' as that form only", () => {
    expect(hitsOf("pl", [["zwróc*"]], "Zwrócę jutro")).toEqual([1]);
    expect(hitsOf("en", [["=happy"]], "What happened?")).toEqual([0]);
    expect(hitsOf("en", [["=happy"]], "Very happy!")).toEqual([1]);
  });

  it("needs a phrase's words in a row, each by its own stem", () => {
    expect(hitsOf("ru", [["пункт выдачи"]], "В пунктах выдачи нет")).toEqual([1]);
    expect(hitsOf("ru", [["пункт выдачи"]], "пункт номер выдачи")).toEqual([0]);
  });

  it("counts distinct keywords per category, one per token, and ignores handles", () => {
    const keywords = [["paka", "pakomāts", "kurjers"], ["kurjers"]];
    expect(hitsOf("lv", keywords, "Pakomātā, kurjers, kurjers")).toEqual([2, 1]);
    expect(hitsOf("lv", keywords, "@kurjers")).toEqual([0, 0]);
  });

  it("finds nothing in a category without keywords in that language", () => {
    const rules = new KeywordRules("en", [undefined, []]);
    expect(rules.size).toBe(0);
    expect([...rules.hits(tokenize("delivery"))]).toEqual([0, 0]);
  });
});
