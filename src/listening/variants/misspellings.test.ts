import { describe, expect, it } from "vitest";
import { editDistance } from "./editDistance.ts";
import { MAX_MISSPELLINGS, misspellings } from "./misspellings.ts";

describe("misspellings", () => {
  it("gives nothing for words under five letters, digits or mixed scripts", () => {
    expect(misspellings("rimi")).toEqual([]);
    expect(misspellings("12345")).toEqual([]);
    expect(misspellings("iphoneчехол")).toEqual([]);
  });

  it("starts with sound-alike confusions, then drops, swaps and neighbour keys", () => {
    const typos = misspellings("доставка");
    expect(typos.slice(0, 2)).toEqual(["даставка", "достовка"]);
    expect(typos).toEqual(expect.arrayContaining(["доставка".replace("т", "")]));
    expect(typos).toEqual(expect.arrayContaining(["одставка", "доставак", "лоставка"]));
    expect(misspellings("biedronka")).toEqual(expect.arrayContaining(["byedronka", "bedronka", "viedronka"]));
    expect(misspellings("wielki")).toContain("vielki");
  });

  it("stays at distance 1 up to 8 letters and 2 from 9, within its count", () => {
    for (const word of ["нордмарт", "mvideo", "piegade", "programe"]) {
      const typos = misspellings(word);
      expect(typos.length).toBeLessThanOrEqual(MAX_MISSPELLINGS);
      for (const typo of typos) expect(editDistance(typo, word, 1), typo).toBe(1);
    }
    for (const word of ["интернетмагазин", "biedronka", "donaudampfschiffahrtsgesellschaftskapita"]) {
      const typos = misspellings(word);
      expect(typos.length).toBeLessThanOrEqual(MAX_MISSPELLINGS);
      expect(typos.some((typo) => editDistance(typo, word, 2) === 2)).toBe(true);
      for (const typo of typos) expect(editDistance(typo, word, 2), typo).toBeLessThanOrEqual(2);
    }
  });

  it("never returns the word, a short form or a stop word", () => {
    for (const typo of misspellings("which")) {
      expect(typo).not.toBe("which");
      expect(typo.length).toBeGreaterThanOrEqual(4);
    }
    expect(misspellings("whicj")).not.toContain("which");
  });
});
