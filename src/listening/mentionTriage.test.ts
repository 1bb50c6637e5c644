import { describe, expect, it } from "vitest";
import { looksLikeQuestion, triageMention } from "./mentionTriage.ts";

const policy = { minReach: 100, ticketOnNegative: true, ticketOnQuestion: true };

describe("mention triage", () => {
  it("recognises questions in all four languages, with or without a question mark", () => {
    for (const text of [
      "подскажите когда будет доставка",
      "Gdzie jest moja paczka",
      "Kad būs piegāde",
      "how do I return a TV",
      "Nordmart открыт в воскресенье?",
    ])
      expect(looksLikeQuestion(text)).toBe(true);
    for (const text of ["Nordmart лучший магазин", "Polecam Nordmart", "Paldies Nordmart", "Great service"])
      expect(looksLikeQuestion(text)).toBe(false);
  });
  it("opens a ticket for what is addressed to the brand, negative or a question", () => {
    expect(triageMention({ sentiment: "positive", text: "thanks", addressed: true }, policy).decision).toBe(
      "ticket",
    );
    expect(
      triageMention({ sentiment: "negative", text: "Nordmart опять опоздал", addressed: false }, policy),
    ).toEqual({
      decision: "ticket",
      reason: "Negative mention",
    });
    expect(
      triageMention({ sentiment: "neutral", text: "czy Nordmart ma Bonus?", addressed: false }, policy)
        .decision,
    ).toBe("ticket");
  });
  it("records the rest and ignores small authors who did not address the brand", () => {
    expect(
      triageMention({ sentiment: "positive", text: "Nordmart ok", addressed: false }, policy).decision,
    ).toBe("record");
    expect(
      triageMention({ sentiment: "negative", text: "Nordmart awful", addressed: false, reach: 12 }, policy),
    ).toEqual({ decision: "ignore", reason: "Author reach 12 is below 100" });
    // Unknown reach is not "small": the platform simply does not say.
    expect(
      triageMention({ sentiment: "negative", text: "Nordmart awful", addressed: false }, policy).decision,
    ).toBe("ticket");
  });
});
