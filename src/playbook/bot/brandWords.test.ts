import { describe, expect, it } from "vitest";
import { SAMPLE_ARTICLES } from "../knowledge/fixtures/sampleKnowledgeBase.ts";
import { KnowledgeIndex } from "../knowledge/knowledgeIndex.ts";
import { withoutBrandName } from "./brandWords.ts";
import { decideBotAnswer } from "./faqBot.ts";

describe("the brand's name in a customer's question", () => {
  it("is looked past in the spellings people use, and nothing else is", () => {
    const squeeze = (text: string) => withoutBrandName(text, "Nordmart").replace(/\s+/g, " ").trim();
    expect(squeeze("Nordmart, можно оплатить при получении?")).toBe(", можно оплатить при получении?");
    expect(squeeze("В Нордмарте можно оплатить картой? #nordmart @Nordmart")).toBe(
      "В можно оплатить картой?",
    );
    expect(squeeze("тщквьфке где заказ")).toBe("где заказ");
    expect(squeeze("Nordmart's courier")).toBe("courier");
    expect(squeeze("the normal market")).toBe("the normal market");
    expect(withoutBrandName("Nordmart?", "")).toBe("Nordmart?");
  });

  it("no longer keeps the FAQ bot from answering a question that names the shop", () => {
    const articles = SAMPLE_ARTICLES.filter((a) => a.kind === "article");
    const index = new KnowledgeIndex(articles);
    const byId = new Map(articles.map((a) => [a.id, { title: a.title, body: a.body, language: a.language }]));
    const decide = (text: string) =>
      decideBotAnswer(
        index,
        byId,
        {
          text,
          language: "lv",
          sentiment: "neutral",
          visibility: "private",
          categoryKey: "returns",
          isComplaint: false,
          alreadyHandedOver: false,
        },
        { enabled: true, minConfidence: 0.75, answerPublic: false },
      );
    const question = "Cik dienu laikā var atgriezt preci? (Nordmart)";
    expect(decide(question).kind).toBe("handover");
    expect(decide(withoutBrandName(question, "Nordmart"))).toMatchObject({
      kind: "answer",
      articleId: "lv-returns",
    });
  });
});
