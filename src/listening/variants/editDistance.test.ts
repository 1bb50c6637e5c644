import { describe, expect, it } from "vitest";
import { editDistance } from "./editDistance.ts";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent swaps as one edit each", () => {
    expect(editDistance("нордмарт", "нордмарт")).toBe(0);
    expect(editDistance("нордмарт", "нордмат")).toBe(1);
    expect(editDistance("нордмарт", "нордмарта")).toBe(1);
    expect(editDistance("нордмарт", "нардмарт")).toBe(1);
    expect(editDistance("nordmart", "nodrmart")).toBe(1);
    expect(editDistance("ca", "abc")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("stops early past its bound and says so with max + 1", () => {
    expect(editDistance("delivery", "programme", 2)).toBe(3);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
    expect(editDistance("nordmart", "nordmrat", 2)).toBe(1);
  });
});
