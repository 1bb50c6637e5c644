import { describe, expect, it } from "vitest";
import { SAMPLE_ARTICLES, SAMPLE_CANNED } from "./fixtures/sampleKnowledgeBase.ts";
import { KnowledgeIndex, MARGIN_FLOOR, type SearchDocument } from "./knowledgeIndex.ts";

const index = new KnowledgeIndex([...SAMPLE_ARTICLES, ...SAMPLE_CANNED]);
const articlesOnly = { kinds: ["article" as const] };

function topId(
  query: string,
  options: Parameters<KnowledgeIndex["search"]>[1] = articlesOnly,
): string | undefined {
  return index.search(query, options)[0]?.id;
}

describe("KnowledgeIndex: inflection-tolerant ranking", () => {
  it.each([
    ["ru", "посылку", "ru-delivery"],
    ["ru", "возврата денег", "ru-returns"],
    ["ru", "оплатой", "ru-payment"],
    ["pl", "zwrotu", "pl-returns"],
    ["pl", "dostawę", "pl-delivery"],
    ["pl", "płatnościach", "pl-payment"],
    ["lv", "piegādi", "lv-delivery"],
    ["lv", "atgriešanu", "lv-returns"],
    ["lv", "veikali", "lv-hours"],
    ["en", "refunds", "en-returns"],
    ["en", "delivered", "en-delivery"],
    ["en", "stores", "en-hours"],
  ])("%s: %s finds %s", (language, query, expected) => {
    expect(topId(query, { ...articlesOnly, language })).toBe(expected);
  });

  it("matches the form the article uses, not only the one the query uses", () => {
    // The article says "посылка"/"посылку", the query "посылкой": both meet in the stem.
    const [hit] = index.search("посылкой", { ...articlesOnly, language: "ru" });
    expect(hit?.id).toBe("ru-delivery");
    expect(hit?.matchedTerms).toEqual(["посылк"]);
  });

  it("finds a language's articles even when a one-word query's language cannot be detected", () => {
    // "zwrotu" alone looks Latvian to the detector; a weak guess must not hide the Polish article.
    expect(topId("zwrotu", { ...articlesOnly, sameLanguageOnly: true })).toBe("pl-returns");
  });
});

describe("KnowledgeIndex: title boost", () => {
  const docs: SearchDocument[] = [
    {
      id: "body-mention",
      kind: "article",
      language: "en",
      title: "Store opening hours",
      body: "Stores are open daily. Gift cards are sold at every checkout.",
    },
    {
      id: "title-mention",
      kind: "article",
      language: "en",
      title: "Gift cards",
      body: "Buy them at any checkout; they are valid for one year from purchase.",
    },
    {
      id: "ru-body",
      kind: "article",
      language: "ru",
      title: "Часы работы",
      body: "Магазины открыты ежедневно. Подарочные карты продаются на кассе.",
    },
    {
      id: "ru-title",
      kind: "article",
      language: "ru",
      title: "Подарочные карты",
      body: "Купить их можно на любой кассе, действуют они год.",
    },
  ];
  const boosted = new KnowledgeIndex(docs);

  it("ranks the article with the words in its title above one that mentions them in passing", () => {
    const en = boosted.search("gift card", { language: "en" });
    expect(en.map((h) => h.id)).toEqual(["title-mention", "body-mention"]);
    expect(en[0]!.score).toBeGreaterThan(en[1]!.score);
    const ru = boosted.search("подарочную карту", { language: "ru", sameLanguageOnly: true });
    expect(ru.map((h) => h.id)).toEqual(["ru-title", "ru-body"]);
  });
});

describe("KnowledgeIndex: confidence", () => {
  it.each([
    ["ru", "Здравствуйте! Когда придёт моя посылка?", "ru-delivery"],
    ["pl", "Dzień dobry, kiedy dotrze moja paczka?", "pl-delivery"],
    ["lv", "Labdien! Kad pienāks mans sūtījums?", "lv-delivery"],
    ["en", "Hi, when will my parcel arrive?", "en-delivery"],
    ["ru", "Как вернуть товар?", "ru-returns"],
    ["pl", "Jak zrobić zwrot towaru?", "pl-returns"],
    ["lv", "Kā atgriezt preci?", "lv-returns"],
    ["en", "How do I return an item?", "en-returns"],
  ])("is high for a paraphrase (%s: %s)", (language, query, expected) => {
    const [hit] = index.search(query, { ...articlesOnly, language, sameLanguageOnly: true });
    expect(hit?.id).toBe(expected);
    expect(hit!.confidence).toBeGreaterThanOrEqual(0.75);
  });

  it.each([
    ["ru", "Вы ремонтируете велосипеды, купленные в ваших магазинах?"],
    ["pl", "Czy naprawiacie rowery kupione w waszych sklepach?"],
    ["lv", "Vai jūs remontējat velosipēdus, kas pirkti jūsu veikalos?"],
    ["en", "Do you repair bicycles bought in your stores?"],
  ])("is low for an unrelated question that shares a word with an article (%s)", (language, query) => {
    const hits = index.search(query, { ...articlesOnly, language, sameLanguageOnly: true });
    // "stores" matches the opening-hours article, but most of the question is about something else.
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.confidence).toBeLessThan(0.5);
  });

  it("is nothing at all for a question no article shares a word with", () => {
    expect(index.search("Do you sell bicycles?", { language: "en" })).toEqual([]);
  });

  it("is capped by the margin when two documents answer equally well", () => {
    const twins = new KnowledgeIndex([
      { id: "a", kind: "article", language: "en", title: "Gift cards", body: "Valid for a year." },
      { id: "b", kind: "article", language: "en", title: "Gift cards", body: "Valid for a year." },
      { id: "c", kind: "article", language: "en", title: "Opening hours", body: "Daily from nine." },
    ]);
    const hits = twins.search("gift cards", { language: "en" });
    expect(hits).toHaveLength(2);
    // Both cover the query fully; neither wins, so neither is confident enough for the bot.
    expect(hits.map((h) => h.coverage)).toEqual([1, 1]);
    expect(hits[0]!.confidence).toBeCloseTo(MARGIN_FLOOR, 5);
    expect(hits[1]!.confidence).toBeCloseTo(MARGIN_FLOOR, 5);
  });

  it("stays between 0 and 1 and is comparable across queries of different lengths", () => {
    const short = index.search("refund", { language: "en", ...articlesOnly })[0]!;
    const long = index.search("How long until the refund for my returned item reaches my card?", {
      language: "en",
      ...articlesOnly,
    })[0]!;
    expect(short.id).toBe("en-returns");
    expect(long.id).toBe("en-returns");
    // BM25 grows with the query; confidence does not, so both are high.
    expect(long.score).toBeGreaterThan(short.score);
    for (const hit of [short, long]) {
      expect(hit.confidence).toBeGreaterThanOrEqual(0.75);
      expect(hit.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe("KnowledgeIndex: options", () => {
  it("keeps only the query's language with sameLanguageOnly, detecting it when not given", () => {
    const mixed = new KnowledgeIndex([
      { id: "en", kind: "article", language: "en", title: "Parcel tracking", body: "Track your parcel." },
      {
        id: "pl",
        kind: "article",
        language: "pl",
        title: "Śledzenie paczki",
        body: "Parcel tracking po polsku.",
      },
    ]);
    expect(mixed.search("parcel tracking").map((h) => h.id)).toContain("pl");
    expect(
      mixed.search("Where can I see my parcel tracking?", { sameLanguageOnly: true }).map((h) => h.id),
    ).toEqual(["en"]);
  });

  it("filters by kind and limits the number of hits", () => {
    const canned = index.search("посылка задерживается", { language: "ru", kinds: ["canned"] });
    expect(canned.length).toBeGreaterThan(0);
    expect(canned.every((h) => h.kind === "canned")).toBe(true);
    expect(canned[0]!.id).toBe("canned-ru-delivery-late");
    expect(index.search("посылка", { language: "ru", limit: 1 })).toHaveLength(1);
  });

  it("does not match the words of {{variables}} in canned replies", () => {
    expect(index.search("customer first name", { language: "en" })).toEqual([]);
  });

  it("counts a document given twice once, as last given, and ignores empty queries", () => {
    const edited = new KnowledgeIndex([
      { id: "x", kind: "article", language: "en", title: "Old title", body: "Old text." },
      { id: "x", kind: "article", language: "en", title: "Gift cards", body: "Valid for a year." },
    ]);
    expect(edited.size).toBe(1);
    expect(edited.search("old")).toEqual([]);
    expect(edited.search("gift")[0]?.id).toBe("x");
    expect(edited.search("   ")).toEqual([]);
    expect(index.size).toBe(SAMPLE_ARTICLES.length + SAMPLE_CANNED.length);
  });
});
