import { describe, expect, it } from "vitest";
import { candidateWords } from "./candidateWords.ts";
import { compileForm, formMatches } from "./formMatch.ts";
import { expandWordPattern } from "./wordPattern.ts";

/** Whether the pattern's only form matches the Latin reading of the text's first word. */
function matches(pattern: string, text: string, strict = false): boolean {
  const word = candidateWords(text)[0]!;
  const form = compileForm(expandWordPattern(pattern)[0]!);
  return formMatches(word.readings.latin!, form, { strict, letters: word.letters });
}

describe("matching a form against a word", () => {
  it("compares runs of letters: longer runs in the word fit, shorter do not", () => {
    expect(matches("fuck", "fuuuuck")).toBe(true);
    expect(matches("ass", "as")).toBe(false);
    expect(matches("nigger*", "Nigeria")).toBe(false);
  });

  it("respects the anchor", () => {
    expect(matches("cunt*", "Scunthorpe")).toBe(false);
    expect(matches("*cunt", "Scunthorpe")).toBe(false);
    expect(matches("*cunt*", "Scunthorpe")).toBe(true);
    expect(matches("bitch", "bitchy")).toBe(false);
    expect(matches("bitch*", "bitchy")).toBe(true);
  });

  it("trusts stars and digits only as far as real letters carry them", () => {
    expect(matches("fuck", "f**k")).toBe(true);
    expect(matches("kurwa", "k***a")).toBe(false);
    expect(matches("shit", "sh1t")).toBe(true);
    // One star stands for one letter, not for emphasis: "f*k" is too short for "fuck".
    expect(matches("fuck", "f*k")).toBe(false);
    // A digit stands for a letter only in a word of three letters or more.
    expect(matches("hach", "ha4")).toBe(false);
  });

  it("lets stars fit nothing in strict mode, the mode allow-lists use", () => {
    expect(matches("fork", "f**k", true)).toBe(false);
    expect(matches("fork", "fork", true)).toBe(true);
  });
});
