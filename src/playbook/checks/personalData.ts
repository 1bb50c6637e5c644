/**
 * Personal data in a reply about to be posted in a PUBLIC thread (a comment under a post, a public mention):
 * phones, e-mails, card numbers, IBANs, order numbers, national identity numbers and street addresses.
 * Pure and synchronous: the composer calls it on every keystroke pause, so it scans with bounded regexes and
 * validates check digits instead of trusting shapes. When in doubt between two kinds, the stronger evidence
 * wins (a checksum over a shape); when a number is plainly a price, a date or a time, nothing is reported.
 */

import {
  isIbanValid,
  isLatvianPersonalCodeValid,
  isLuhnValid,
  isPeselValid,
  isPolishIdCardValid,
} from "./identifierChecksums.ts";
import { findPhoneNumbers } from "./phoneNumbers.ts";

export type PersonalDataKind =
  | "phone"
  | "email"
  | "card"
  | "iban"
  | "order"
  | "address"
  | "passport"
  | "personal_code";

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** Offsets in the reply, [start, end), in UTF-16 code units like String.prototype.slice. */
  start: number;
  end: number;
  /** The reply's own text at [start, end). */
  excerpt: string;
}

export interface PersonalDataOptions {
  /**
   * Order-number patterns of this workspace; they replace the defaults. Each must be a global (`g`) regex;
   * a regex without `g` is used as if it had one.
   */
  orderPatterns?: readonly RegExp[];
  /**
   * The brand's own public contacts (support e-mail, hotline, shop address) that agents may post freely.
   * Compared after folding: case for e-mails, everything but digits for numbers, spacing for addresses.
   */
  allowed?: readonly string[];
}

/** Beyond this a reply is not a reply; the rest is not scanned (the composer's limits are far lower). */
const MAX_SCAN = 200_000;

/**
 * Order numbers: the default shapes and the words for "order" in the four languages; after such a word, digit
 * groups may be spaced ("Zamówienie nr 512 345 678") and are the order's, not a phone (phoneNumbers.ts).
 */
export const DEFAULT_ORDER_PATTERNS: readonly RegExp[] = [
  // 4581-2290, but not a year range (2019-2024) or an amount range (2000-3000).
  /(?<![\p{L}\p{N}\-/.,])(?!(?:19|20)\d\d-(?:19|20)\d\d\b)(?!\d\d00-\d\d00\b)\d{4}-\d{4}(?![\p{N}-]|[.,]\d)/gu,
  // NM-2211, AB-123456
  /(?<![\p{L}\p{N}-])\p{Lu}{2,3}-\d{4,10}(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}])(?:заказ\p{L}*|номер\s+заказа)\s*(?:(?:№|#|номер|no\.?|nr\.?)\s*)?\d(?:[\d-]| (?=\d)){3,15}(?!\p{N})/giu,
  /(?<![\p{L}])(?:zamówieni\p{L}*|zamowieni\p{L}*)\s*(?:(?:nr\.?|numer|№|#)\s*)?\d(?:[\d-]| (?=\d)){3,15}(?!\p{N})/giu,
  /(?<![\p{L}])(?:pasūtījum\p{L}*|pasutijum\p{L}*)\s*(?:(?:nr\.?|numurs|№|#)\s*)?\d(?:[\d-]| (?=\d)){3,15}(?!\p{N})/giu,
  /(?<![\p{L}])order\s*(?:(?:number|no\.?|nr\.?|№|#)\s*)?#?\s*\d(?:[\d-]| (?=\d)){3,15}(?!\p{N})/giu,
  /(?<![\p{L}\p{N}])(?:№|#)\s?\d{5,12}(?!\p{N})/gu,
];

const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63})*\.\p{L}{2,24}/gu;

/** 13–19 digits, in groups of four (Amex 4-6-5) or unbroken. */
const CARD =
  /(?<![\p{N}\-.,])(?:\d{4}[ -]){2,3}\d{1,7}|(?<![\p{N}\-.,])\d{4}[ -]\d{6}[ -]\d{5}|(?<![\p{N}\-.,])\d{13,19}(?![\p{N}])/gu;

/** Country code, check digits and up to 30 more characters, in groups of four or unbroken. */
const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{1,4}){3,8}(?![\p{L}\p{N}])/gu;
/** The Polish domestic account number (NRB) is an IBAN without "PL": 26 digits, often "61 1090 1014 …". */
const PL_ACCOUNT = /(?<![\p{L}\p{N}])\d{2}(?:[ ]?\d{4}){6}(?![\p{N}])/gu;

const PERSONAL_CODE = /(?<![\p{N}\-.,/])(\d{6})(-?)(\d{5})(?![\p{N}])/gu;

/** Russian internal passport (series and number): "45 08 123456", "4508 123456". */
const RU_PASSPORT = /(?<![\p{N}\-.,])\d{2} ?\d{2} \d{6}(?![\p{N}])/gu;
/** Polish ID card (ABC123456) and the two-letters-seven-digits passports of Poland and Latvia. */
const LETTER_DOCUMENT = /(?<![\p{L}\p{N}])(?:[A-Z]{3} ?\d{6}|[A-Z]{2} ?\d{7})(?![\p{L}\p{N}])/gu;
/** A word for an identity document, then its number a few words later. */
const DOCUMENT_CUE =
  /(?<![\p{L}])(?:паспорт\p{L}*|серия|paszport\p{L}*|dowod\p{L}*|dowód\p{L}*|pase\p{L}*|personas apliecīb\p{L}*|id karte\p{L}*|passport|id card)(?:\s+\p{L}+){0,3}\s*[:№#]?\s*((?:[A-Z]{1,3} ?)?\d[\d ]{4,11}\d)(?![\p{N}])/giu;

/** Street words before (ru, pl) or after (lv, en) the street name, and a house number. */
const ADDRESS_PATTERNS: readonly RegExp[] = [
  // ул. Ленина, д. 5, кв. 12 / улица Садовая 10к2 / пр-т Мира 3
  /(?<![\p{L}])(?:ул\.|улиц[аеуы]|пр\.|пр-т|просп\.|проспект\p{L}*|пер\.|переул\p{L}*|б-р|бульвар\p{L}*|наб\.|набережн\p{L}*|ш\.|шоссе)\s*\p{Lu}[\p{L}\-.]*(?:\s+\p{L}[\p{L}-]*){0,2},?\s*(?:д\.|дом)?\s*\d{1,4}(?:[а-яa-z](?![\p{L}]))?(?:[/-]\d{1,4})?(?:\s*(?:,\s*)?(?:к\.|корп\.|стр\.)\s*\d{1,3})?(?:\s*(?:,\s*)?(?:кв\.|квартира)\s*\d{1,4})?/gu,
  // ul. Marszałkowska 10/12 m. 5 / al. Jerozolimskie 54
  /(?<![\p{L}])(?:ul\.|ulic[ay]|al\.|aleja|alei|os\.|osiedle|pl\.|plac)\s*\p{Lu}[\p{L}\-.]*(?:\s+\p{L}[\p{L}-]*){0,2}\s+\d{1,4}[a-zA-Z]?(?:\s?\/\s?\d{1,4})?(?:\s*(?:m\.|lok\.)\s*\d{1,4})?/gu,
  // Brīvības iela 55-12 / Krišjāņa Barona ielā 3 / Brīvības gatve 200
  /(?<![\p{L}])(?:\p{Lu}[\p{L}]*\s+){1,2}(?:iela|ielā|ielas|gatve|gatvē|bulvāris|bulvārī|prospekts|prospektā|laukums|laukumā|šoseja|šosejā)\s+\d{1,4}[a-zA-Z]?(?:\s?[-/]\s?\d{1,4})?(?:\s*(?:k-|dz\.)\s*\d{1,4})?/gu,
  // 221B Baker Street / 10 Downing St. / Flat 3, 12 High Street
  /(?<![\p{L}\p{N}])\d{1,5}[A-Za-z]?\s+(?:\p{Lu}[\p{L}'-]*\s+){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Court|Ct\.?|Place|Pl\.?|Square|Sq\.?|Terrace|Crescent)(?![\p{L}])/gu,
];

/** Stronger evidence first: a checksum beats a shape, a shape beats a keyword. */
const PRIORITY: readonly PersonalDataKind[] = [
  "email",
  "iban",
  "card",
  "personal_code",
  "passport",
  "address",
  "phone",
  "order",
];

export function findPersonalData(text: string, options: PersonalDataOptions = {}): PersonalDataFinding[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const source = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const candidates: PersonalDataFinding[] = [];
  const add = (kind: PersonalDataKind, start: number, end: number) => {
    candidates.push({ kind, start, end, excerpt: source.slice(start, end) });
  };
  for (const m of source.matchAll(EMAIL)) add("email", m.index, m.index + m[0].length);
  for (const m of source.matchAll(IBAN)) {
    if (isIbanValid(m[0].replace(/ /g, ""))) add("iban", m.index, m.index + m[0].length);
  }
  for (const m of source.matchAll(PL_ACCOUNT)) {
    if (isIbanValid(`PL${m[0].replace(/ /g, "")}`)) add("iban", m.index, m.index + m[0].length);
  }
  for (const m of source.matchAll(CARD)) {
    const digits = m[0].replace(/[ -]/g, "");
    if (digits.length >= 13 && digits.length <= 19 && /^[2-6]/.test(digits) && isLuhnValid(digits))
      add("card", m.index, m.index + m[0].length);
  }
  for (const m of source.matchAll(PERSONAL_CODE)) {
    const digits = m[1]! + m[3]!;
    const hyphenated = m[2] === "-";
    if (isLatvianPersonalCodeValid(digits, !hyphenated) || (!hyphenated && isPeselValid(digits)))
      add("personal_code", m.index, m.index + m[0].length);
  }
  for (const m of source.matchAll(RU_PASSPORT)) add("passport", m.index, m.index + m[0].length);
  for (const m of source.matchAll(LETTER_DOCUMENT)) {
    if (isPolishIdCardValid(m[0].replace(" ", ""))) add("passport", m.index, m.index + m[0].length);
  }
  for (const m of source.matchAll(DOCUMENT_CUE)) {
    const number = m[1]!;
    const start = m.index + m[0].length - number.length;
    if (number.replace(/\D/g, "").length >= 6) add("passport", start, start + number.length);
  }
  for (const pattern of ADDRESS_PATTERNS) {
    for (const m of source.matchAll(pattern)) add("address", m.index, m.index + m[0].trimEnd().length);
  }
  for (const span of findPhoneNumbers(source)) add("phone", span.start, span.end);
  for (const pattern of options.orderPatterns ?? DEFAULT_ORDER_PATTERNS) {
    for (const m of source.matchAll(asGlobal(pattern))) {
      if (m[0].length > 0) add("order", m.index, m.index + m[0].length);
    }
  }
  const allowed = new Set((options.allowed ?? []).flatMap(foldAllowed));
  return resolveOverlaps(candidates.filter((f) => !foldAllowed(f.excerpt).some((key) => allowed.has(key))));
}

function asGlobal(pattern: RegExp): RegExp {
  return pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
}

/** The keys an allowed contact is compared by: its digits (numbers) and its folded text (e-mails, addresses). */
function foldAllowed(value: string): string[] {
  const keys = [
    value
      .toLowerCase()
      .replace(/[\s,.]+/g, " ")
      .trim(),
  ];
  const digits = value.replace(/\D/g, "");
  if (digits.length >= 7 && !/\p{L}/u.test(value)) keys.push(`#${digits.slice(-8)}`);
  return keys;
}

function resolveOverlaps(candidates: PersonalDataFinding[]): PersonalDataFinding[] {
  const ranked = [...candidates].sort(
    (a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || b.end - b.start - (a.end - a.start),
  );
  const kept: PersonalDataFinding[] = [];
  for (const candidate of ranked) {
    if (kept.some((k) => candidate.start < k.end && k.start < candidate.end)) continue;
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}
