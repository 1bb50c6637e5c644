import { describe, expect, it } from "vitest";
import { messageLexemes, nameTsquery, parseSearchQuery, toTsquery } from "./searchLexemes.ts";

/** True when the query's terms would all be found among the message's lexemes (what @@ decides in SQL). */
function finds(query: string, message: string): boolean {
  const lexemes = new Set(messageLexemes(message));
  const { terms } = parseSearchQuery(query);
  return (
    terms.length > 0 &&
    terms.every(
      (term) =>
        term.alternatives.some((form) => lexemes.has(form)) ||
        (term.prefix && [...lexemes].some((lexeme) => lexeme.startsWith(term.word))),
    )
  );
}

describe("message search lexemes", () => {
  it("finds inflected forms in Russian, Polish, Latvian and English", () => {
    expect(finds("доставка", "Где моя доставки? Жду неделю")).toBe(true);
    expect(finds("доставки", "Доставка опять задерживается")).toBe(true);
    expect(finds("Dostawa", "Kiedy będzie dostawy do Krakowa?")).toBe(true);
    expect(finds("dostawę", "Dostawa się opóźnia")).toBe(true);
    expect(finds("piegāde", "Kur ir mana piegādes informācija?")).toBe(true);
    expect(finds("deliveries", "The delivery was late again")).toBe(true);
  });

  it("does not find unrelated words", () => {
    expect(finds("доставка", "Спасибо за помощь")).toBe(false);
    expect(finds("refund", "The delivery was late")).toBe(false);
  });

  it("keeps order numbers whole and never stems or prefixes digits", () => {
    expect(finds("NM-123456", "Заказ NM-123456 не пришёл")).toBe(true);
    expect(finds("123456", "Order NM-123456 is missing")).toBe(true);
    expect(finds("12345", "Order NM-123456 is missing")).toBe(false);
    const [term] = parseSearchQuery("123456").terms;
    expect(term).toEqual({ word: "123456", alternatives: ["123456"], prefix: false });
  });

  it("folds case, diacritics and ё", () => {
    expect(messageLexemes("ЁЛКА Żółw")).toEqual(expect.arrayContaining(["елка", "zolw"]));
    expect(finds("елка", "Ёлка")).toBe(true);
  });

  it("drops function words unless nothing else is left", () => {
    expect(parseSearchQuery("где же доставка").terms.map((t) => t.word)).toEqual(["доставка"]);
    expect(parseSearchQuery("where is the delivery").terms.map((t) => t.word)).toEqual(["delivery"]);
    expect(parseSearchQuery("где").terms.map((t) => t.word)).toEqual(["где"]);
    expect(parseSearchQuery("batch for B").terms.map((t) => t.word)).toEqual(["batch", "b"]);
  });

  it("treats the last word as a prefix from four letters", () => {
    expect(finds("достав", "доставщик приехал")).toBe(true);
    expect(parseSearchQuery("abc").terms[0]?.prefix).toBe(false);
  });

  it("recognises a pasted id", () => {
    const id = "0B6F1F4E-3C1A-4D7E-9A0B-1234567890AB";
    expect(parseSearchQuery(` ${id} `)).toEqual({ terms: [], exactId: id.toLowerCase(), nameWords: [] });
  });
});

describe("tsquery building", () => {
  it("ORs the forms of a term and ANDs the terms", () => {
    const query = toTsquery(parseSearchQuery("доставки 4521").terms);
    expect(query).toBe("('доставки' | 'доставк') & '4521'");
    expect(toTsquery(parseSearchQuery("4521 доставки").terms)).toBe(
      "'4521' & ('доставки' | 'доставк' | 'доставки':*)",
    );
  });

  it("quotes lexemes so nothing typed can break out of the query", () => {
    expect(toTsquery([{ word: "a'b\\", alternatives: ["a'b\\"], prefix: false }])).toBe("'a''b\\\\'");
    expect(toTsquery([])).toBeNull();
    expect(nameTsquery(["ivan", "o'neil"])).toBe("'ivan':* & 'o''neil':*");
  });
});
