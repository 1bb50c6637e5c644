import type { Token } from "./normalize.ts";

/**
 * Words too common to say what a text is about, in normalized form (folded like normalize.ts folds text).
 * Short on purpose: anything shorter than four letters is dropped anyway.
 */
const STOPWORDS = new Set(
  [
    // ru
    "это этот эта эти как что чтобы когда где если уже еще все всех вас нас они она оно был была были будет есть",
    "очень просто только тоже также потому почему который которая которые меня мне мои моя моего свои свою",
    "здравствуите добрыи день спасибо пожалуиста пожалуста привет можно нужно надо сегодня вчера завтра",
    // pl
    "jest jestem byla bylo jako gdzie kiedy ktory ktora ktore tego temu tylko takze bardzo moze mozna jeszcze",
    "dzien dobry dziekuje prosze czesc wasz wasza wasze nasz nasza moje moja swoj swoje dzisiaj wczoraj",
    // lv
    "labdien paldies ludzu sveiki kapec kad kur kas tas ta tie bija bus esmu esat jusu musu mans mana savs",
    "arii vien tikai loti vairs jau vel sodien vakar kadu kada",
    // en
    "this that these those with from have has had been were will would could should about what when where",
    "which there their your yours ours mine just also very really please thanks thank hello today yesterday",
  ]
    .join(" ")
    .split(" "),
);

const SUBJECT_LENGTH = 6;

/**
 * The key terms of a text beside the ones a query matched: what a mention is about ("доставк", "bonus",
 * "refund"). Each is cut to its first six letters, a crude stem that groups "доставка"/"доставки" and
 * "delivery"/"delivered" in every language without knowing it; bursts are counted per key term.
 */
export function keyTermsOf(
  tokens: readonly Token[],
  matchedRanges: readonly { start: number; end: number }[],
  max = 3,
) {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const token of tokens) {
    if (token.kind === "handle" || token.text.length < 4 || /^\d+$/.test(token.text)) continue;
    if (STOPWORDS.has(token.text)) continue;
    if (matchedRanges.some((r) => token.start < r.end && token.end > r.start)) continue;
    const term = token.text.slice(0, SUBJECT_LENGTH);
    if (seen.has(term)) continue;
    seen.add(term);
    terms.push(term);
  }
  // Longer words carry more meaning than short ones in short complaints; ties keep text order.
  return terms
    .map((term, index) => ({ term, index }))
    .sort((a, b) => b.term.length - a.term.length || a.index - b.index)
    .slice(0, max)
    .map((t) => t.term);
}
