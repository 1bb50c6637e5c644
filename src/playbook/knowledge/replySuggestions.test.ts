import { describe, expect, it } from "vitest";
import { SAMPLE_ARTICLES, SAMPLE_CANNED, type SampleDocument } from "./fixtures/sampleKnowledgeBase.ts";
import { KnowledgeIndex } from "./knowledgeIndex.ts";
import { type SuggestionContext, suggestReplies } from "./replySuggestions.ts";

const all = [...SAMPLE_ARTICLES, ...SAMPLE_CANNED];
const index = new KnowledgeIndex(all);
const docsById = byId(all);

function byId(docs: readonly SampleDocument[]) {
  return new Map(docs.map((d) => [d.id, { title: d.title, categoryKey: d.categoryKey, usage: d.usage }]));
}

function context(overrides: Partial<SuggestionContext>): SuggestionContext {
  return { draft: "", customerMessage: "", visibility: "private", categoryKey: null, ...overrides };
}

describe("suggestReplies", () => {
  it.each([
    ["ru", "Когда придёт моя посылка?", "ru-delivery"],
    ["pl", "Kiedy dotrze moja paczka?", "pl-delivery"],
    ["lv", "Kad pienāks mans sūtījums?", "lv-delivery"],
    ["en", "When will my parcel arrive?", "en-delivery"],
  ])("offers the article answering the customer's message (%s)", (language, customerMessage, expected) => {
    const suggestions = suggestReplies(index, docsById, context({ customerMessage, language }));
    expect(suggestions[0]?.id).toBe(expected);
    expect(suggestions[0]?.title).toBe(docsById.get(expected)?.title);
    expect(suggestions[0]?.reason).toContain("customer's message");
  });

  it("lets a draft of three or more words lead over the message, but not a greeting", () => {
    const customerMessage = "When will my parcel arrive?";
    const greeting = suggestReplies(
      index,
      docsById,
      context({ customerMessage, draft: "Hi Anna", language: "en" }),
    );
    expect(greeting[0]?.id).toBe("en-delivery");
    const drafted = suggestReplies(
      index,
      docsById,
      context({ customerMessage, draft: "Your refund reaches the card", language: "en" }),
    );
    expect(drafted[0]?.id).toBe("canned-en-refund-status");
    expect(drafted[0]?.reason).toContain("draft");
  });

  it("prefers the conversation's category among equally good matches", () => {
    const docs: SampleDocument[] = [
      {
        id: "a-returns",
        kind: "canned",
        language: "pl",
        categoryKey: "returns",
        title: "Paczka",
        body: "Paczka.",
      },
      {
        id: "b-delivery",
        kind: "canned",
        language: "pl",
        categoryKey: "delivery",
        title: "Paczka",
        body: "Paczka.",
      },
    ];
    const small = new KnowledgeIndex(docs);
    const message = { customerMessage: "Gdzie jest moja paczka?", language: "pl" };
    const delivery = suggestReplies(small, byId(docs), context({ ...message, categoryKey: "delivery" }));
    expect(delivery.map((s) => s.id)).toEqual(["b-delivery", "a-returns"]);
    expect(delivery[0]?.reason).toContain("same category");
    const returns = suggestReplies(small, byId(docs), context({ ...message, categoryKey: "returns" }));
    expect(returns.map((s) => s.id)).toEqual(["a-returns", "b-delivery"]);
  });

  it("prefers the customer's language when both languages match", () => {
    const docs: SampleDocument[] = [
      {
        id: "en-iphone",
        kind: "article",
        language: "en",
        categoryKey: null,
        title: "iPhone",
        body: "Warranty.",
      },
      {
        id: "lv-iphone",
        kind: "article",
        language: "lv",
        categoryKey: null,
        title: "iPhone",
        body: "Garantija.",
      },
    ];
    const small = new KnowledgeIndex(docs);
    const lv = suggestReplies(small, byId(docs), context({ customerMessage: "iPhone 15?", language: "lv" }));
    expect(lv.map((s) => s.id)).toEqual(["lv-iphone", "en-iphone"]);
    expect(lv[1]?.reason).toContain("not the customer's lv");
    const en = suggestReplies(small, byId(docs), context({ customerMessage: "iPhone 15?", language: "en" }));
    expect(en[0]?.id).toBe("en-iphone");
  });

  it("flags a private-only canned reply offered in a public thread, and only there", () => {
    const customerMessage = "Где моя посылка? Уже неделю жду доставку";
    const publicThread = suggestReplies(
      index,
      docsById,
      context({ customerMessage, language: "ru", visibility: "public", categoryKey: "delivery" }),
    );
    const askOrder = publicThread.find((s) => s.id === "canned-ru-ask-order");
    expect(askOrder?.usageMismatch).toBe(true);
    expect(askOrder?.reason).toContain("private messages");
    expect(publicThread.filter((s) => s.usageMismatch).map((s) => s.id)).toEqual(["canned-ru-ask-order"]);
    const privateThread = suggestReplies(
      index,
      docsById,
      context({ customerMessage, language: "ru", visibility: "private", categoryKey: "delivery" }),
    );
    expect(privateThread.find((s) => s.id === "canned-ru-ask-order")?.usageMismatch).toBe(false);
    // Ranked lower in public than in private.
    const rank = (list: typeof publicThread) => list.findIndex((s) => s.id === "canned-ru-ask-order");
    expect(rank(publicThread)).toBeGreaterThanOrEqual(rank(privateThread));
  });

  it("offers only documents the caller still has, at most `limit`, and nothing for empty input", () => {
    const withoutDelivery = new Map(docsById);
    withoutDelivery.delete("en-delivery");
    const suggestions = suggestReplies(
      index,
      withoutDelivery,
      context({ customerMessage: "When will my parcel arrive?", language: "en" }),
      2,
    );
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(2);
    expect(suggestions.map((s) => s.id)).not.toContain("en-delivery");
    expect(suggestReplies(index, docsById, context({ customerMessage: "  ", draft: "" }))).toEqual([]);
  });
});
