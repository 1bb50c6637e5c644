import { describe, expect, it } from "vitest";
import { draftWithSuggestion } from "./suggestionInsert.ts";

const CANNED = "Дарья, простите за задержку посылки. Проверяем, где она.";

describe("a chosen suggestion in the draft", () => {
  it("replaces the words the agent typed to find it instead of keeping them in front of the reply", () => {
    expect(draftWithSuggestion("посылка задерживается", CANNED, false)).toBe(CANNED);
    expect(draftWithSuggestion("посылка задерживается  \n", CANNED, false)).toBe(CANNED);
  });

  it("keeps what stands above a blank line and replaces only the paragraph being typed", () => {
    expect(draftWithSuggestion("Здравствуйте, Дарья!\n\nзадержка", CANNED, false)).toBe(
      `Здравствуйте, Дарья!\n\n${CANNED}`,
    );
    expect(draftWithSuggestion(`${CANNED}\n \nвозврат денег`, "Деньги вернутся за 3 дня.", false)).toBe(
      `${CANNED}\n\nДеньги вернутся за 3 дня.`,
    );
  });

  it("adds a second suggestion below the first when nothing was typed in between", () => {
    expect(draftWithSuggestion(CANNED, "Деньги вернутся за 3 дня.", true)).toBe(
      `${CANNED}\n\nДеньги вернутся за 3 дня.`,
    );
    expect(draftWithSuggestion("", CANNED, true)).toBe(CANNED);
  });
});
