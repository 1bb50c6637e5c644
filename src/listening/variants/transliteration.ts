/**
 * Transliterations between Cyrillic and Latin, the way people in our markets actually write: a Russian brand
 * in Latin letters ("mvideo", "dostavka"), a Latin brand read out in Cyrillic ("нордмарт"). Several schemes
 * exist and customers mix them, so a term gets one spelling per scheme where they differ, in a fixed order,
 * at most MAX_TRANSLITERATIONS in all (schemes × letters would otherwise explode: "щёткой" alone has
 * 3 × 2 × 2 readings).
 */
import { normalizeTerm } from "../normalize.ts";

export const MAX_TRANSLITERATIONS = 8;

/** How one scheme writes letters; longer keys are tried first, so digraphs win over single letters. */
interface Scheme {
  name: string;
  rules: Record<string, string>;
  /** Longest key in `rules`, so the scan knows where to start. */
  longest: number;
}

function scheme(name: string, ...layers: Record<string, string>[]): Scheme {
  const rules = Object.assign({}, ...layers) as Record<string, string>;
  const longest = Math.max(...Object.keys(rules).map((key) => key.length));
  return { name, rules, longest };
}

// --- Cyrillic → Latin -------------------------------------------------------------------------------

const CYRILLIC_COMMON: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  з: "z",
  и: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  ч: "ch",
  ш: "sh",
  ъ: "",
  ь: "",
  э: "e",
  і: "i",
  ї: "i",
  є: "e",
  ґ: "g",
};

/** Practical romanization (BGN/PCGN-like), the most common in Russian brands' own Latin spellings. */
const PRACTICAL: Record<string, string> = {
  ж: "zh",
  й: "y",
  х: "kh",
  ц: "ts",
  щ: "shch",
  ы: "y",
  ю: "yu",
  я: "ya",
};
/** Chat "translit": h for х, c for ц, sch for щ, i for й. */
const CHAT: Record<string, string> = { ж: "zh", й: "i", х: "h", ц: "c", щ: "sch", ы: "i", ю: "yu", я: "ya" };
/** Polish-style reading, as Polish speakers spell Russian words. */
const POLISH: Record<string, string> = {
  ж: "z",
  й: "j",
  х: "ch",
  ц: "c",
  ч: "cz",
  ш: "sz",
  щ: "szcz",
  ы: "y",
  ю: "ju",
  я: "ja",
};
/** Latvian / scholarly (ISO 9) spelling with its diacritics folded away (č → c, š → s, ž → z). */
const LATVIAN_FOLDED: Record<string, string> = {
  ж: "z",
  й: "j",
  х: "h",
  ц: "c",
  ч: "c",
  ш: "s",
  щ: "sc",
  ы: "i",
  ю: "ju",
  я: "ja",
};

const CYRILLIC_TO_LATIN: readonly Scheme[] = [
  scheme("practical", CYRILLIC_COMMON, PRACTICAL),
  scheme("chat", CYRILLIC_COMMON, CHAT),
  scheme("polish", CYRILLIC_COMMON, POLISH),
  scheme("latvian", CYRILLIC_COMMON, LATVIAN_FOLDED),
  // Single-letter swaps against the practical scheme, for letters whose spelling varies most.
  scheme("practical-sh", CYRILLIC_COMMON, PRACTICAL, { щ: "sh" }),
  scheme("practical-ja", CYRILLIC_COMMON, PRACTICAL, { я: "ja", ю: "ju", й: "j" }),
  scheme("practical-z", CYRILLIC_COMMON, PRACTICAL, { ж: "z", х: "h" }),
];

// --- Latin → Cyrillic -------------------------------------------------------------------------------

const LATIN_COMMON: Record<string, string> = {
  a: "а",
  b: "б",
  c: "к",
  d: "д",
  e: "е",
  f: "ф",
  g: "г",
  h: "х",
  i: "и",
  j: "й",
  k: "к",
  l: "л",
  m: "м",
  n: "н",
  o: "о",
  p: "п",
  q: "к",
  r: "р",
  s: "с",
  t: "т",
  u: "у",
  v: "в",
  w: "в",
  x: "кс",
  y: "и",
  z: "з",
  ł: "л",
  ā: "а",
  ē: "е",
  ī: "и",
  ū: "у",
  ą: "а",
  ę: "е",
  ó: "у",
  ś: "с",
  ć: "ц",
  ń: "н",
  ź: "з",
  ż: "ж",
  š: "ш",
  č: "ч",
  ž: "ж",
  ģ: "г",
  ķ: "к",
  ļ: "л",
  ņ: "н",
};

/** Reading back Russian words written in translit ("dostavka", "shchetka", "mvideo"). */
const TRANSLIT_READING: Record<string, string> = {
  shch: "щ",
  sch: "щ",
  zh: "ж",
  kh: "х",
  ts: "ц",
  ch: "ч",
  sh: "ш",
  ya: "я",
  ja: "я",
  yu: "ю",
  ju: "ю",
  yo: "е",
  ck: "к",
  c: "ц",
};
/** An English reading of a brand ("coffee club" → "кофе клаб" is beyond us, but "nordmart", "check" work). */
const ENGLISH_READING: Record<string, string> = {
  sh: "ш",
  ch: "ч",
  ph: "ф",
  th: "т",
  ck: "к",
  qu: "кв",
  ee: "и",
  oo: "у",
  j: "дж",
  wh: "в",
};
/** Polish and Latvian readings: sz, cz, rz, w as в, c as ц, ie as е ("biedronka" → "бедронка"). */
const POLISH_READING: Record<string, string> = {
  szcz: "щ",
  sz: "ш",
  cz: "ч",
  rz: "ж",
  ch: "х",
  ie: "е",
  ia: "я",
  io: "е",
  iu: "ю",
  c: "ц",
  y: "ы",
};

const LATIN_TO_CYRILLIC: readonly Scheme[] = [
  scheme("translit", LATIN_COMMON, TRANSLIT_READING),
  scheme("english", LATIN_COMMON, ENGLISH_READING),
  scheme("polish", LATIN_COMMON, POLISH_READING),
];

function applyScheme(text: string, { rules, longest }: Scheme): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    let matched = false;
    for (let length = Math.min(longest, text.length - i); length > 0; length--) {
      const replacement = rules[text.slice(i, i + length)];
      if (replacement !== undefined) {
        out += replacement;
        i += length;
        matched = true;
        break;
      }
    }
    if (!matched) out += text[i++];
  }
  return out;
}

/**
 * The normalized transliterations of `term` (written as in a query, capitals and diacritics allowed):
 * Cyrillic letters spelled in Latin and Latin letters read in Cyrillic, one per scheme where they differ,
 * none equal to `term` itself, at most MAX_TRANSLITERATIONS.
 */
export function transliterations(term: string): string[] {
  // Repeats collapse first, as normalization would collapse them anyway ("xx" must not become "кскс").
  const lower = term
    .toLowerCase()
    .normalize("NFC")
    .replace(/(\p{L})\1+/gu, "$1");
  const original = normalizeTerm(term);
  const found = new Set<string>();
  const schemes = [
    ...(/\p{Script=Cyrillic}/u.test(lower) ? CYRILLIC_TO_LATIN : []),
    ...(/\p{Script=Latin}/u.test(lower) ? LATIN_TO_CYRILLIC : []),
  ];
  for (const s of schemes) {
    const spelled = normalizeTerm(applyScheme(lower, s));
    if (spelled && spelled !== original) found.add(spelled);
    if (found.size >= MAX_TRANSLITERATIONS) break;
  }
  return [...found];
}
