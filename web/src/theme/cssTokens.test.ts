import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { definedTokens, styleProblems } from "./cssTokens.ts";

const WEB_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TOKENS_FILE = path.join(WEB_SRC, "theme", "tokens.css");
const tokens = definedTokens(readFileSync(TOKENS_FILE, "utf8"));

function stylesheets(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return stylesheets(full);
    return entry.name.endsWith(".css") && full !== TOKENS_FILE ? [full] : [];
  });
}

describe("the design tokens", () => {
  it("are the only place in web/src where a colour is written", () => {
    const found = stylesheets(WEB_SRC).flatMap((file) =>
      styleProblems(readFileSync(file, "utf8"), tokens).map(
        (p) => `${path.relative(WEB_SRC, file)}:${p.line} ${p.text} (${p.reason})`,
      ),
    );
    expect(stylesheets(WEB_SRC).length).toBeGreaterThan(5);
    expect(found).toEqual([]);
  });

  it("give every colour a light and a dark value", () => {
    const css = readFileSync(TOKENS_FILE, "utf8");
    const colours = [...css.matchAll(/^\s*(--color-[\w-]+)\s*:\s*(.+);/gm)];
    expect(colours.length).toBeGreaterThan(30);
    const oneSided = colours
      .filter(([, name, value]) => !value!.startsWith("light-dark(") && !name!.startsWith("--color-on-"))
      .map(([, name]) => name);
    expect(oneSided).toEqual([]);
  });

  it("catch raw colours, old names and unknown tokens, and let selectors and comments be", () => {
    const known = new Set(["--color-text", "--space-2"]);
    const css = [
      "/* #fff in a comment is fine */",
      ".sentiment-bars .seg.red {",
      "  color: var(--color-text);",
      "  background: #fdecea;",
      "  border-color: rgb(0 0 0 / 10%);",
      "  outline-color: white;",
      "  padding: var(--space-2) var(--space-9);",
      "  color: var(--muted);",
      "  --local: 1px;",
      "  font:",
      "    600 12px ui-monospace,",
      "    #333;",
      "}",
    ].join("\n");
    expect(styleProblems(css, known).map((p) => `${p.line}: ${p.reason}`)).toEqual([
      "4: raw colour: name a --color-* token instead",
      "5: raw colour: name a --color-* token instead",
      "6: raw colour: name a --color-* token instead",
      "7: --space-9 is no token",
      "8: --muted is now --color-text-muted",
      "9: defines a custom property: tokens live in tokens.css",
      "10: raw colour: name a --color-* token instead",
    ]);
  });
});
