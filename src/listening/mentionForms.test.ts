/**
 * The forms people really write a brand in, and the words that only look like it, through the real variant
 * generator and matcher. Texts are written for these tests in the four listening languages.
 */
import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language/detectLanguage.ts";
import type { TopicQuery } from "./listeningTypes.ts";
import { compileQueries } from "./queryCompiler.ts";
import { generateVariants } from "./variants/index.ts";

function topic(query: string, extra: Partial<TopicQuery> = {}) {
  return compileQueries([{ id: "t", topicId: "t", query, ...extra }], (term, options) =>
    generateVariants(term, options),
  );
}

/** Which of the texts the topic finds, and which it does not. */
function judge(query: string, texts: string[], extra: Partial<TopicQuery> = {}) {
  const matcher = topic(query, extra);
  // As the listening worker does: the text's language decides which endings a stem may take.
  const found = texts.filter(
    (text) => matcher.match({ text, language: detectLanguage(text).language }).length > 0,
  );
  return { found, missed: texts.filter((text) => !found.includes(text)) };
}

const expectFinds = (query: string, texts: string[], extra?: Partial<TopicQuery>) =>
  expect(judge(query, texts, extra).missed).toEqual([]);
const expectIgnores = (query: string, texts: string[], extra?: Partial<TopicQuery>) =>
  expect(judge(query, texts, extra).found).toEqual([]);

describe("look-alike letters from the other alphabet", () => {
  it("finds a Cyrillic brand written with Latin о, е, а, с, р inside", () => {
    expectFinds("Сбер", ["Сбeр опять завис", "в Cбере очередь", "перевёл через Сбeр"]);
    expectFinds("Пятёрочка", ["в Пятёpoчке нет молока", "Пятерочкa у дома"]);
    // Cyrillic М and С around a Latin T; Cyrillic М, Т before a Latin C.
    expectFinds("МТС", ["\u041CT\u0421 не ловит в метро", "ну и связь у \u041C\u0422C"]);
  });

  it("finds a Latin brand written with Cyrillic look-alikes inside", () => {
    expectFinds("Ozon", ["zamówiłem na Оzon i czekam", "Ozоn delivery was late"]);
    expectFinds("Rimi", ["Rіmі veikalā nav maizes", "paldies Rimі par atlaidi"]);
    expectFinds("Nordmart", ["Nordmаrt, where is my order?"]);
  });
});

describe("brand names split by a space or a hyphen", () => {
  it("finds 'MegaMarket' written as two words", () => {
    expectFinds("MegaMarket", [
      "Mega Market finally opened near us",
      "заказ в mega-market пришёл быстро",
      "w Mega Markecie kolejki",
      "#MegaMarket",
    ]);
  });

  it("finds a one-case brand split where a reader would split it", () => {
    expectFinds("Сбербанк", ["Сбер банк опять списал комиссию", "сбер-банк не отвечает"]);
    expectFinds("Technodom", ["techno dom ir lētāks", "Techno-Dom sale"]);
  });

  it("finds a two-word name run together", () => {
    expectFinds('"Nord Pay"', ["nordpay nie działa", "NordPay again"]);
  });

  it("does not split into two everyday words that mean something else", () => {
    expectIgnores("Office", ["we did off ice training today"]);
  });
});

describe("abbreviations spelt as they are spoken", () => {
  it("finds МТС as эм-тэ-эс", () => {
    expectFinds("МТС", ["эм-тэ-эс опять подняли тариф", "звонил в эмтээс", "эм тэ эс", "эм-те-эс связь"]);
  });

  it("finds BMW as би-эм-ви and бэ-эм-вэ, and PKO as pe-ka-o", () => {
    expectFinds("BMW", ["купил би-эм-ви", "бэ-эм-вэ лучше", "бмв в кредит"]);
    expectFinds("PKO", ["pe-ka-o znowu nie działa", "konto w pekao"]);
  });

  it("spells only abbreviations, not words in capitals", () => {
    const spoken = generateVariants("NORDMART").filter((v) => v.kind === "spoken");
    expect(spoken).toEqual([]);
  });
});

describe("slang diminutives of the brand", () => {
  it("finds Сбер as Сберушка and Ozon as Озончик, in their cases", () => {
    expectFinds("Сбер", ["сберушка опять всё заблокировал", "перевёл через Сберушку"]);
    expectFinds("Ozon", ["заказал на озончике", "Озончик привёз"]);
    expectFinds("Озон", ["озончик не подвёл"]);
  });

  it("finds the brand's possessive adjective", () => {
    expectFinds("Озон", ["озоновская доставка опять опоздала"]);
    expectFinds("TechnoDom", ["Технодомовская доставка лучше"]);
  });
});

describe("short brands and words one edit away", () => {
  it("gives no misspellings to 3–5-letter brands", () => {
    for (const brand of ["МТС", "Сбер", "Ozon", "Rimi", "Lidl", "Żabka", "Orlen", "Mango"])
      expect(
        generateVariants(brand).filter((v) => v.kind === "misspelling"),
        brand,
      ).toEqual([]);
  });

  it("does not find short brands in words one letter away", () => {
    expectIgnores("Ozon", ["the ozone layer", "Zoon Politikon", "oxon and ozor"]);
    expectIgnores("Żabka", ["żaba siedzi w stawie", "zabawka dla dziecka"]);
    expectIgnores("Rimi", ["rimt un rīmes", "Romi un Rima"]);
    expectIgnores("Сбер", ["сбор урожая", "свер в кармане"]);
  });

  it("never makes a misspelling that is a common word", () => {
    const typos = (term: string) =>
      generateVariants(term)
        .filter((v) => v.kind === "misspelling")
        .map((v) => v.text);
    // Each is one dropped letter away, which the generator otherwise makes: "Answear" (a fashion shop)
    // is not "answer", "Rossmann" is not "Roman", "Philips" is not "Philip".
    expect(typos("Answear")).not.toContain("answer");
    expect(typos("Answear")).toContain("answar");
    expect(typos("Rossmann")).not.toContain("roman");
    expect(typos("Philips")).not.toContain("philip");
    expect(typos("Nordmart")).toContain("nordmat");
  });
});

describe("a brand stem inside a longer unrelated word", () => {
  it("finds Ozon's cases but not ozonowanie or ozonowy", () => {
    expectFinds("Ozon", ["zamówienie z Ozonu", "kupiłem na Ozonie", "Ozonem szybciej"]);
    expectIgnores("Ozon", ["ozonowanie klimatyzacji", "generator ozonowy", "ozonator"]);
  });

  it("tells a brand from a word that folds to the same letters but carries other diacritics", () => {
    // "ząbka", "ząbki" (a tooth) fold to "zabka" like "Żabka"; written plainly, "zabka" is still the brand.
    expectIgnores("Żabka", ["nie zauważyła zepsutego ząbka", "dbać o ząbki synka", "pracy prof. Ząbka"]);
    expectFinds("Żabka", ["kupiłem w Żabce", "zabka obok domu", "Żabka znowu podniosła ceny", "#żabka"]);
  });

  it("does not match a stem that is a word of its own without an ending", () => {
    // "Maxima" (a Latvian chain) stems to "maxim", "Volta" to "volt": both words in their own right.
    expectIgnores("Maxima", ["a maxim of the trade", "Maxim called"]);
    expectFinds("Maxima", ["Maximā nav piena", "w Maximie", "Maximas akcija"]);
    expectIgnores("Volta", ["the battery gives 9 volt"]);
    expectFinds("Volta", ["Voltas veikals", "w Volcie"]);
  });

  it("finds Мир's cases but not мировой or мирный", () => {
    expectFinds("Мир", ["оплатил картой Мир", "карты мира не работают", "с Миром проблемы"]);
    expectIgnores("Мир", ["мировой рекорд", "мирный житель", "мировоззрение"]);
  });

  it("keeps the cases of ordinary words and of stems the stemmer cut short", () => {
    expectFinds("доставка", ["доставкой недоволен", "нет доставки", "о доставках"]);
    expectIgnores("доставка", ["доставщик опоздал"]);
    expectFinds("Технодом", ["в Технодоме", "Технодома нет", "с Технодомом"]);
    expectFinds("zamówienie", ["zamówienia brak", "z zamówieniem"]);
    expectFinds("Nordmart", ["w Nordmarcie", "Nordmartā", "Nordmartu", "нордмартом"]);
  });
});

describe("aliases: parent companies and products of a topic", () => {
  it("finds the topic by an alias, with the alias's own variants", () => {
    const extra = { aliases: ["Nordmart Group", "NordPay", "бэха"] };
    expectFinds(
      "Nordmart",
      [
        "Nordmart Group annual report",
        "płacę przez NordPay",
        "zapłaciłem NordPayem",
        "продал бэху",
        "на бэхе",
      ],
      extra,
    );
    expectIgnores("Nordmart", ["Nord Group", "payment"], extra);
  });

  it("applies the query's exclusions to the aliases too", () => {
    expectIgnores("Nordmart -вакансия", ["Nord Holding: вакансия кассира"], { aliases: ["Nord Holding"] });
    expectFinds("Nordmart -вакансия", ["Nord Holding: отчёт за год"], { aliases: ["Nord Holding"] });
  });
});
