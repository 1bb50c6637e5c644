import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertDictionaryModule } from "./dictionaryModule.ts";
import { dictionaryModules, namespaceOf, uiLocales } from "./extractDictionaries.ts";

describe("the web app's strings", () => {
  it("are all in the message files: no module holds a TypeScript dictionary (run npm run i18n:extract)", () => {
    const locales = uiLocales();
    const left = dictionaryModules().filter((file) =>
      convertDictionaryModule(file, readFileSync(file, "utf8"), {
        namespace: namespaceOf(file),
        locales,
        hooksModule: "../hooks.ts",
        messagesModule: "../messages.ts",
      }),
    );
    expect(left.map((file) => path.basename(file))).toEqual([]);
    expect(dictionaryModules().length).toBeGreaterThan(10);
  });

  it("are namespaced by the module they belonged to", () => {
    const modules = dictionaryModules();
    expect(modules.map(namespaceOf)).toContain("account");
    expect(namespaceOf(modules.find((file) => file.endsWith("web/src/i18n.ts"))!)).toBe("common");
    expect(uiLocales()).toEqual(["en", "ru", "pl", "lv"]);
  });
});
