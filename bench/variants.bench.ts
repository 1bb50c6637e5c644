/**
 * Variant generator benchmark: generates the variants of N distinct query terms (Cyrillic, Latin with and
 * without diacritics, phrases, punctuated brand names) as a topic editor or a matcher rebuild would, and
 * prints one JSON object: time, variants per term, heap used.
 * Usage: node bench/variants.bench.ts [terms=10000]
 */
import { generateVariants } from "../src/listening/variants/index.ts";

const TERMS = Number(process.argv[2] ?? 10_000);

const CYRILLIC_ROOTS = ["доставк", "нордмарт", "программ", "заказ", "магазин", "щётк", "жалоб", "возврат"];
const CYRILLIC_ENDINGS = ["а", "ой", "и", "ами", "", "ов", "е"];
const LATIN_ROOTS = ["dostaw", "piegād", "deliver", "nordmart", "zamówieni", "veikal", "bonus", "biedronk"];
const LATIN_ENDINGS = ["a", "y", "es", "ie", "", "ą", "i"];
const PUNCTUATED = ["М.Видео", "Coca-Cola", "H&M", "O'Reilly", "Wild-Berries"];

const CYRILLIC_DIGITS = "абвгдежзиклмнопрстуфхцчшщыьэюяъё";

/** i written in base 32 with Cyrillic letters for digits, so Cyrillic terms stay Cyrillic and distinct. */
function cyrillicSerial(i: number): string {
  return [...i.toString(32)].map((d) => CYRILLIC_DIGITS[Number.parseInt(d, 32)]).join("");
}

/** The i-th distinct term: a root, an ending and a serial suffix, in one of five shapes. */
function termAt(i: number): string {
  const serial = i.toString(36);
  const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;
  switch (i % 5) {
    case 0:
      return `${pick(CYRILLIC_ROOTS, i)}${pick(CYRILLIC_ENDINGS, i >> 3)} ${cyrillicSerial(i)}`;
    case 1:
      return `${pick(LATIN_ROOTS, i)}${pick(LATIN_ENDINGS, i >> 3)}${serial}`;
    case 2:
      return `bonus ${pick(LATIN_ROOTS, i >> 2)}${serial}`;
    case 3:
      return `бонусная ${pick(CYRILLIC_ROOTS, i >> 2)}а ${serial}`;
    default:
      return `${pick(PUNCTUATED, i)} ${serial}`;
  }
}

const terms = Array.from({ length: TERMS }, (_, i) => termAt(i));
const distinct = new Set(terms).size;

// Warm-up loads the stemmers and stop-word lists outside the timed run.
generateVariants("доставка");
generateVariants("delivery");

const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
let total = 0;
let max = 0;
let maxTerm = "";
for (const term of terms) {
  const count = generateVariants(term).length;
  total += count;
  if (count > max) {
    max = count;
    maxTerm = term;
  }
}
const elapsedMs = performance.now() - started;

console.log(
  JSON.stringify(
    {
      benchmark: "variants",
      terms: TERMS,
      distinctTerms: distinct,
      elapsedMs: Math.round(elapsedMs),
      microsecondsPerTerm: Math.round((elapsedMs * 1000) / TERMS),
      variantsPerTerm: { mean: Number((total / TERMS).toFixed(1)), max, maxTerm },
      heapUsedMb: Number((process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)),
      heapGrowthMb: Number(((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)),
    },
    null,
    2,
  ),
);
