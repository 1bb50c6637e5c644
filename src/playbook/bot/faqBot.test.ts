import { describe, expect, it } from "vitest";
import { analyzeSentiment } from "../../listening/sentiment/analyzeSentiment.ts";
import {
  SAMPLE_ARTICLES,
  SAMPLE_CANNED,
  type SampleDocument,
} from "../knowledge/fixtures/sampleKnowledgeBase.ts";
import { KnowledgeIndex } from "../knowledge/knowledgeIndex.ts";
import {
  type BotDecision,
  type BotFacts,
  type BotSettings,
  decideBotAnswer,
  shouldSampleForReview,
} from "./faqBot.ts";

const index = new KnowledgeIndex([...SAMPLE_ARTICLES, ...SAMPLE_CANNED]);
const articles = articleMap(SAMPLE_ARTICLES);
const on: BotSettings = { enabled: true, minConfidence: 0.75, answerPublic: false };

function articleMap(docs: readonly SampleDocument[]) {
  return new Map(docs.map((d) => [d.id, { title: d.title, body: d.body, language: d.language }]));
}

function facts(text: string, language: string, overrides: Partial<BotFacts> = {}): BotFacts {
  return {
    text,
    language,
    sentiment: "neutral",
    visibility: "private",
    categoryKey: null,
    isComplaint: false,
    alreadyHandedOver: false,
    ...overrides,
  };
}

function handover(decision: BotDecision) {
  if (decision.kind !== "handover") throw new Error(`expected a handover, got ${JSON.stringify(decision)}`);
  return decision;
}

/** A phrase of each language's closing and handover message, to check the language without copying them. */
const CLOSING = {
  ru: "подключится наш сотрудник",
  pl: "ktoś z naszego zespołu",
  lv: "kāds no mūsu komandas",
  en: "a colleague will take over",
};
const HANDOVER = {
  ru: "подключится наш сотрудник",
  pl: "dołączy do rozmowy",
  lv: "pievienosies kāds no mūsu komandas",
  en: "A person from our team will join",
};

const DELIVERY_QUESTIONS = [
  ["ru", "Здравствуйте! Когда придёт моя посылка?", "ru-delivery"],
  ["pl", "Dzień dobry, kiedy dotrze moja paczka?", "pl-delivery"],
  ["lv", "Labdien, kad pienāks mans sūtījums?", "lv-delivery"],
  ["en", "Hi, when will my parcel arrive?", "en-delivery"],
] as const;

describe("decideBotAnswer: answering", () => {
  it.each(DELIVERY_QUESTIONS)("answers a simple delivery question (%s)", (language, text, articleId) => {
    const decision = decideBotAnswer(index, articles, facts(text, language), on);
    expect(decision.kind).toBe("answer");
    if (decision.kind !== "answer") return;
    expect(decision.articleId).toBe(articleId);
    expect(decision.confidence).toBeGreaterThanOrEqual(on.minConfidence);
    expect(decision.text.startsWith(articles.get(articleId)!.body)).toBe(true);
    expect(decision.text).toContain(CLOSING[language]);
  });

  it("answers a question without a question mark", () => {
    const decision = decideBotAnswer(index, articles, facts("Labdien kā atgriezt preci", "lv"), on);
    expect(decision).toMatchObject({ kind: "answer", articleId: "lv-returns" });
  });

  it("answers exactly from minConfidence up", () => {
    const text = "How long until the refund for my returned item reaches my card?";
    const confidence = index.search(text, { language: "en", kinds: ["article"], sameLanguageOnly: true })[0]!
      .confidence;
    expect(confidence).toBeLessThan(0.99);
    const at = decideBotAnswer(index, articles, facts(text, "en"), { ...on, minConfidence: confidence });
    expect(at).toMatchObject({ kind: "answer", articleId: "en-returns" });
    const above = decideBotAnswer(index, articles, facts(text, "en"), {
      ...on,
      minConfidence: confidence + 0.01,
    });
    expect(handover(above).reason).toBe("low_confidence");
  });

  it("answers a calm public question only when answerPublic is on", () => {
    const question = facts("When will my parcel arrive?", "en", { visibility: "public" });
    expect(decideBotAnswer(index, articles, question, on)).toEqual({ kind: "skip", reason: "disabled" });
    expect(decideBotAnswer(index, articles, question, { ...on, answerPublic: true })).toMatchObject({
      kind: "answer",
      articleId: "en-delivery",
    });
  });
});

describe("decideBotAnswer: handing over", () => {
  it.each([
    ["ru", "Вы ремонтируете велосипеды, купленные в ваших магазинах?"],
    ["pl", "Czy naprawiacie rowery kupione w waszych sklepach?"],
    ["lv", "Vai jūs remontējat velosipēdus, kas pirkti jūsu veikalos?"],
    ["en", "Do you repair bicycles bought in your stores?"],
  ] as const)(
    "hands over on low confidence with the message in the customer's language (%s)",
    (language, text) => {
      const decision = handover(decideBotAnswer(index, articles, facts(text, language), on));
      expect(decision.reason).toBe("low_confidence");
      expect(decision.message).toContain(HANDOVER[language]);
      // The weak match is passed on for the agent, and it is below the threshold.
      expect(decision.candidates[0]?.articleId).toBe(`${language}-hours`);
      expect(decision.candidates[0]!.confidence).toBeLessThan(on.minConfidence);
    },
  );

  it("never answers a complaint, even one the knowledge base matches perfectly", () => {
    for (const [language, text, articleId] of DELIVERY_QUESTIONS) {
      const privately = handover(
        decideBotAnswer(index, articles, facts(text, language, { isComplaint: true }), on),
      );
      expect(privately.reason).toBe("complaint");
      expect(privately.message).toContain(HANDOVER[language]);
      expect(privately.candidates[0]?.articleId).toBe(articleId);
      const publicly = handover(
        decideBotAnswer(index, articles, facts(text, language, { isComplaint: true, visibility: "public" }), {
          ...on,
          answerPublic: true,
        }),
      );
      expect(publicly.reason).toBe("complaint");
      expect(publicly.message).toBeNull();
    }
  });

  it.each([
    ["ru", "Когда придёт моя посылка?! Ужасный сервис, больше никогда не закажу"],
    ["pl", "Kiedy dotrze moja paczka?! Fatalna obsługa, nigdy więcej"],
    ["lv", "Kad pienāks mans sūtījums?! Šausmīgs serviss, nekad vairs"],
    ["en", "When will my parcel arrive?! Terrible service, never again"],
  ] as const)("never answers a negative public comment, and says nothing there (%s)", (language, text) => {
    const sentiment = analyzeSentiment(text, language).label;
    expect(sentiment).toBe("negative");
    const decision = handover(
      decideBotAnswer(index, articles, facts(text, language, { sentiment, visibility: "public" }), {
        ...on,
        answerPublic: true,
      }),
    );
    expect(decision.reason).toBe("negative_public");
    expect(decision.message).toBeNull();
  });

  it("stays silent once a person has the conversation, whatever the question", () => {
    for (const [language, text] of DELIVERY_QUESTIONS) {
      const decision = handover(
        decideBotAnswer(index, articles, facts(text, language, { alreadyHandedOver: true }), on),
      );
      expect(decision.reason).toBe("already_handed_over");
      expect(decision.message).toBeNull();
    }
  });

  it("hands over when the customer's language has no article, in their language", () => {
    const withoutLatvian = articleMap(SAMPLE_ARTICLES.filter((a) => a.language !== "lv"));
    const decision = handover(
      decideBotAnswer(index, withoutLatvian, facts("Kad pienāks mans sūtījums?", "lv"), on),
    );
    expect(decision.reason).toBe("no_article_in_language");
    expect(decision.message).toContain(HANDOVER.lv);
    const german = handover(decideBotAnswer(index, articles, facts("Wann kommt mein Paket?", "de"), on));
    expect(german.reason).toBe("no_article_in_language");
    expect(german.message).toContain(HANDOVER.en);
  });

  it("hands over rather than answer in another language when only that language's article fits", () => {
    // Told the customer writes Latvian, but the words only match the English article.
    const decision = handover(
      decideBotAnswer(index, articles, facts("When will my parcel arrive?", "lv"), on),
    );
    expect(decision.reason).toBe("no_article_in_language");
    expect(decision.candidates.every((c) => c.articleId.startsWith("lv-"))).toBe(true);
  });
});

describe("decideBotAnswer: skipping", () => {
  it("does nothing when disabled, for empty text or for a message that asks nothing", () => {
    const question = facts("Kiedy dotrze moja paczka?", "pl");
    expect(decideBotAnswer(index, articles, question, { ...on, enabled: false })).toEqual({
      kind: "skip",
      reason: "disabled",
    });
    expect(decideBotAnswer(index, articles, facts("   ", "pl"), on)).toEqual({
      kind: "skip",
      reason: "empty",
    });
    expect(decideBotAnswer(index, articles, facts("👍🙏", "pl"), on)).toEqual({
      kind: "skip",
      reason: "empty",
    });
    for (const [language, text] of [
      ["ru", "Спасибо, посылку получил!"],
      ["pl", "Dzięki, paczka dotarła."],
      ["lv", "Paldies, sūtījumu saņēmu."],
      ["en", "Thanks, the parcel arrived."],
    ] as const) {
      expect(decideBotAnswer(index, articles, facts(text, language), on)).toEqual({
        kind: "skip",
        reason: "not_a_question",
      });
    }
  });
});

describe("shouldSampleForReview", () => {
  const ids = Array.from({ length: 1000 }, (_, i) => `answer-${i}`);

  it("gives every worker the same verdict for an id", () => {
    const first = ids.map((id) => shouldSampleForReview(id, 0.1));
    const second = ids.map((id) => shouldSampleForReview(id, 0.1));
    expect(second).toEqual(first);
  });

  it.each([0.05, 0.1, 0.25, 0.5])("samples close to the rate over 1000 ids (%s)", (rate) => {
    const sampled = ids.filter((id) => shouldSampleForReview(id, rate)).length;
    // Binomial standard deviation is at most ~16 for 1000 draws; four of them is a generous band.
    const sd = Math.sqrt(1000 * rate * (1 - rate));
    expect(Math.abs(sampled - 1000 * rate)).toBeLessThan(4 * sd);
  });

  it("keeps an id sampled when the rate goes up, and handles the edges", () => {
    for (const id of ids.filter((x) => shouldSampleForReview(x, 0.1)))
      expect(shouldSampleForReview(id, 0.3)).toBe(true);
    expect(ids.some((id) => shouldSampleForReview(id, 0))).toBe(false);
    expect(ids.every((id) => shouldSampleForReview(id, 1))).toBe(true);
    expect(shouldSampleForReview("answer-1", Number.NaN)).toBe(false);
  });
});
