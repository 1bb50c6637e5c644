import { describe, expect, it } from "vitest";
import { keyTermsOf } from "./keyTerms.ts";
import { tokenize } from "./normalize.ts";

describe("key terms of a mention", () => {
  it("groups inflections under one crude stem, skipping stopwords, handles and the matched brand", () => {
    const text = "Nordmart, где моя доставка? Это очень плохо @nordmart_help";
    const tokens = tokenize(text);
    expect(keyTermsOf(tokens, [{ start: 0, end: 8 }])).toEqual(["достав", "плохо"]);
    expect(keyTermsOf(tokenize("доставки нет"), [])[0]).toBe(
      keyTermsOf(tokenize("доставкой недоволен"), [])[0],
    );
  });
  it("works the same in Polish, Latvian and English and keeps at most three", () => {
    expect(keyTermsOf(tokenize("Dostawa znowu spóźniona, kurier niemiły"), [])).toHaveLength(3);
    expect(keyTermsOf(tokenize("Piegāde kavējas jau trešo dienu"), [])).toContain("piegad");
    expect(keyTermsOf(tokenize("refund refunded refunds"), [])).toEqual(["refund"]);
  });
});
