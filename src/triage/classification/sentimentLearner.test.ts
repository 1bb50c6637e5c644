import { describe, expect, it } from "vitest";
import { analyzeSentiment } from "../../listening/sentiment/analyzeSentiment.ts";
import type { SentimentPrediction } from "../../listening/sentiment/sentimentProvider.ts";
import { adaptSentiment } from "./adaptedSentiment.ts";
import { type SentimentExample, SentimentLearner } from "./sentimentLearner.ts";

const lostParcel = (n: number): SentimentExample[] =>
  Array.from({ length: n }, (_, i) => ({
    text: ["kur ir mana paka", "Kur ir mana paka?", "kur mana paka!!"][i % 3]!,
    label: "negative",
    language: "lv",
  }));

const neutralProvider: SentimentPrediction = {
  label: "neutral",
  score: 0,
  probabilities: { negative: 0.2, neutral: 0.6, positive: 0.2 },
};

describe("SentimentLearner", () => {
  it("has no opinion before three corrections to a label", () => {
    const learner = new SentimentLearner(lostParcel(2));
    expect(learner.exampleCount).toBe(2);
    expect(learner.opinion("kur ir mana paka", "lv")).toBeNull();
  });

  it("after three corrections holds an opinion on the same phrase, and none on unrelated text", () => {
    const learner = new SentimentLearner(lostParcel(3));
    const opinion = learner.opinion("Sveiki, kur ir mana paka?", "lv");
    expect(opinion).not.toBeNull();
    expect(opinion!.shares.negative).toBeGreaterThan(0.5);
    expect(opinion!.shares.neutral).toBe(0);
    expect(opinion!.shares.negative + opinion!.none).toBeCloseTo(1, 10);
    expect(learner.opinion("Paldies par ātro piegādi", "lv")).toBeNull();
  });

  it("grows surer with more corrections", () => {
    const three = new SentimentLearner(lostParcel(3)).opinion("kur ir mana paka", "lv")!;
    const ten = new SentimentLearner(lostParcel(10)).opinion("kur ir mana paka", "lv")!;
    expect(ten.shares.negative).toBeGreaterThan(three.shares.negative);
  });

  it("does not let one shared word sway a long text unlike the corrections", () => {
    const learner = new SentimentLearner(lostParcel(3));
    expect(
      learner.opinion(
        "Paldies, paka atnāca laikā, kurjers bija laipns un viss iepakojums bija vesels un skaists",
        "lv",
      ),
    ).toBeNull();
  });

  it("is not swayed by the brand's name or a word only one correction held", () => {
    const learner = new SentimentLearner([
      { text: "Nordmart, kur ir mana paka?", label: "negative", language: "lv" },
      { text: "Nordmart kurjers atkal kavējas", label: "negative", language: "lv" },
      { text: "Nordmart neatbild uz zvaniem", label: "negative", language: "lv" },
    ]);
    expect(learner.opinion("Nordmart atver jaunu veikalu", "lv")).toBeNull();
    expect(learner.opinion("kurjers atbrauca", "lv")).toBeNull();
  });

  it("learns a workspace's jargon: a word agents keep marking negative", () => {
    const learner = new SentimentLearner(
      ["опять ремкомплект", "ремкомплект, третий раз", "снова ремкомплект прислали"].map((text) => ({
        text,
        label: "negative" as const,
        language: "ru" as const,
      })),
    );
    const opinion = learner.opinion("У меня ремкомплект", "ru");
    expect(opinion?.shares.negative).toBeGreaterThan(0.5);
  });

  it("weighs labels against each other when agents corrected similar texts both ways", () => {
    const learner = new SentimentLearner([
      ...lostParcel(3),
      ...Array.from({ length: 6 }, () => ({
        text: "mana paka ir klāt",
        label: "positive" as const,
        language: "lv" as const,
      })),
    ]);
    const opinion = learner.opinion("mana paka ir klāt", "lv")!;
    expect(opinion.shares.positive).toBeGreaterThan(opinion.shares.negative);
  });
});

describe("adaptSentiment", () => {
  it("leaves the provider's judgement untouched without an opinion", () => {
    expect(adaptSentiment(neutralProvider, null)).toEqual({ ...neutralProvider, adapted: false });
  });

  it("lets a confident opinion override the provider's label, with probabilities that still sum to one", () => {
    const learner = new SentimentLearner(lostParcel(3));
    const adapted = adaptSentiment(neutralProvider, learner.opinion("kur ir mana paka", "lv"));
    expect(adapted.label).toBe("negative");
    expect(adapted.adapted).toBe(true);
    expect(adapted.score).toBeLessThan(0);
    const { negative, neutral, positive } = adapted.probabilities;
    expect(negative + neutral + positive).toBeCloseTo(1, 10);
    expect(negative).toBeGreaterThan(neutral);
  });

  it("turns the built-in model's neutral reading of a workspace's jargon negative after three corrections", () => {
    // In this workspace a parcel locker's code E17 means a lost parcel; the model cannot know that.
    const jargon = ["pakomāts rāda kodu E17", "Pakomāts rāda kodu E17.", "mans pakomāts rāda kodu E17"];
    const corrections: SentimentExample[] = jargon.map((text) => ({
      text,
      label: "negative",
      language: "lv",
    }));
    const base = analyzeSentiment("Sveiki, pakomāts rāda kodu E17", "lv");
    expect(base.label).toBe("neutral");
    const untaught = adaptSentiment(
      base,
      new SentimentLearner().opinion("Sveiki, pakomāts rāda kodu E17", "lv"),
    );
    expect(untaught.label).toBe("neutral");
    const taught = adaptSentiment(
      base,
      new SentimentLearner(corrections).opinion("Sveiki, pakomāts rāda kodu E17", "lv"),
    );
    expect(taught.label).toBe("negative");
  });

  it("keeps the provider's label when the opinion agrees with it", () => {
    const learner = new SentimentLearner(lostParcel(3));
    const provider: SentimentPrediction = {
      label: "negative",
      score: -0.7,
      probabilities: { negative: 0.8, neutral: 0.15, positive: 0.05 },
    };
    const adapted = adaptSentiment(provider, learner.opinion("kur ir mana paka", "lv"));
    expect(adapted).toMatchObject({ label: "negative", score: -0.7, adapted: false });
    expect(adapted.probabilities.negative).toBeGreaterThan(0.8);
  });

  it("copes with degenerate provider probabilities", () => {
    const learner = new SentimentLearner(lostParcel(3));
    const provider: SentimentPrediction = {
      label: "neutral",
      score: 0,
      probabilities: { negative: 0, neutral: 0, positive: 0 },
    };
    const adapted = adaptSentiment(provider, learner.opinion("kur ir mana paka", "lv"));
    expect(adapted.label).toBe("negative");
    expect(Number.isFinite(adapted.score)).toBe(true);
  });
});
