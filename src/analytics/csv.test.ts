import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv.ts";

describe("CSV export", () => {
  it("quotes commas, quotes and line breaks as RFC 4180 says", () => {
    expect(
      toCsv([
        ["a,b", 'say "hi"', "two\nlines"],
        [1, null, 2.5],
      ]),
    ).toBe('"a,b","say ""hi""","two\nlines"\r\n1,,2.5\r\n');
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell("plain")).toBe("plain");
  });
});
