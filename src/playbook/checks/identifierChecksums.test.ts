import { describe, expect, it } from "vitest";
import {
  isIbanValid,
  isLatvianPersonalCodeValid,
  isLuhnValid,
  isPeselValid,
  isPolishIdCardValid,
  looksLikeDate,
} from "./identifierChecksums.ts";

describe("identifier check digits", () => {
  it("validates card numbers by Luhn", () => {
    expect(isLuhnValid("4111111111111111")).toBe(true);
    expect(isLuhnValid("378282246310005")).toBe(true);
    expect(isLuhnValid("4111111111111112")).toBe(false);
    expect(isLuhnValid("")).toBe(false);
  });

  it("validates IBANs by country length and mod 97", () => {
    expect(isIbanValid("LV80BANK0000435195001")).toBe(true);
    expect(isIbanValid("PL61109010140000071219812874")).toBe(true);
    expect(isIbanValid("GB82WEST12345698765432")).toBe(true);
    expect(isIbanValid("lv80bank0000435195001")).toBe(true);
    expect(isIbanValid("LV80BANK0000435195002")).toBe(false);
    expect(isIbanValid("LV80BANK000043519500")).toBe(false);
    expect(isIbanValid("XX80BANK0000435195001")).toBe(false);
  });

  it("validates PESEL by check digit and birth date", () => {
    expect(isPeselValid("44051401359")).toBe(true);
    expect(isPeselValid("44051401358")).toBe(false);
    expect(isPeselValid("89161234567")).toBe(false);
  });

  it("validates Latvian personal codes by date, and by check digit when unhyphenated", () => {
    expect(isLatvianPersonalCodeValid("16117519997", true)).toBe(true);
    expect(isLatvianPersonalCodeValid("16117519998", true)).toBe(false);
    expect(isLatvianPersonalCodeValid("16117519998", false)).toBe(true);
    expect(isLatvianPersonalCodeValid("16137519997", false)).toBe(false);
    expect(isLatvianPersonalCodeValid("32123456789", false)).toBe(true);
  });

  it("validates Polish ID cards and tells dates", () => {
    expect(isPolishIdCardValid("ABA300000")).toBe(true);
    expect(isPolishIdCardValid("ABA300001")).toBe(false);
    expect(looksLikeDate(29, 2, 2024)).toBe(true);
    expect(looksLikeDate(29, 2, 2023)).toBe(false);
    expect(looksLikeDate(12, 3, 24)).toBe(true);
  });
});
