/**
 * Check digits of the identifiers a reply may leak. A number that merely looks like a card or an IBAN is far
 * more often a price, an order or a tracking code; the check digit is what makes a finding worth an alarm.
 */

function digitsOf(value: string): number[] {
  return Array.from(value, (ch) => ch.charCodeAt(0) - 48);
}

/** Luhn (ISO/IEC 7812) over digits only: payment card numbers. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  const values = digitsOf(digits);
  for (let i = 0; i < values.length; i++) {
    let d = values[values.length - 1 - i]!;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** IBAN lengths by country (ISO 13616 registry), for the countries Parley's customers bank in and neighbours. */
const IBAN_LENGTHS: Record<string, number> = {
  LV: 21,
  LT: 20,
  EE: 20,
  PL: 28,
  DE: 22,
  GB: 22,
  IE: 22,
  FI: 18,
  SE: 24,
  NO: 15,
  DK: 18,
  NL: 18,
  BE: 16,
  FR: 27,
  ES: 24,
  IT: 27,
  AT: 20,
  CH: 21,
  CZ: 24,
  SK: 24,
  UA: 29,
  BY: 28,
  RU: 33,
  PT: 25,
  LU: 20,
  HU: 28,
  RO: 24,
  BG: 22,
  HR: 21,
  SI: 19,
  CY: 28,
  GR: 27,
  MT: 31,
};

/** ISO 7064 mod 97-10 over an IBAN without spaces, upper case. */
export function isIbanValid(compact: string): boolean {
  const iban = compact.toUpperCase();
  const country = iban.slice(0, 2);
  const expected = IBAN_LENGTHS[country];
  if (expected === undefined || iban.length !== expected || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban))
    return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const d of value) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Polish PESEL: 11 digits, birth date with the century folded into the month, weighted check digit. */
export function isPeselValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const d = digitsOf(digits);
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = weights.reduce((acc, w, i) => acc + w * d[i]!, 0);
  if ((10 - (sum % 10)) % 10 !== d[10]) return false;
  const rawMonth = d[2]! * 10 + d[3]!;
  const centuryBase = [1900, 2000, 2100, 2200, 1800][Math.floor(rawMonth / 20)];
  if (centuryBase === undefined) return false;
  return isRealDate(centuryBase + d[0]! * 10 + d[1]!, rawMonth % 20, d[4]! * 10 + d[5]!);
}

/**
 * Latvian personal code of the old form DDMMYY-CNNNN (C = century: 0 → 1800s, 1 → 1900s, 2 → 2000s).
 * The check digit follows python-stdnum (lv/pvn.py), which notes the algorithm is not independently
 * confirmed; so it is only demanded when the number is written without its hyphen (where 11 bare digits
 * could be anything), and the date alone decides for the hyphenated form.
 */
export function isLatvianPersonalCodeValid(digits: string, requireCheckDigit: boolean): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const d = digitsOf(digits);
  // Codes issued since 2017 start with 32 and carry no date.
  if (d[0] === 3 && d[1] === 2) return !requireCheckDigit;
  const century = d[6]!;
  if (century > 2) return false;
  const year = 1800 + century * 100 + d[4]! * 10 + d[5]!;
  if (!isRealDate(year, d[2]! * 10 + d[3]!, d[0]! * 10 + d[1]!)) return false;
  if (!requireCheckDigit) return true;
  const weights = [10, 5, 8, 4, 2, 1, 6, 3, 7, 9];
  const sum = 1 + weights.reduce((acc, w, i) => acc + w * d[i]!, 0);
  return (sum % 11) % 10 === d[10];
}

/** Polish ID card (dowód osobisty): AAA + check digit + 5 digits; letters count A=10…Z=35. */
export function isPolishIdCardValid(value: string): boolean {
  const id = value.toUpperCase();
  if (!/^[A-Z]{3}\d{6}$/.test(id)) return false;
  const weights = [7, 3, 1, 0, 7, 3, 1, 7, 3];
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const code = id.charCodeAt(i);
    sum += weights[i]! * (code >= 65 ? code - 55 : code - 48);
  }
  return sum % 10 === id.charCodeAt(3) - 48;
}

/** Whether day/month/year numbers form a real calendar date (two-digit years read as 20YY). */
export function looksLikeDate(day: number, month: number, year: number): boolean {
  const fullYear = year < 100 ? 2000 + year : year;
  return fullYear >= 1900 && fullYear <= 2100 && isRealDate(fullYear, month, day);
}
