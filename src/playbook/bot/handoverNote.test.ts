import { describe, expect, it } from "vitest";
import { handoverNote } from "./handoverNote.ts";

describe("the FAQ bot's hand-over note", () => {
  const complaint = {
    reason: "complaint",
    sentiment: "negative" as const,
    categoryName: "Жалоба",
    candidates: [{ title: "Возврат товара", confidence: 0.13 }],
  };

  it("is written in the conversation's language, not in Parley's English", () => {
    expect(handoverNote({ ...complaint, language: "ru" })).toBe(
      [
        "FAQ-бот передал разговор сотруднику: это жалоба.",
        "Язык: русский · тон: негативный · категория: Жалоба.",
        "Ближайшие статьи: «Возврат товара» (13\u00a0%).",
      ].join("\n"),
    );
    expect(handoverNote({ ...complaint, language: "pl", categoryName: "Skarga", candidates: [] })).toBe(
      "Bot FAQ przekazał rozmowę zespołowi: to skarga.\nJęzyk: polski · nastrój: negatywny · kategoria: Skarga.",
    );
    expect(
      handoverNote({ ...complaint, language: "lv", reason: "customer_followed_up", candidates: [] }),
    ).toContain(
      "FAQ bots nodeva sarunu komandai: klients rakstīja vēlreiz pēc bota atbildes.\nValoda: latviešu",
    );
  });

  it("falls back to English when the language is unknown", () => {
    expect(
      handoverNote({
        reason: "low_confidence",
        language: null,
        sentiment: "neutral",
        categoryName: null,
        candidates: [],
      }),
    ).toBe(
      "FAQ bot handed over: no article answers it with enough confidence.\nLanguage: unknown · sentiment: neutral · category: none.",
    );
  });
});
