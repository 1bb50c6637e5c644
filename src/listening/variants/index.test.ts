import { describe, expect, it } from "vitest";
import type { Variant } from "../listeningTypes.ts";
import { normalizeTerm } from "../normalize.ts";
import { describeVariants, editDistance, generateVariants, type VariantOptions } from "./index.ts";

/** Whether `variant` finds `text`, the way the matcher compares: normalized tokens, prefix on the last one. */
function finds(variant: Variant, text: string): boolean {
  const tokens = normalizeTerm(text).split(" ");
  const pattern = variant.text.split(" ");
  if (tokens.length !== pattern.length) return false;
  return pattern.every((part, i) => {
    const token = tokens[i]!;
    if (i < pattern.length - 1 || !variant.prefix) return token === part;
    const suffix = token.slice(part.length);
    const { maxSuffix, suffixes } = variant.prefix;
    return token.startsWith(part) && suffix.length <= maxSuffix && (!suffixes || suffixes.includes(suffix));
  });
}

function texts(term: string, kind: Variant["kind"], options?: VariantOptions): string[] {
  return generateVariants(term, options)
    .filter((v) => v.kind === kind)
    .map((v) => v.text);
}

function stems(term: string, options?: VariantOptions): Variant[] {
  return generateVariants(term, options).filter((v) => v.kind === "inflection");
}

const findsAny = (variants: Variant[], text: string) => variants.some((v) => finds(v, text));

describe("generateVariants", () => {
  it("puts the normalized original first and only it in exact mode", () => {
    expect(generateVariants("М.Видео", { exact: true })).toEqual([{ text: "м видео", kind: "original" }]);
    expect(generateVariants("Nordmart")[0]).toEqual({ text: "nordmart", kind: "original" });
    expect(generateVariants("  ...  ")).toEqual([]);
  });

  it("returns only normalized, de-duplicated variants", () => {
    for (const term of ["М.Видео", "Доставка ёлок", "dostawą", "piegāde", "Coca-Cola", "bonus programme"]) {
      const variants = generateVariants(term);
      for (const v of variants) expect(normalizeTerm(v.text)).toBe(v.text);
      const keys = variants.map((v) => `${v.text}${v.prefix ? "*" : ""}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  describe("Russian", () => {
    it("stems 'доставка' so its cases match", () => {
      const inflections = stems("доставка");
      expect(inflections.map((v) => v.text)).toEqual(["доставк"]);
      for (const form of ["доставкой", "доставки", "доставку", "доставками"]) {
        expect(findsAny(inflections, form), form).toBe(true);
      }
      expect(findsAny(inflections, "доставщик")).toBe(false);
    });

    it("declines a brand the stemmer leaves whole", () => {
      const inflections = stems("Нордмарт");
      for (const form of ["нордмарта", "Нордмартом", "нордмарте"])
        expect(findsAny(inflections, form)).toBe(true);
    });

    it("transliterates both ways and runs 'М.Видео' together", () => {
      expect(texts("мвидео", "transliteration")).toContain("mvideo");
      expect(texts("mvideo", "transliteration")).toContain("мвидео");
      const variants = generateVariants("М.Видео").map((v) => v.text);
      expect(variants).toEqual(expect.arrayContaining(["м видео", "мвидео", "mvideo", "m video", "vdbltj"]));
    });

    it("spells щ, ж, х, я in several schemes", () => {
      const latin = texts("Щёткина хижина моя", "transliteration");
      expect(latin).toEqual(expect.arrayContaining(["shchetkina khizhina moya", "schetkina hizhina moya"]));
      expect(latin.some((t) => t.startsWith("shetkina"))).toBe(true);
      expect(latin.some((t) => t.endsWith("moja"))).toBe(true);
      // At most eight spellings, plus the stems of the first two in each language of their alphabet.
      expect(latin.length).toBeLessThanOrEqual(14);
    });
    it("declines a transliterated name in its new alphabet", () => {
      const cyrillic = generateVariants("Nordmart").filter((v) => v.kind === "transliteration" && v.prefix);
      expect(cyrillic.map((v) => v.text)).toContain("нордмарт");
    });

    it("adds the keyboard-layout slip both ways", () => {
      expect(texts("мвидео", "layout")).toEqual(["vdbltj"]);
      expect(texts("mvideo", "layout")).toEqual(["ьмшвущ"]);
      expect(texts("nordmart", "layout")).toEqual(["тщквьфке"]);
    });

    it("misspells 'нордмарт' plausibly", () => {
      const typos = texts("нордмарт", "misspelling");
      expect(typos).toEqual(expect.arrayContaining(["нордмат", "нрдмарт", "нардмарт", "нодрмарт"]));
      for (const typo of typos) expect(editDistance(typo, "нордмарт")).toBe(1);
    });
  });

  describe("Polish", () => {
    it("stems 'dostawa' to 'dostaw', which finds its cases with diacritics folded", () => {
      const inflections = stems("dostawa", { language: "pl" });
      expect(inflections.map((v) => v.text)).toEqual(["dostaw"]);
      for (const form of ["dostawy", "dostawą", "dostawie", "dostawami"]) {
        expect(findsAny(inflections, form), form).toBe(true);
      }
    });

    it("stems a word with diacritics before folding it", () => {
      expect(stems("Zamówienie", { language: "pl" }).map((v) => v.text)).toEqual(["zamow"]);
      expect(findsAny(stems("Zamówienie", { language: "pl" }), "zamówienia")).toBe(true);
    });
  });

  describe("Latvian", () => {
    it("stems 'piegāde' so 'piegādes' and 'piegādi' match", () => {
      const inflections = stems("piegāde", { language: "lv" });
      expect(inflections.map((v) => v.text)).toEqual(["piegad"]);
      for (const form of ["piegādes", "piegādi", "piegādēm", "piegāde"]) {
        expect(findsAny(inflections, form), form).toBe(true);
      }
    });
  });

  describe("English", () => {
    it("stems 'delivery' so 'deliveries' matches", () => {
      const inflections = stems("delivery", { language: "en" });
      expect(inflections.map((v) => v.text)).toEqual(["deliveri"]);
      expect(findsAny(inflections, "deliveries")).toBe(true);
      // Snowball writes the y as i, so the base form is found by the original variant, not the stem.
      expect(findsAny(inflections, "Delivery")).toBe(false);
      expect(findsAny(generateVariants("delivery", { language: "en" }), "Delivery")).toBe(true);
    });
  });

  it("stems a phrase on its last word only and keeps the others as written", () => {
    const inflections = stems("bonus programme", { language: "en" });
    expect(inflections.map((v) => v.text)).toContain("bonus program");
    expect(findsAny(inflections, "bonus programmes")).toBe(true);
    expect(findsAny(inflections, "bonuses programmes")).toBe(false);
    // The run-together "bonusprograme" is listed with the misspellings too.
    const typos = texts("bonus programme", "misspelling").filter((t) => t.includes(" "));
    // Only the long word is misspelt: five letters ("bonus") are too few to misspell safely.
    expect(typos.length).toBeGreaterThan(0);
    expect(typos.every((t) => t.startsWith("bonus "))).toBe(true);
  });

  it("stems for every language whose alphabet fits the term by default", () => {
    expect(stems("доставка", { language: "en" })).toEqual([]);
    const latin = stems("dostawa");
    expect(latin.map((v) => v.text)).toEqual(expect.arrayContaining(["dostaw", "dostawa"]));
    expect(findsAny(latin, "dostawami")).toBe(true);
  });

  it("skips stems shorter than three letters", () => {
    expect(stems("ой", { language: "ru" })).toEqual([]);
  });

  it("leaves misspellings out when asked, and for short words", () => {
    expect(texts("нордмарт", "misspelling", { misspellings: false })).toEqual([]);
    expect(texts("Rimi", "misspelling")).toEqual([]);
  });

  it("stays bounded on a 40-letter word", () => {
    const word = "donaudampfschiffahrtsgesellschaftskapita";
    expect(word).toHaveLength(40);
    const variants = generateVariants(word);
    expect(variants.length).toBeLessThanOrEqual(60);
    expect(variants.filter((v) => v.kind === "misspelling").length).toBeLessThanOrEqual(40);
    expect(variants.filter((v) => v.kind === "transliteration").length).toBeLessThanOrEqual(8);
  });

  it("is deterministic", () => {
    for (const term of ["М.Видео", "bonus programme", "piegāde", "Щёткина"]) {
      expect(generateVariants(term)).toEqual(generateVariants(term));
    }
  });
});

describe("describeVariants", () => {
  it("groups variants by kind in a fixed order", () => {
    const groups = describeVariants("мвидео");
    expect(groups.map((g) => g.kind)).toEqual([
      "original",
      "inflection",
      "transliteration",
      "layout",
      "split",
      "misspelling",
    ]);
    expect(groups[0]?.variants).toEqual([{ text: "мвидео", kind: "original" }]);
    const total = groups.reduce((n, g) => n + g.variants.length, 0);
    expect(total).toBe(generateVariants("мвидео").length);
  });
});

describe("Polish consonant softening", () => {
  it("finds a brand in the locative: Nordmart → w Nordmarcie, Elektromarkt → Elektromarkcie", () => {
    const stems = (term: string) =>
      generateVariants(term, { language: "pl" })
        .filter((v) => v.prefix)
        .map((v) => v.text);
    expect(stems("Nordmart")).toContain("nordmarc");
    expect(stems("Elektromarkt")).toContain("elektromarkc");
    expect(stems("rower")).toContain("rowerz");
  });
});
