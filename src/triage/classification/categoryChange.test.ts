import { describe, expect, it } from "vitest";
import { mayRecategorize } from "./categoryChange.ts";

const complaint = { key: "complaint", source: "rule", confidence: 0.6 };

describe("what a later message may do to the conversation's category", () => {
  it("never turns a complaint or a question into praise because the customer says thanks", () => {
    expect(mayRecategorize(complaint, { categoryKey: "praise", confidence: 1 })).toBe(false);
    expect(mayRecategorize({ ...complaint, key: "delivery" }, { categoryKey: "praise", confidence: 1 })).toBe(
      false,
    );
  });

  it("lets praise name a conversation that opened with it, and a surer reading replace a weaker one", () => {
    expect(
      mayRecategorize(
        { key: null, source: null, confidence: null },
        { categoryKey: "praise", confidence: 0.5 },
      ),
    ).toBe(true);
    expect(
      mayRecategorize(
        { ...complaint, key: "delivery", confidence: 0.4 },
        { categoryKey: "complaint", confidence: 0.7 },
      ),
    ).toBe(true);
    expect(mayRecategorize(complaint, { categoryKey: "delivery", confidence: 0.5 })).toBe(false);
  });

  it("leaves a category an agent or a rule set", () => {
    expect(
      mayRecategorize({ ...complaint, source: "agent" }, { categoryKey: "delivery", confidence: 1 }),
    ).toBe(false);
    expect(
      mayRecategorize({ ...complaint, source: "automation" }, { categoryKey: "delivery", confidence: 1 }),
    ).toBe(false);
  });
});
