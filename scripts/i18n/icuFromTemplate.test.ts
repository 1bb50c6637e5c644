import fc from "fast-check";
import IntlMessageFormat from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { icuFromTemplate, templatePlaceholders } from "./icuFromTemplate.ts";

/** What the old useDictionaryT printed: `{name}` replaced, everything else as written. */
const oldFormat = (text: string, vars: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);

const icuFormat = (message: string, vars: Record<string, string>) =>
  String(new IntlMessageFormat(message, "en", undefined, { ignoreTag: true }).format(vars));

describe("icuFromTemplate", () => {
  it("leaves ordinary text, apostrophes and placeholders as they are", () => {
    expect(icuFromTemplate("The customer's {name}")).toBe("The customer's {name}");
    expect(icuFromTemplate("Tag <b>#1</b>")).toBe("Tag <b>#1</b>");
  });

  it("quotes literal braces and doubles an apostrophe before a brace", () => {
    expect(icuFromTemplate("Use {{customer_name}}")).toBe("Use '{'{customer_name}'}'");
    expect(icuFromTemplate("'{name}'")).toBe("''{name}'");
    expect(icuFormat(icuFromTemplate("Use {{customer_name}}"), { customer_name: "x" })).toBe("Use {x}");
    expect(icuFormat(icuFromTemplate("'{name}' and '{x'"), { name: "Ann" })).toBe("'Ann' and '{x'");
    expect(icuFormat(icuFromTemplate("it''s {n}"), { n: "5" })).toBe("it''s 5");
  });

  it("prints exactly what the old dictionaries printed, whatever the text", () => {
    const piece = fc.constantFrom("a", " ", "'", "{", "}", "#", "|", "<", "{n}", "{name}", "’");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join("");
        // Every placeholder gets a value, as every call site passes them (pieces can also form "{a}", "{aa}").
        const vars = Object.fromEntries(templatePlaceholders(text).map((name) => [name, `<${name}>`]));
        expect(icuFormat(icuFromTemplate(text), vars)).toBe(oldFormat(text, vars));
      }),
      { numRuns: 5000 },
    );
  });

  it("lists a template's placeholders", () => {
    expect(templatePlaceholders("{a} and {b} and {a}")).toEqual(["a", "b", "a"]);
  });
});
