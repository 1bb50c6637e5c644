/**
 * What may follow a stem: the language's inflectional endings, not any letters. "Мир" must find "мира",
 * "миром", but not "мировой"; "Ozon" must find "Ozonu", not "ozonowanie". A stem once matched anything up to
 * a few letters longer, which let a short brand's stem swallow the derived words of the language.
 *
 * Endings are folded the way tokens are (ё→е, й→и, diacritics dropped), so "-ой" is written "ои" here and
 * Polish "-ą" is "a". Nouns and adjectives take the whole case paradigm; verbs get their most common
 * personal and past endings, because a topic term is sometimes a verb ("заказать" → "заказал").
 */
import type { ListeningLanguage } from "../listeningTypes.ts";

const split = (list: string): string[] => list.trim().split(/\s+/u);

const ENDINGS: Record<ListeningLanguage, readonly string[]> = {
  ru: [
    "",
    // nouns
    ...split("а я о е и ы у ю ь ом ем ои еи ою ею ам ям ами ями ах ях ов ев"),
    ...split("ие ия ии ию иеи иям иями иях ием иев ье ья ьи ью ьем ьеи ьям ьями ьях ьев"),
    // adjectives
    ...split("ыи ии ая яя ое ее ые ого его ому ему ым им ую юю ых их ыми ими"),
    // verbs
    ...split("ть ти л ла ло ли ешь ет ете ут ют ит ишь ите ат ят еть ить ать ся сь"),
  ],
  pl: [
    "",
    // nouns (ą, ę, ó folded to a, e, o)
    ...split("a u owi em ie e y i o ow om ami ach ia iu ii io iem iom iami iach"),
    // adjectives
    ...split("ego emu ym ymi ych ej iego iemu im imi ich"),
    // verbs
    ...split("esz emy ecie ac ic yc al ala alo ali aly il ila ilo ili ily"),
  ],
  lv: [
    "",
    // nouns of the six declensions (ā, ē, ī, ū folded)
    ...split("s a am u i iem us os is im um ai as e es ei em ij"),
    // definite adjectives
    ...split("ais aja ajam ajai ajiem ajos ajas ajo ie o"),
    // verbs
    ...split("t ju ja jam jat ta tu ti"),
  ],
  en: ["", ...split("s es ed ing ies ied")],
};

/**
 * Russian names a brand's things with a possessive adjective: "сберовский", "озоновская доставка",
 * "Технодомовская". Only "-овск-/-евск-" and only after stems of 4+ letters: shorter stems meet real words
 * ("Кир" → "Кировский", a town).
 */
const RU_BRAND_ADJECTIVES = ["овск", "евск"].flatMap((suffix) =>
  split("ии ая ое ие ого ому им ую их ими ои").map((ending) => suffix + ending),
);
const MIN_STEM_FOR_ADJECTIVES = 4;

/** The longest ending of any language, so callers can bound their work. */
export const LONGEST_ENDING = Math.max(
  ...Object.values(ENDINGS).flatMap((list) => list.map((ending) => ending.length)),
);

/**
 * The suffixes a stem may take in `language`, given what the stemmer took off the term's own word
 * (`removed`, folded). Stemmers sometimes take more than an ending ("технодом" → "технод", Polish
 * "zamówienie" → "zamow"): the part they took is put back in every way it may end, so "Технодома" and
 * "zamówienia" still match while "технодовский" does not. Russian stems of 4+ letters also take the
 * brand's possessive adjective (RU_BRAND_ADJECTIVES).
 */
export function allowedSuffixes(
  language: ListeningLanguage,
  removed: string,
  stemLength: number,
): readonly string[] {
  const adjectives = language === "ru" && stemLength >= MIN_STEM_FOR_ADJECTIVES;
  const key = `${language}:${adjectives}:${removed}`;
  let allowed = allowedCache.get(key);
  if (allowed === undefined) {
    allowed = computeAllowed(language, removed, adjectives);
    if (allowedCache.size >= INTERNED_LIMIT) allowedCache.clear();
    allowedCache.set(key, allowed);
  }
  return allowed;
}

const allowedCache = new Map<string, readonly string[]>();

function computeAllowed(
  language: ListeningLanguage,
  removed: string,
  adjectives: boolean,
): readonly string[] {
  const endings = adjectives ? [...ENDINGS[language], ...RU_BRAND_ADJECTIVES] : ENDINGS[language];
  const bases = new Set<string>([""]);
  for (const ending of endings)
    if (removed.endsWith(ending)) bases.add(removed.slice(0, removed.length - ending.length));
  const allowed = new Set<string>();
  for (const base of bases) for (const ending of endings) allowed.add(base + ending);
  return internSuffixes([...allowed].sort());
}

/** Union of two sorted suffix lists, sorted (one shared array per distinct list). */
export function mergeSuffixes(a: readonly string[], b: readonly string[]): readonly string[] {
  return internSuffixes([...new Set([...a, ...b])].sort());
}

const interned = new Map<string, readonly string[]>();
const INTERNED_LIMIT = 20_000;

/**
 * One array per distinct list: thousands of terms share a handful of lists, and the matcher keys its stem
 * symbols and suffix sets by list.
 */
export function internSuffixes(sorted: string[]): readonly string[] {
  const key = sorted.join("|");
  const known = interned.get(key);
  if (known) return known;
  if (interned.size >= INTERNED_LIMIT) interned.clear();
  interned.set(key, sorted);
  return sorted;
}
