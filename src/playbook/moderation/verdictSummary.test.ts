import { describe, expect, it } from "vitest";
import { verdictSummary } from "./verdictSummary.ts";

describe("the audit-log sentence", () => {
  it("says what was done and quotes the words", () => {
    expect(verdictSummary("hide", [{ rule: "profanity", detail: "kurwa", start: 0, end: 5 }])).toBe(
      'Hidden: profanity ("kurwa")',
    );
  });

  it("names every broken rule once, examples deduplicated and capped", () => {
    const summary = verdictSummary("review", [
      { rule: "profanity", detail: "a1" },
      { rule: "profanity", detail: "a2" },
      { rule: "profanity", detail: "a1" },
      { rule: "profanity", detail: "a3" },
      { rule: "profanity", detail: "a4" },
      { rule: "spam", detail: "shortener bit.ly/x" },
      { rule: "others_personal_data", detail: "phone" },
      { rule: "others_personal_data", detail: "phone" },
    ]);
    expect(summary).toBe(
      'Queued for review: profanity ("a1", "a2", "a3" and 1 more), spam (shortener bit.ly/x) and personal data (phone)',
    );
  });
});
