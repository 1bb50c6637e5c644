/**
 * Phone numbers in the formats of Parley's four markets: Russia (+7 / 8, "8 (495) 123-45-67"), Poland (+48,
 * nine digits "601 234 567"), Latvia (+371, eight digits from 2 or 6 "2612 3456") and the UK / US (+44 / +1,
 * "020 7946 0958", "(555) 123-4567"). Digit runs are cut into groups first, then the longest run of groups
 * that reads as a phone is kept, so "в 2024 г. 601 234 567" and two numbers side by side still come out right.
 */

import { looksLikeDate } from "./identifierChecksums.ts";

export interface Span {
  start: number;
  end: number;
}

interface Group {
  digits: string;
  start: number;
  end: number;
  /** The separator text before this group ("" for the first). */
  before: string;
  parenthesised: boolean;
}

/** Runs of digit groups joined by spaces, dashes and brackets; bounded so the scan stays linear. */
const CANDIDATE =
  /(?<![\p{L}\p{N}+\-/.,#№])(?:\+|(?=00))?\(?\d{1,12}\)?(?:[ \u00a0\u202f\-–]{1,2}\(?\d{1,12}\)?|\(\d{1,5}\)|(?<=\))\d{1,12}){0,7}/gu;

const GROUP = /\d+/g;

/** Words that say the next number is a phone: it then needs no other evidence. */
const PHONE_CUE =
  /(?<!\p{L})(?:тел|телефон\p{L}*|связ\p{L}*|контакт\p{L}*|kontakt\p{L}*|sazin\p{L}*|contact|звонит\p{L}*|позвонит\p{L}*|моб|tel|telefon\p{L}*|zadzwo\p{L}*|dzwo\p{L}*|komórk\p{L}*|tālr|tālru\p{L}*|zvan\p{L}*|phone|call|mobile|whatsapp|viber|telegram)\.?\s*[:\-–]?\s*(?:\p{L}+\s*){0,2}[:\-–]?\s*$/iu;

/**
 * Words that say the next number is an order's ("заказ №123456789", "Pasūtījums 6120-3384", "order 26123456"):
 * it is then an order number, whatever phone it looks like, unless it is written as one (+371…).
 */
const ORDER_CUE =
  /(?<!\p{L})(?:заказ\p{L}*|zamówieni\p{L}*|zamowieni\p{L}*|pasūtījum\p{L}*|pasutijum\p{L}*|orders?)\s*(?:(?:№|#|номер|no\.?|nr\.?|numer|numurs|number)\s*)?[#№:]?\s*$/iu;

/** What makes a digit run a money amount, a share or a quantity rather than a phone. */
const AMOUNT_AFTER =
  /^\s?(?:[€$£₽%‰]|(?:руб|р\.|тыс|млн|млрд|евро|коп|шт|zł|zl\b|pln|eur|usd|gbp|rub|gr\b|tys|mln|szt|eiro|tūkst|milj|gab|km|км|kg|кг|cm|см|mm|мм|ms|мс|sek|сек))/iu;
const AMOUNT_BEFORE = /(?:[€$£₽]|\b(?:eur|pln|usd|gbp|rub|руб)\.?)\s?$/iu;

export function findPhoneNumbers(text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const groups = splitGroups(match[0], match.index);
    if (groups.length === 0) continue;
    const plus = match[0].startsWith("+");
    let i = 0;
    while (i < groups.length) {
      let taken = 0;
      for (let j = groups.length; j > i; j--) {
        const run = groups.slice(i, j);
        if (isPhone(run, plus && i === 0, text)) {
          const start = plus && i === 0 ? match.index : openingOf(run[0]!);
          found.push({ start, end: closingOf(run[run.length - 1]!, text) });
          taken = j - i;
          break;
        }
      }
      i += taken > 0 ? taken : 1;
    }
  }
  return found;
}

function splitGroups(candidate: string, offset: number): Group[] {
  const groups: Group[] = [];
  let last = 0;
  for (const g of candidate.matchAll(GROUP)) {
    const before = candidate.slice(last, g.index);
    groups.push({
      digits: g[0],
      start: offset + g.index,
      end: offset + g.index + g[0].length,
      before: groups.length === 0 ? "" : before,
      parenthesised: candidate[g.index - 1] === "(" && candidate[g.index + g[0].length] === ")",
    });
    last = g.index + g[0].length;
  }
  return groups;
}

/** A group in brackets starts at its "(" and ends at its ")". */
function openingOf(group: Group): number {
  return group.parenthesised ? group.start - 1 : group.start;
}
function closingOf(group: Group, text: string): number {
  return group.parenthesised && text[group.end] === ")" ? group.end + 1 : group.end;
}

function isPhone(run: Group[], plus: boolean, text: string): boolean {
  const digits = run.map((g) => g.digits).join("");
  const n = digits.length;
  if (n < 7 || n > 15) return false;
  const start = run[0]!.start;
  const end = run[run.length - 1]!.end;
  if (
    AMOUNT_AFTER.test(text.slice(end, end + 8)) ||
    AMOUNT_BEFORE.test(text.slice(Math.max(0, start - 6), start))
  )
    return false;
  const shape = run.map((g) => g.digits.length).join(",");
  if (isDateShape(run) || isRange(run)) return false;
  if (isServiceLine(digits, plus)) return false;
  if (plus) return fitsCountryPlan(digits);
  if (ORDER_CUE.test(text.slice(Math.max(0, start - 30), start))) return false;
  if (digits.startsWith("00") && n >= 11) return fitsCountryPlan(digits.slice(2));
  if (PHONE_CUE.test(text.slice(Math.max(0, start - 30), start))) return true;
  const separated = run.length > 1 || run[0]!.parenthesised;
  // A separated run whose later groups are all zeros is an amount written with thousands spaces.
  if (run.length > 1 && run.slice(1).every((g) => /^0+$/.test(g.digits))) return false;
  switch (n) {
    case 11:
      // Russia: 8 or 7, then a 3xx/4xx/8xx/9xx area code; the UK: 0 and ten digits.
      if (/^[78][3489]/.test(digits)) return separated || /^[78]9/.test(digits);
      return /^0[1-9]/.test(digits) && (separated || /^07/.test(digits));
    case 10:
      // Russia without the trunk 8 ("(495) 123-45-67", "916 123 45 67") or the US ("(555) 123-4567").
      // 4+6 and 2+2+6 are the Russian passport's series and number, not a phone.
      if (shape === "4,6" || shape === "2,2,6") return false;
      if (!separated) return /^9/.test(digits);
      return /^[2-9]/.test(digits) && (run[0]!.digits.length === 3 || run[0]!.parenthesised);
    case 9:
      // Poland: "601 234 567", "22 123 45 67", "601-234-567"; bare only with a mobile prefix.
      if (!separated) return /^(?:45|5[0137]|6[069]|7[2389]|88)/.test(digits);
      return /^[1-9]/.test(digits) && ["3,3,3", "2,3,2,2", "2,3,4", "2,7", "3,6"].includes(shape);
    case 8:
      // Latvia: mobiles from 2, landlines from 6.
      if (!/^[26]/.test(digits)) return false;
      return ["8", "4,4", "2,3,3", "3,5", "2,2,2,2", "3,3,2"].includes(shape);
    default:
      return false;
  }
}

/** Toll-free lines (8-800, 0800, 1-800…) are businesses' numbers, never a customer's. */
function isServiceLine(digits: string, plus: boolean): boolean {
  const international = plus ? digits : digits.startsWith("00") ? digits.slice(2) : null;
  if (international === null) return /^(?:8800|800|0800|0808|1800|1888|1877|1866|1855)/.test(digits);
  if (/^1(?:800|888|877|866|855)/.test(international)) return true;
  return /^(?:7800|48800|371800|44800|44808)/.test(international);
}

/** Lengths of full international numbers for the countries Parley serves; others get E.164's 8–15. */
function fitsCountryPlan(digits: string): boolean {
  const n = digits.length;
  if (digits.startsWith("371")) return n === 11;
  if (digits.startsWith("48")) return n === 11;
  if (digits.startsWith("44")) return n === 11 || n === 12;
  if (digits.startsWith("7")) return n === 11;
  if (digits.startsWith("1")) return n === 11;
  return n >= 8 && n <= 15;
}

/** "2019-2024", "2000-3000": year and amount ranges share the Latvian 4+4 shape. */
function isRange(run: Group[]): boolean {
  if (run.length !== 2 || (run[1]!.before.trim() !== "-" && run[1]!.before.trim() !== "–")) return false;
  const [a, b] = [run[0]!.digits, run[1]!.digits];
  return (/^(?:19|20)\d\d$/.test(a) && /^(?:19|20)\d\d$/.test(b)) || (/00$/.test(a) && /00$/.test(b));
}

/** "2024-03-12", "12-03-2024", "12 03 2024": dates written with dashes or spaces. */
function isDateShape(run: Group[]): boolean {
  if (run.length !== 3) return false;
  const [a, b, c] = run.map((g) => Number(g.digits)) as [number, number, number];
  const lengths = run.map((g) => g.digits.length).join(",");
  if (lengths === "4,2,2") return looksLikeDate(c, b, a);
  if (lengths === "2,2,4" || lengths === "2,2,2") return looksLikeDate(a, b, c) || looksLikeDate(b, a, c);
  return false;
}
