/**
 * Listening matcher benchmark: 10,000 topic rules (brand, product and competitor names; words, phrases, NEAR,
 * NOT, hashtags and handles in ru/pl/lv/en) with the real variant generator, over generated posts in mixed
 * languages (150–300 characters, plus some 100 KB outliers). One core. Prints one JSON object.
 * Usage: node bench/matcher.bench.ts [rules=10000] [posts=5000]
 * MB are UTF-8 megabytes of the original text (Cyrillic counts two bytes a letter).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { detectLanguage } from "../src/listening/language/detectLanguage.ts";
import type { ListeningLanguage, TopicQuery } from "../src/listening/listeningTypes.ts";
import { tokenize } from "../src/listening/normalize.ts";
import { compileQueries } from "../src/listening/queryCompiler.ts";
import { analyzeSentiment } from "../src/listening/sentiment/analyzeSentiment.ts";
import { generateVariants } from "../src/listening/variants/index.ts";

const RULES = Number(process.argv[2] ?? 10_000);
const POSTS = Number(process.argv[3] ?? 5_000);
const OUTLIERS = 10;

let seed = 42;
/** mulberry32: a seeded generator, so every run benchmarks the same rules and posts. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const LATIN_SYLLABLES = [
  "nor",
  "vi",
  "ta",
  "mar",
  "sky",
  "lux",
  "pro",
  "tel",
  "ko",
  "ra",
  "zen",
  "bal",
  "ter",
  "mo",
  "dex",
  "fin",
  "gal",
  "ver",
  "sol",
  "ka",
];
const CYRILLIC_SYLLABLES = [
  "нор",
  "ви",
  "та",
  "мар",
  "ско",
  "люк",
  "про",
  "тел",
  "ко",
  "ра",
  "зен",
  "бал",
  "тер",
  "мо",
  "декс",
  "фин",
  "гал",
  "вер",
  "сол",
  "ка",
];
const PRODUCT_WORDS = [
  "bonus",
  "karta",
  "card",
  "app",
  "pay",
  "express",
  "plus",
  "club",
  "market",
  "mobile",
  "бонус",
  "карта",
  "клуб",
  "маркет",
];
const TOPIC_WORDS = [
  "доставка",
  "заказ",
  "возврат",
  "dostawa",
  "zamówienie",
  "zwrot",
  "piegāde",
  "pasūtījums",
  "delivery",
  "refund",
  "order",
];
const NEGATIVE_WORDS = ["вакансия", "praca", "darbs", "job", "spam", "giveaway"];

const FILLER: Record<ListeningLanguage, string[]> = {
  ru: "я уже третий день жду свой заказ а курьер так и не приехал что происходит с вашим сервисом поддержка молчит деньги списали спасибо за быструю доставку всё отлично пришло вовремя магазин рядом с домом очень удобно цены выросли опять".split(
    " ",
  ),
  pl: "zamówiłem wczoraj i nadal nic kurier nie przyjechał obsługa klienta nie odpowiada pieniądze pobrane dziękuję za szybką dostawę wszystko super sklep blisko domu bardzo wygodnie ceny znowu wzrosły".split(
    " ",
  ),
  lv: "es jau trešo dienu gaidu savu pasūtījumu kurjers tā arī neatbrauca kas notiek ar jūsu servisu atbalsts klusē nauda noņemta paldies par ātru piegādi viss lieliski veikals tuvu mājām".split(
    " ",
  ),
  en: "i have been waiting three days for my order and the courier never came what is going on with your service support is silent money was taken thanks for the fast delivery everything arrived on time store near my home very convenient prices went up again".split(
    " ",
  ),
};
const LANGUAGES = Object.keys(FILLER) as ListeningLanguage[];
const EXTRAS = ["😡", "👍", "!!!", "https://example.com/p?id=42", "#sale", "@support", "100500", "?", ","];

function brandName(): string {
  const syllables = random() < 0.6 ? LATIN_SYLLABLES : CYRILLIC_SYLLABLES;
  const count = 2 + Math.floor(random() * 2);
  let name = "";
  for (let i = 0; i < count; i++) name += pick(syllables);
  return name;
}

function buildRules(count: number): { rules: TopicQuery[]; brands: string[] } {
  const brands = new Set<string>();
  while (brands.size < count) brands.add(brandName());
  const names = [...brands];
  const rules = names.map((brand, i): TopicQuery => {
    const r = random();
    let query = brand;
    if (r < 0.2) query = `"${brand} ${pick(PRODUCT_WORDS)}"`;
    else if (r < 0.3) query = `${brand} NEAR/3 (${pick(TOPIC_WORDS)} OR ${pick(TOPIC_WORDS)})`;
    else if (r < 0.4)
      query = `${brand} -${pick(NEGATIVE_WORDS)} -"${pick(NEGATIVE_WORDS)} ${pick(NEGATIVE_WORDS)}"`;
    else if (r < 0.5) query = `${brand} OR #${brand} OR @${brand}`;
    else if (r < 0.55) query = `=${brand} AND (${pick(TOPIC_WORDS)} OR ${pick(PRODUCT_WORDS)})`;
    return {
      id: `rule-${i}`,
      topicId: `topic-${Math.floor(i / 3)}`,
      query,
      languages: random() < 0.2 ? [pick(LANGUAGES)] : [],
      extraVariants: random() < 0.05 ? { [brand]: [`${brand.slice(0, 3)}x`] } : {},
    };
  });
  return { rules, brands: names };
}

function buildPost(brands: string[], targetLength: number): { text: string; language: ListeningLanguage } {
  const language = pick(LANGUAGES);
  const words: string[] = [];
  let length = 0;
  while (length < targetLength) {
    const r = random();
    let word: string;
    if (r < 0.04) word = pick(brands) + (random() < 0.3 ? pick(["а", "ом", "u", "ą", "s"]) : "");
    else if (r < 0.06) word = pick(TOPIC_WORDS);
    else if (r < 0.1) word = pick(EXTRAS);
    else word = pick(FILLER[language]);
    if (random() < 0.1) word = word[0]!.toUpperCase() + word.slice(1);
    words.push(word);
    length += word.length + 1;
  }
  return { text: words.join(random() < 0.2 ? ", " : " "), language };
}

// A collection before each heap reading, without asking for --expose-gc on the command line.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

function heapMb(): number {
  collectGarbage();
  return Math.round(process.memoryUsage().heapUsed / 1_048_576);
}

function timeIt(rounds: number, body: () => void): number {
  body(); // warm-up
  const started = performance.now();
  for (let i = 0; i < rounds; i++) body();
  return (performance.now() - started) / rounds / 1000;
}

const heapBefore = heapMb();
const { rules, brands } = buildRules(RULES);
const compileStarted = performance.now();
let generatorMs = 0;
const matcher = compileQueries(rules, (term, options) => {
  const started = performance.now();
  const variants = generateVariants(term, options);
  generatorMs += performance.now() - started;
  return variants;
});
const compileSeconds = (performance.now() - compileStarted) / 1000;
const heapAfterCompile = heapMb();

const posts = Array.from({ length: POSTS }, () => buildPost(brands, 150 + Math.floor(random() * 150)));
for (let i = 0; i < OUTLIERS; i++) posts[Math.floor(random() * posts.length)] = buildPost(brands, 100_000);
const inputs = posts.map((p, i) => ({
  text: p.text,
  language: p.language,
  source: i % 2 ? "facebook" : "telegram",
}));
const bytes = inputs.reduce((n, p) => n + Buffer.byteLength(p.text, "utf8"), 0);
const chars = inputs.reduce((n, p) => n + p.text.length, 0);

let matched = 0;
let hits = 0;
const endToEnd = timeIt(3, () => {
  matched = 0;
  hits = 0;
  for (const input of inputs) {
    const found = matcher.match(input);
    if (found.length > 0) matched++;
    for (const m of found) hits += m.hits.length;
  }
});
// The whole listening path per post, as the worker runs it (topicAnalyzer.ts): language, match, and sentiment
// for the posts that matched.
const listen = (list: typeof inputs) => {
  for (const input of list) {
    const tokens = tokenize(input.text);
    const language = detectLanguage(input.text, tokens).language;
    const found = matcher.matchTokens(tokens, { text: input.text, source: input.source, language });
    if (found.length > 0) analyzeSentiment(input.text, language === "other" ? "en" : language);
  }
};
const withEnrichment = timeIt(2, () => listen(inputs));
// Tweet-sized posts only: what an average X firehose looks like.
const typicalPosts = inputs.filter((p) => p.text.length < 1000);
const withEnrichmentTypical = timeIt(2, () => listen(typicalPosts));
const tokenized = inputs.map((p) => tokenize(p.text));
const tokenCount = tokenized.reduce((n, t) => n + t.length, 0);
const symbolized = tokenized.map((tokens) => matcher.symbolize(tokens));
const automatonOnly = timeIt(10, () => {
  for (const symbols of symbolized) matcher.scanSymbols(symbols);
});
const rawScan = timeIt(5, () => {
  for (const tokens of tokenized) matcher.scanTokens(tokens);
});
const tokenizeAndScan = timeIt(3, () => {
  for (const input of inputs) matcher.scanTokens(tokenize(input.text));
});
const tokenizeOnly = timeIt(3, () => {
  for (const input of inputs) tokenize(input.text);
});
const normalPosts = inputs.filter((p) => p.text.length < 1000);
const normalEndToEnd = timeIt(3, () => {
  for (const input of normalPosts) matcher.match(input);
});

const mb = bytes / 1_048_576;
console.log(
  JSON.stringify(
    {
      rules: RULES,
      compileErrors: matcher.errors.length,
      compileSeconds: Number(compileSeconds.toFixed(2)),
      ofWhichVariantGeneratorSeconds: Number((generatorMs / 1000).toFixed(2)),
      ...matcher.stats,
      heapMb: {
        beforeCompile: heapBefore,
        afterCompile: heapAfterCompile,
        compiled: heapAfterCompile - heapBefore,
      },
      corpus: {
        posts: inputs.length,
        outliers100kb: OUTLIERS,
        megabytes: Number(mb.toFixed(2)),
        chars,
        tokens: tokenCount,
      },
      postsPerSecond: Math.round(inputs.length / endToEnd),
      postsPerSecondWithoutOutliers: Math.round(normalPosts.length / normalEndToEnd),
      postsPerSecondWithLanguageAndSentiment: Math.round(inputs.length / withEnrichment),
      postsPerSecondWithLanguageAndSentimentWithoutOutliers: Math.round(
        typicalPosts.length / withEnrichmentTypical,
      ),
      endToEndMegabytesPerSecond: Number((mb / endToEnd).toFixed(1)),
      // The automaton pass over interned tokens; then with the interning (Token[] → symbols, a Map lookup).
      rawMatcherMegabytesPerSecond: Number((mb / automatonOnly).toFixed(1)),
      rawMatcherTokensPerSecond: Math.round(tokenCount / automatonOnly),
      internAndMatcherMegabytesPerSecond: Number((mb / rawScan).toFixed(1)),
      tokenizeAndMatcherMegabytesPerSecond: Number((mb / tokenizeAndScan).toFixed(1)),
      tokenizeOnlyMegabytesPerSecond: Number((mb / tokenizeOnly).toFixed(1)),
      matchedPosts: matched,
      hits,
    },
    null,
    2,
  ),
);
