import { describe, expect, it } from "vitest";
import { convertDictionaryModule, DictionaryModuleError } from "./dictionaryModule.ts";

const OPTIONS = {
  namespace: "email",
  locales: ["en", "ru", "pl", "lv"],
  hooksModule: "../hooks.ts",
  messagesModule: "../messages.ts",
};

/** A module as the web app wrote them before the message files: the shape other branches still add. */
const LEGACY = `import { type TemplateVars, useDictionaryT } from "../hooks.ts";
import type { Locale } from "../i18n.ts";

/** The e-mail channel's strings. */
const en = {
  title: "E-mail",
  unread: "{n} unread",
  customer: "The customer's address",
  joined: "Line one " + "and two",
} as const;

export type EmailKey = keyof typeof en;
type Dictionary = Record<EmailKey, string>;

const ru: Dictionary = { title: "Почта", unread: "Непрочитанных: {n}", customer: "Адрес клиента", joined: "Строка" };
const pl: Dictionary = { ...ru, title: "Poczta" };
const lv: Dictionary = { title: "E-pasts", unread: "Nelasītas: {n}", customer: "Klienta adrese", joined: "Rinda" };

const DICTIONARIES: Record<Locale, Dictionary> = { en, ru, pl, lv };

export function useEmailT(): (key: EmailKey, vars?: TemplateVars) => string {
  return useDictionaryT(DICTIONARIES);
}

export function isEmailKey(key: string): key is EmailKey {
  return key in en;
}
`;

describe("convertDictionaryModule", () => {
  it("takes every locale's strings in source order, spreads and joined literals included", () => {
    const converted = convertDictionaryModule("emailI18n.ts", LEGACY, OPTIONS)!;
    expect([...converted.messages.keys()]).toEqual(["en", "ru", "pl", "lv"]);
    expect(Object.fromEntries(converted.messages.get("en")!)).toEqual({
      title: "E-mail",
      unread: "{n} unread",
      customer: "The customer's address",
      joined: "Line one and two",
    });
    expect(converted.messages.get("pl")!.get("title")).toBe("Poczta");
    expect(converted.messages.get("pl")!.get("unread")).toBe("Непрочитанных: {n}");
  });

  it("leaves the module its hook and key type, reading the message files", () => {
    const { code } = convertDictionaryModule("emailI18n.ts", LEGACY, OPTIONS)!;
    expect(code).toContain('import { type TemplateVars, useNamespaceT } from "../hooks.ts";');
    expect(code).toContain('import { isNamespaceKey, type NamespaceKey } from "../messages.ts";');
    expect(code).toContain('export type EmailKey = NamespaceKey<"email">;');
    expect(code).toContain('return useNamespaceT("email");');
    expect(code).toContain('return isNamespaceKey("email", key);');
    for (const gone of ["const en", "Dictionary", "DICTIONARIES", "Locale", "useDictionaryT", "Почта"]) {
      expect(code).not.toContain(gone);
    }
  });

  it("finds nothing to do in a module it converted", () => {
    const { code } = convertDictionaryModule("emailI18n.ts", LEGACY, OPTIONS)!;
    expect(convertDictionaryModule("emailI18n.ts", code, OPTIONS)).toBeNull();
  });

  it("reads a table written inline, without a key type of its own", () => {
    const inline = `import { useDictionaryT } from "../hooks.ts";

export function useNavT() {
  return useDictionaryT({ en: { nav: "Mail" }, ru: { nav: "Почта" }, pl: { nav: "Poczta" }, lv: { nav: "Pasts" } });
}
`;
    const converted = convertDictionaryModule("navI18n.ts", inline, { ...OPTIONS, namespace: "nav" })!;
    expect(converted.messages.get("lv")!.get("nav")).toBe("Pasts");
    expect(converted.code).toBe(`import { useNamespaceT } from "../hooks.ts";

export function useNavT() {
  return useNamespaceT("nav");
}
`);
  });

  it("refuses, naming the line, a use of a dictionary it cannot rewrite", () => {
    const odd = LEGACY.replace("return key in en;", "return Object.keys(en).includes(key);");
    expect(() => convertDictionaryModule("emailI18n.ts", odd, OPTIONS)).toThrow(DictionaryModuleError);
    expect(() => convertDictionaryModule("emailI18n.ts", odd, OPTIONS)).toThrow(/emailI18n\.ts:\d+: uses/);
  });

  it("refuses a value that is not a plain string", () => {
    const computed = LEGACY.replace('title: "E-mail",', "title: `E-$" + "{'mail'}`,");
    expect(() => convertDictionaryModule("emailI18n.ts", computed, OPTIONS)).toThrow(/must be a string/);
  });
});
