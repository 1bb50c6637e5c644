import { describe, expect, it } from "vitest";
import { normalizeTerm, tokenize } from "./normalize.ts";

const texts = (text: string) => tokenize(text).map((t) => t.text);

describe("normalization for matching", () => {
  it("folds case, diacritics and ё in all four languages", () => {
    expect(texts("Ёлка ŁÓDŹ Rīga Žēl")).toEqual(["елка", "lodz", "riga", "zel"]);
    expect(texts("Zażółć gęślą jaźń")).toEqual(["zazolc", "gesla", "jazn"]);
    expect(texts("Мой заказ ЙОГУРТ")).toEqual(["мои", "заказ", "иогурт"]);
  });
  it("collapses letters repeated for emphasis, the same way in text and terms, but keeps digit repeats", () => {
    expect(texts("сууупер Nordmaaart!!! заказ 100500")).toEqual(["супер", "nordmart", "заказ", "100500"]);
    expect(normalizeTerm("класс")).toBe(normalizeTerm("классссс"));
  });
  it("drops URLs, e-mail addresses, emoji and punctuation, and keeps true offsets", () => {
    const text = "Nordmart 😡 https://nordmart.example/x?y=1 write to help@nordmart.example, ok?";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(["nordmart", "write", "to", "ok"]);
    expect(text.slice(tokens[0]!.start, tokens[0]!.end)).toBe("Nordmart");
    expect(text.slice(tokens[3]!.start, tokens[3]!.end)).toBe("ok");
  });
  it("marks hashtags and handles", () => {
    expect(tokenize("#МВидео @nordmart_help don't")).toEqual([
      { text: "мвидео", kind: "hashtag", start: 0, end: 7 },
      { text: "nordmart_help", kind: "handle", start: 8, end: 22 },
      { text: "don't".replace("'", ""), kind: "word", start: 23, end: 28 },
    ]);
  });
  it("never throws on empty, binary-ish, mixed-script or huge input", () => {
    expect(tokenize("")).toEqual([]);
    expect(() => tokenize("\u0000\uffff\ud800abc\u200b")).not.toThrow();
    expect(texts("mvideoМвидео")).toEqual(["mvideoмвидео"]);
    const huge = "доставка ".repeat(20_000);
    expect(tokenize(huge).length).toBeGreaterThan(10_000);
  });
});
