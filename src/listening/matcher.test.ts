import { describe, expect, it } from "vitest";
import type { TextToMatch, TopicQuery, Variant } from "./listeningTypes.ts";
import { MAX_HITS_PER_TERM } from "./matcher.ts";
import { normalizeTerm } from "./normalize.ts";
import { compileQueries, type VariantsOf } from "./queryCompiler.ts";
import { generateVariants } from "./variants/index.ts";

/** A stand-in generator: the term itself, and for single words of 5+ letters a stem that drops the last one. */
const stubVariants: VariantsOf = (term, { exact }) => {
  const original = normalizeTerm(term);
  const variants: Variant[] = [{ text: original, kind: "original" }];
  if (!exact && !original.includes(" ") && original.length >= 5)
    variants.push({ text: original.slice(0, -1), kind: "inflection", prefix: { maxSuffix: 3 } });
  return variants;
};

let ids = 0;
function buildQuery(query: string, extra: Partial<TopicQuery> = {}): TopicQuery {
  ids++;
  return { id: `q${ids}`, topicId: `topic-${ids}`, query, ...extra };
}

/** Compiles the queries and returns what matched a text: query ids, or [] when none. */
function matcherFor(queries: (string | TopicQuery)[], variantsOf: VariantsOf = stubVariants) {
  const compiled = compileQueries(
    queries.map((q) => (typeof q === "string" ? buildQuery(q) : q)),
    variantsOf,
  );
  expect(compiled.errors).toEqual([]);
  return compiled;
}

function matches(query: string | TopicQuery, text: string | TextToMatch): boolean {
  const input = typeof text === "string" ? { text } : text;
  return matcherFor([query]).match(input).length > 0;
}

/** The original text under each hit of the first match. */
function hitTexts(query: string | TopicQuery, text: string): string[] {
  const [match] = matcherFor([query]).match({ text });
  return (match?.hits ?? []).map((h) => text.slice(h.start, h.end));
}

describe("matcher", () => {
  it("finds phrases across punctuation and case, but not with words between", () => {
    expect(hitTexts('"bonus programme"', "Where is my Bonus, programme?!")).toEqual(["Bonus, programme"]);
    expect(matches('"bonus programme"', "bonus-programme")).toBe(true);
    expect(matches('"bonus programme"', "bonus loyalty programme")).toBe(false);
  });

  it("matches hashtags and handles only as such, and plain words in any token", () => {
    expect(matches("#nordmart", "love #NordMart")).toBe(true);
    expect(matches("#nordmart", "love nordmart")).toBe(false);
    expect(matches("#nordmart", "ask @nordmart")).toBe(false);
    expect(matches("@nordmart", "ask @NordMart")).toBe(true);
    expect(matches("@nordmart", "ask nordmart")).toBe(false);
    expect(matches("@nordmart_help", "cc @nordmart_help please")).toBe(true);
    expect(matches("nordmart", "love #nordmart and @nordmart")).toBe(true);
    expect(hitTexts("nordmart", "love #nordmart and @nordmart")).toEqual(["#nordmart", "@nordmart"]);
  });

  it("matches stems within their suffix allowance, and exact terms only as written", () => {
    expect(hitTexts("доставка", "Где моя доставкой? Доставка!")).toEqual(["доставкой", "Доставка"]);
    expect(matches("доставка", "доставкамираз")).toBe(false);
    expect(matches("=доставка", "где доставкой")).toBe(false);
    expect(matches("=доставка", "где ДОСТАВКА")).toBe(true);
    expect(matches('="М.Видео"', "магазин м.видео")).toBe(true);
  });

  it("reports each hit with its term, variant, kind and offsets in the original text", () => {
    const text = "Ёлки, nordmarts!";
    const [match] = matcherFor([buildQuery("Nordmart", { id: "brand", topicId: "t1" })]).match({ text });
    expect(match).toEqual({
      queryId: "brand",
      topicId: "t1",
      hits: [{ term: "Nordmart", variant: "nordmar", kind: "inflection", start: 6, end: 15 }],
    });
  });

  it("prefers the earliest variant when several match the same words", () => {
    const [match] = matcherFor(["nordmart"]).match({ text: "nordmart" });
    expect(match?.hits).toEqual([
      { term: "nordmart", variant: "nordmart", kind: "original", start: 0, end: 8 },
    ]);
  });

  it("measures NEAR/n in tokens between the two sides, in either order", () => {
    const q = "nordmart NEAR/2 bonus";
    expect(matches(q, "nordmart bonus")).toBe(true);
    expect(matches(q, "nordmart, one two bonus")).toBe(true);
    expect(matches(q, "nordmart one two three bonus")).toBe(false);
    expect(matches(q, "bonus at nordmart")).toBe(true);
    expect(matches("nordmart NEAR/0 nordmart", "nordmart")).toBe(false);
    expect(matches("nordmart NEAR/0 nordmart", "nordmart nordmart")).toBe(true);
  });

  it("joins phrases, OR groups and nested NEARs, and reports only the hits that were near", () => {
    const q = '("bonus card" OR punkty) NEAR/1 (nordmart OR karta)';
    expect(matches(q, "my bonus card from nordmart")).toBe(true);
    expect(matches(q, "punkty karta")).toBe(true);
    expect(matches(q, "punkty a b karta")).toBe(false);
    expect(hitTexts(q, "nordmart a b c d punkty, karta")).toEqual(["punkty", "karta"]);
    expect(matches("(a NEAR/1 b) NEAR/1 c", "c x a b")).toBe(true);
    expect(matches("(a NEAR/1 b) NEAR/1 c", "c x y a b")).toBe(false);
  });

  it("applies AND, OR and NOT", () => {
    expect(matches("nordmart -spam", "nordmart deal")).toBe(true);
    expect(matches("nordmart -spam", "nordmart SPAM")).toBe(false);
    expect(matches("nordmart AND (late OR delayed)", "nordmart delivery delayed")).toBe(true);
    expect(matches("nordmart AND (late OR delayed)", "nordmart delivery")).toBe(false);
    expect(matches("nordmart OR (bonus NOT karta)", "bonus karta")).toBe(false);
    expect(matches("nordmart OR (bonus NOT karta)", "bonus karta nordmart")).toBe(true);
  });

  it("filters by the topic's languages and sources and by lang:/source: in the query", () => {
    const topic = buildQuery("nordmart", { languages: ["ru", "pl"], sources: ["Facebook"] });
    expect(matches(topic, { text: "nordmart", language: "ru", source: "facebook" })).toBe(true);
    expect(matches(topic, { text: "nordmart", language: "en", source: "facebook" })).toBe(false);
    expect(matches(topic, { text: "nordmart", language: "pl", source: "telegram" })).toBe(false);
    expect(matches(topic, { text: "nordmart" })).toBe(false);
    const inline = "(nordmart lang:(ru OR lv)) OR (нордмарт source:telegram)";
    expect(matches(inline, { text: "nordmart", language: "lv" })).toBe(true);
    expect(matches(inline, { text: "nordmart", language: "en" })).toBe(false);
    expect(matches(inline, { text: "нордмарт", language: "en", source: "Telegram" })).toBe(true);
    expect(matches("nordmart -source:x", { text: "nordmart", source: "x" })).toBe(false);
  });

  it("adds the team's extra variants and drops the excluded ones", () => {
    const topic = buildQuery("Nordmart OR #nordmart", {
      extraVariants: { nordmart: ["NM", "Норд Март"] },
      excludedVariants: ["nordmar"],
    });
    // "#nm" is found twice: by the word (which matches any token) and by the hashtag term.
    expect(hitTexts(topic, "NM, норд-март and #nm")).toEqual(["NM", "норд-март", "#nm", "#nm"]);
    const [match] = matcherFor([topic]).match({ text: "nm" });
    expect(match?.hits[0]).toMatchObject({ term: "Nordmart", variant: "nm", kind: "nickname" });
    expect(matches(topic, "nordmarts")).toBe(false);
    expect(matches(topic, "nordmart")).toBe(true);
  });

  it("finds overlapping patterns and patterns inside other patterns", () => {
    const compiled = matcherFor([
      buildQuery('"nord mart"', { id: "phrase" }),
      buildQuery("mart", { id: "word" }),
      buildQuery('"nord mart bonus"', { id: "long" }),
      buildQuery('"mart bonus karta"', { id: "shifted" }),
      buildQuery('"nord nord"', { id: "repeat" }),
    ]);
    const found = compiled.match({ text: "nord nord mart bonus karta" }).map((m) => m.queryId);
    expect(found.sort()).toEqual(["long", "phrase", "repeat", "shifted", "word"]);
  });

  it("gives one match per query with hits de-duplicated when several queries hit one text", () => {
    const compiled = matcherFor([
      buildQuery("nordmart OR nordmart OR (nordmart AND bonus)", { id: "a" }),
      buildQuery("bonus", { id: "b" }),
      buildQuery("karta", { id: "c" }),
    ]);
    const found = compiled.match({ text: "Nordmart bonus" });
    expect(found.map((m) => m.queryId)).toEqual(["a", "b"]);
    expect(found[0]?.hits.map((h) => [h.term, h.start])).toEqual([
      ["nordmart", 0],
      ["bonus", 9],
    ]);
  });

  it("matches a term as written when the generator fails on it", () => {
    const failing: VariantsOf = () => {
      throw new Error("generator bug");
    };
    expect(matcherFor(["nordmart"], failing).match({ text: "Nordmart!" })).toHaveLength(1);
  });

  it("keeps the other queries when one does not parse", () => {
    const compiled = compileQueries(
      [buildQuery("nordmart OR"), buildQuery("nordmart", { id: "ok" })],
      stubVariants,
    );
    expect(compiled.errors.map((e) => e.error.position)).toEqual([9]);
    expect(compiled.match({ text: "nordmart" }).map((m) => m.queryId)).toEqual(["ok"]);
  });

  it("never throws on empty, binary-ish, mixed-script or huge text, and stays fast", () => {
    const compiled = matcherFor(["nordmart NEAR/3 доставка", "bonus", '"bonus a nordmart"']);
    expect(compiled.match({ text: "" })).toEqual([]);
    expect(compiled.match({ text: "\u0000\uffff\ud800\udc00\ud800 nordmart\u200bдоставка" })).toBeInstanceOf(
      Array,
    );
    let binary = "";
    for (let i = 0; i < 100_000; i++) binary += String.fromCharCode((i * 7919) % 65536);
    expect(() => compiled.match({ text: binary })).not.toThrow();
    const started = performance.now();
    const huge = "nordmart доставка bonus a ".repeat(4_000);
    const found = compiled.match({ text: huge });
    expect(found).toHaveLength(3);
    for (const m of found) expect(m.hits.length).toBeLessThanOrEqual(2 * MAX_HITS_PER_TERM);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("compiles 10,000 queries into one automaton and matches them in one pass", () => {
    const queries = Array.from({ length: 10_000 }, (_, i) =>
      buildQuery(
        i % 3 === 0 ? `q${i}mart NEAR/3 delivery` : i % 3 === 1 ? `"q${i}mart card" -spam` : `q${i}mart`,
        {
          id: `rule${i}`,
        },
      ),
    );
    const started = performance.now();
    const compiled = matcherFor(queries);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(compiled.stats.queries).toBe(10_000);
    const found = compiled.match({ text: "q3mart late delivery, q4mart card, q5marts and q6mart" });
    expect(found.map((m) => m.queryId)).toEqual(["rule3", "rule4", "rule5"]);
    expect(compiled.match({ text: "q4mart card spam" })).toEqual([]);
  });

  it("works with the real variant generator", () => {
    const compiled = matcherFor([buildQuery("nordmart", { id: "brand" })], (term, options) =>
      generateVariants(term, options),
    );
    const found = compiled.match({ text: "Нордмарт опять! nordmrat still has not refunded, ytgjyznyj" });
    expect(found[0]?.hits.map((h) => h.kind)).toEqual(
      expect.arrayContaining(["transliteration", "misspelling"]),
    );
  });
});
