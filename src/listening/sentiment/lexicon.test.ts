import { describe, expect, it } from "vitest";
import { normalizeTerm } from "../normalize.ts";
import { compileLexicon, lookupToken, lookupWritten, NEGATED_EXPECTATION } from "./lexicon.ts";
import { lexiconSentiment } from "./lexiconSentiment.ts";
import { enLexicon } from "./lexicons/en.ts";
import { lvLexicon } from "./lexicons/lv.ts";
import { plLexicon } from "./lexicons/pl.ts";
import { ruLexicon } from "./lexicons/ru.ts";

describe("sentiment lexicons", () => {
  const lexicon = compileLexicon({
    words: { "доставк*": -1, Ёлка: 2, "zepsut*": -2.5, "dzień dobry": 0, polecam: [2.5, -3] },
    expected: ["приеха*", "polecam"],
    negators: ["не"],
    intensifiers: ["очень"],
    diminishers: [],
    contrast: [],
  });

  it("folds entries like the tokenizer and matches stems with a bounded ending", () => {
    expect(lookupToken(lexicon, "елка")?.weight).toBe(2);
    expect(lookupToken(lexicon, "доставкои")?.weight).toBe(-1);
    expect(lookupToken(lexicon, "zepsuty")?.weight).toBe(-2.5);
    expect(lookupToken(lexicon, "доставкаааааааааа")).toBeUndefined();
    expect(lookupToken(lexicon, "дост")).toBeUndefined();
    expect(lexicon.phrases.get("dzien")?.[0]?.tokens).toEqual(["dzien", "dobry"]);
  });

  it("marks expected actions and keeps an explicit negated weight", () => {
    expect(lookupToken(lexicon, "приехал")).toEqual({
      weight: 0,
      negated: NEGATED_EXPECTATION,
      expected: true,
    });
    expect(lookupToken(lexicon, "polecam")).toEqual({ weight: 2.5, negated: -3, expected: true });
  });

  it("ships four lexicons that compile with customer-service words in them", () => {
    const checks = [
      [ruLexicon, "возврат", "мошенники", -3],
      [plLexicon, "zwrot", "oszuści", -3],
      [lvLexicon, "atmaksa", "krāpnieki", -3],
      [enLexicon, "refund", "scammers", -3],
    ] as const;
    for (const [source, neutral, bad, below] of checks) {
      const compiled = compileLexicon(source);
      expect(compiled.exact.size + compiled.stems.size).toBeGreaterThan(100);
      expect(lookupToken(compiled, normalizeTerm(neutral))?.weight ?? 0, neutral).toBe(0);
      expect(lookupToken(compiled, normalizeTerm(bad))?.weight ?? 0, bad).toBeLessThanOrEqual(below);
    }
  });

  it("scores a word whose double letter folding removed only when the double letter was written", () => {
    const lexicon = compileLexicon(enLexicon);
    // "ass" and "as" both fold to "as": the rude word must not make "as soon as possible" rude.
    expect(lookupWritten(lexicon, "as", "as")).toBeUndefined();
    expect(lookupWritten(lexicon, "as", "ass")?.weight).toBeLessThan(0);
    expect(lookupWritten(lexicon, "as", "ASSSS")?.weight).toBeLessThan(0);
    expect(lexiconSentiment("Please reply as soon as you can", "en").label).toBe("neutral");
  });
});
