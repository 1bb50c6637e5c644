/**
 * Whether a customer's message asks something, so the FAQ bot does not answer "Thanks, got it!" with an
 * article. A question mark settles it. Without one (people often skip it in chats), a sentence counts when,
 * after greetings and thanks, it opens with a question word ("Labdien, kad pienāks sūtījums", "hi when do
 * you open", "Dzień dobry czy wysyłacie za granicę") or asks for information early on ("Здравствуйте,
 * подскажите, где моя посылка"). Wrong calls are cheap either way: the bot still needs a confident match.
 */

import { normalizeTerm, tokenize } from "../../listening/normalize.ts";

/**
 * Question words and auxiliaries that open a question, per language, normalized. Only as a sentence's first
 * word: most double as conjunctions later on ("Я думаю, что...", "Zadzwonię, kiedy...", "My parcel is late").
 */
const OPENERS: readonly string[] = [
  // ru
  "как где когда куда откуда почему зачем сколько какой какая какое какие каким какую кто что чем чего чей",
  "можно есть",
  // pl
  "jak gdzie kiedy czy ile dlaczego czemu co jaki jaka jakie jakim jaką kto skąd dokąd mogę można możecie",
  // lv
  "kā kur kad vai cik kāpēc kādēļ kas kāds kāda kādi kura kurš kuru",
  // en
  "how where when what which why who whom whose can could would will should may is are does did has",
]
  .join(" ")
  .split(" ")
  .map(normalizeTerm);

/** Requests for information, unambiguous wherever they stand early in a sentence ("Anna, podskażcie..."). */
const REQUESTS: readonly string[] = [
  "подскажите подскажи скажите расскажите объясните уточните",
  "powiedzcie powiedz wyjaśnijcie podpowiedzcie",
  "pastāstiet sakiet paskaidrojiet",
  "tell explain",
]
  .join(" ")
  .split(" ")
  .map(normalizeTerm);

/** Two-word openers whose first word alone would be too loose ("do" opens "do not worry"). */
const OPENER_PAIRS: readonly string[] = [
  "do you",
  "do i",
  "do we",
  "have you",
  "не подскажете",
  "не могли",
].map(normalizeTerm);

/** Words skipped at a sentence's start: greetings, thanks and forms of address. */
const LEAD_WORDS = new Set(
  [
    "здравствуйте добрый доброе день вечер утро привет приветствую ребята уважаемые спасибо а и но",
    "dzień dobry cześć witam hej witajcie dobry wieczór dziękuję a ale",
    "labdien labrīt labvakar sveiki čau paldies un bet",
    "hi hello hey good morning afternoon evening dear guys thanks thank and but so",
  ]
    .join(" ")
    .split(" ")
    .map(normalizeTerm),
);

const OPENER_SET = new Set(OPENERS);
const REQUEST_SET = new Set(REQUESTS);
const PAIR_SET = new Set(OPENER_PAIRS);
/** How many words into a sentence a request or the particle "ли" may stand. */
const WINDOW = 3;

export function isQuestion(text: string): boolean {
  if (typeof text !== "string") return false;
  if (/[?？¿]/u.test(text)) return true;
  return text.split(/[.!…\n\r]+/u).some((sentence) => sentenceAsks(tokenize(sentence).map((t) => t.text)));
}

function sentenceAsks(words: readonly string[]): boolean {
  let start = 0;
  while (start < words.length && LEAD_WORDS.has(words[start]!)) start++;
  // "Hi there", "thank you": skipped after a greeting only, as "there is", "you can" open statements.
  if (start > 0 && (words[start] === "there" || words[start] === "you")) start++;
  const first = words[start];
  if (first === undefined) return false;
  if (OPENER_SET.has(first) || PAIR_SET.has(`${first} ${words[start + 1] ?? ""}`)) return true;
  const end = Math.min(words.length, start + WINDOW);
  for (let i = start; i < end; i++) {
    const word = words[i]!;
    if (REQUEST_SET.has(word)) return true;
    // The Russian particle that makes a yes/no question: "Доставляете ли вы в Ригу".
    if (word === "ли" && i > start) return true;
  }
  return false;
}
