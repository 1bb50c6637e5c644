import { describe, expect, it } from "vitest";
import { foldChar } from "./letterFold.ts";

describe("folding one character", () => {
  it("folds case and diacritics like the listening matcher, ё to е and й to и", () => {
    expect(["Ł", "ą", "Ū", "Ё", "Й", "ß"].map(foldChar)).toEqual(["l", "a", "u", "е", "и", "s"]);
  });

  it("gives nothing for what is not a letter or a digit", () => {
    expect(["*", "@", " ", "😡"].map(foldChar)).toEqual(["", "", "", ""]);
    expect(foldChar("7")).toBe("7");
  });
});
