import { describe, expect, it } from "vitest";
import { layoutSlip, retypeInOtherLayout } from "./keyboardLayout.ts";

describe("keyboard layout slips", () => {
  it("retypes ЙЦУКЕН as QWERTY and back, whole strings", () => {
    expect(retypeInOtherLayout("мвидео")).toBe("vdbltj");
    expect(retypeInOtherLayout("Nordmart")).toBe("тщквьфке");
    expect(retypeInOtherLayout(retypeInOtherLayout("доставка"))).toBe("доставка");
  });

  it("reads '.' by the term's own alphabet", () => {
    expect(retypeInOtherLayout("М.Видео")).toBe("v/dbltj");
    expect(retypeInOtherLayout("M.Video")).toBe("ьюмшвущ");
  });

  it("keeps slips whose punctuation keys fall at a word's edge", () => {
    expect(retypeInOtherLayout("хорошо")).toBe("[jhjij");
    expect(layoutSlip("хорошо")).toBe("jhjij");
  });

  it("drops slips that punctuation would split or empty", () => {
    expect(layoutSlip("объём")).toBeNull();
    expect(layoutSlip("эх")).toBeNull();
  });

  it("reads Latin letters with diacritics as their base key", () => {
    expect(layoutSlip("piegāde")).toBe("зшупфву");
  });
});
