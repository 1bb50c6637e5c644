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

  describe("words mixing look-alike Latin and Cyrillic letters", () => {
    it("reads a Cyrillic word with Latin о, е, а, с, р in it as Cyrillic", () => {
      // "Сбeр": Latin e; "Пoчта": Latin o; "МАГНИТ" with Latin A; "Cбер": Latin C; "теpминал": Latin p.
      expect(texts("Сбeр опять Пoчта МAГНИТ Cбербанк теpминал")).toEqual([
        "сбер",
        "опять",
        "почта",
        "магнит",
        "сбербанк",
        "терминал",
      ]);
      expect(texts("нордмaрт")).toEqual(["нордмарт"]);
      // Every letter has a twin: most of them decide ("МTС": one Latin T among Cyrillic М, С).
      expect(texts("МTС")).toEqual(["мтс"]);
    });

    it("reads a Latin word with Cyrillic look-alikes in it as Latin", () => {
      // "Оzon": Cyrillic О; "Nordmаrt": Cyrillic а; "Rіmі": Cyrillic і; "Biedronkа": Cyrillic а.
      expect(texts("Оzon Nordmаrt Rіmі Biedronkа")).toEqual(["ozon", "nordmart", "rimi", "biedronka"]);
    });

    it("keeps true offsets, hashtags and handles", () => {
      const text = "ну #Сбeр и @nordmаrt_help";
      const tokens = tokenize(text);
      expect(tokens.map((t) => [t.text, t.kind])).toEqual([
        ["ну", "word"],
        ["сбер", "hashtag"],
        ["и", "word"],
        ["nordmart_help", "handle"],
      ]);
      expect(text.slice(tokens[1]!.start, tokens[1]!.end)).toBe("#Сбeр");
    });

    it("leaves words run together from two alphabets, and single-alphabet words, alone", () => {
      expect(texts("mvideoМвидео Сбер Ozon")).toEqual(["mvideoмвидео", "сбер", "ozon"]);
      // A tie between the alphabets is no evidence either way.
      expect(texts("Оk")).toEqual(["оk"]);
    });
  });
});
