import { describe, expect, it } from "vitest";
import { stemLatvian } from "./latvianStemmer.ts";

describe("stemLatvian", () => {
  it("brings the cases of a 5th-declension noun to one stem", () => {
    for (const form of ["piegāde", "piegādes", "piegādei", "piegādi", "piegādē", "piegādēm", "piegādēs"]) {
      expect(stemLatvian(form), form).toBe("piegād");
    }
  });

  it("brings the cases of a 1st-declension noun to one stem", () => {
    for (const form of [
      "veikals",
      "veikala",
      "veikalam",
      "veikalu",
      "veikalā",
      "veikali",
      "veikaliem",
      "veikalos",
    ]) {
      expect(stemLatvian(form), form).toBe("veikal");
    }
  });

  it("undoes palatalization before -i, -u and -iem", () => {
    expect(stemLatvian("brāļi")).toBe("brāl");
    expect(stemLatvian("brālis")).toBe("brāl");
    expect(stemLatvian("zivju")).toBe("ziv");
    expect(stemLatvian("kāposti")).toBe("kāpost");
  });

  it("keeps at least three letters and enough vowels", () => {
    expect(stemLatvian("suns")).toBe("sun");
    expect(stemLatvian("uz")).toBe("uz");
    expect(stemLatvian("tas")).toBe("tas");
  });
});
