import { describe, expect, it } from "vitest";
import type { ListeningLanguage } from "../../listening/listeningTypes.ts";
import { CategoryClassifier, type TrainingExample } from "./categoryClassifier.ts";
import { SEED_CATEGORIES } from "./seedCategories.ts";

function seeded(examples: readonly TrainingExample[] = []): CategoryClassifier {
  return new CategoryClassifier(SEED_CATEGORIES, examples);
}

function corrections(categoryKey: string, texts: readonly string[]): TrainingExample[] {
  return texts.map((text) => ({ text, categoryKey }));
}

describe("CategoryClassifier: seeded keyword rules", () => {
  const classifier = seeded();

  it.each([
    // Russian
    ["Где моя посылка? Курьер не приехал", "delivery"],
    ["Хочу вернуть товар, не подошёл размер", "returns"],
    ["Списали деньги дважды, оплата не прошла", "payment"],
    ["Сколько бонусов у меня на карте?", "bonus"],
    ["Есть ли эта куртка в наличии в синем цвете?", "product_question"],
    ["Спасибо, всё супер!", "praise"],
    ["Зарабатывай от 5000 в день без вложений, переходи по ссылке http://x.ru", "spam"],
    // Polish
    ["Gdzie jest moja paczka? Kurier nie przyjechał", "delivery"],
    ["Chcę zwrócić buty, jak wymienić rozmiar?", "returns"],
    ["Płatność BLIK nie przeszła", "payment"],
    ["Ile mam punktów bonusowych?", "bonus"],
    ["Czy ta kurtka jest dostępna w kolorze czarnym?", "product_question"],
    ["Obsługa fatalna, nigdy więcej!", "complaint"],
    ["Dziękuję, wszystko super!", "praise"],
    ["Zarabiaj 5000 zł dziennie, kliknij link http://x.pl", "spam"],
    // Latvian
    ["Kur ir mana paka?", "delivery"],
    ["Vēlos atgriezt kurpes, izmērs neder", "returns"],
    ["Nauda norakstīta divreiz, maksājums neizdevās", "payment"],
    ["Cik bonusa punktu man ir?", "bonus"],
    ["Vai šī jaka ir pieejama melnā krāsā?", "product_question"],
    ["Šausmīgs serviss, nekad vairs!", "complaint"],
    ["Paldies, viss lieliski!", "praise"],
    ["Nopelni 500 eiro dienā bez ieguldījumiem! http://x.lv", "spam"],
    // English
    ["Where is my parcel? The courier never came", "delivery"],
    ["I want a refund, the shoes are too small", "returns"],
    ["I was charged twice for my order", "payment"],
    ["How many bonus points do I have?", "bonus"],
    ["Is this jacket in stock in size M?", "product_question"],
    ["Worst service ever, absolutely terrible", "complaint"],
    ["Thanks, you are awesome!", "praise"],
    ["Earn $500 a day from home, click here: http://bit.ly/easy-cash", "spam"],
  ])("%s → %s", (text, expected) => {
    const result = classifier.classify(text);
    expect(result).toMatchObject({ categoryKey: expected, source: "rule" });
    expect(result!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it.each([
    ["Посылку так и не получила", "ru"],
    ["Nie dostałem jeszcze paczki", "pl"],
    ["Coś jest nie tak w paczce", "pl"],
    ["Piegādi vēl neesmu saņēmusi", "lv"],
    ["Deliveries are always late", "en"],
  ] as const)("finds the inflected form in %s (%s)", (text, language) => {
    expect(classifier.classify(text, language)?.categoryKey).toBe("delivery");
  });

  it("grows confidence with distinct keywords, from 0.6 for one to at most 0.9", () => {
    const one = classifier.classify("Доставка?")!;
    const three = classifier.classify("Где моя посылка? Курьер не приехал")!;
    const many = classifier.classify(
      "Где посылка, курьер опоздал, трек не отслеживается, пункт выдачи закрыт, самовывоз невозможен",
    )!;
    expect(one.confidence).toBeCloseTo(0.6, 5);
    expect(three.confidence).toBeGreaterThan(one.confidence);
    expect(many.confidence).toBeGreaterThan(three.confidence);
    expect(many.confidence).toBeCloseTo(0.9, 5);
  });

  it("counts a repeated keyword once", () => {
    expect(classifier.classify("посылка посылка посылка")!.confidence).toBeCloseTo(
      classifier.classify("посылка")!.confidence,
      10,
    );
  });

  it("splits confidence when two categories have equal evidence and picks the one listed first", () => {
    const result = classifier.classify("Где мой бонус за доставку?")!;
    expect(result.categoryKey).toBe("delivery");
    expect(result.scores.bonus).toBeCloseTo(result.scores.delivery!, 10);
    expect(result.confidence).toBeLessThan(0.5);
    const total = Object.values(result.scores).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(1);
  });

  it("searches the keywords of the language it is told", () => {
    expect(classifier.classify("Kur ir mana paka?", "lv")?.categoryKey).toBe("delivery");
    // "paka" is a Latvian keyword, not an English one.
    expect(classifier.classify("Kur ir mana paka?", "en")).toBeNull();
  });

  it("returns null when there is nothing to go on, never 'other' from rules", () => {
    for (const text of ["", "   ", "😀🎉👍", "12345 !!!", "Hello there", "@someone"])
      expect(classifier.classify(text)).toBeNull();
  });

  it("reports every category in scores, zero for those without evidence", () => {
    const result = classifier.classify("Kur ir mana paka?")!;
    expect(Object.keys(result.scores)).toEqual(SEED_CATEGORIES.map((c) => c.key));
    expect(result.scores.payment).toBe(0);
    expect(result.scores.delivery).toBe(result.confidence);
  });

  it("rejects duplicate category keys", () => {
    expect(
      () =>
        new CategoryClassifier([
          { key: "a", keywords: {} },
          { key: "a", keywords: {} },
        ]),
    ).toThrow(/unique/);
  });
});

describe("CategoryClassifier.isComplaint", () => {
  const classifier = seeded();

  it("flags a complaint filed under its topic", () => {
    const text = "Курьер опять опоздал, безобразие!";
    const result = classifier.classify(text)!;
    expect(result.categoryKey).toBe("delivery");
    expect(result.scores.complaint).toBeGreaterThan(0);
    expect(classifier.isComplaint(text)).toBe(true);
    expect(classifier.isComplaint("Kurier znowu się spóźnił, skandal!", "pl")).toBe(true);
  });

  it("does not flag plain questions, praise or empty text", () => {
    expect(classifier.isComplaint("Где моя посылка?")).toBe(false);
    expect(classifier.isComplaint("Paldies, viss lieliski!")).toBe(false);
    expect(classifier.isComplaint("")).toBe(false);
  });

  it("puts negated praise under complaint", () => {
    expect(classifier.classify("Мне не понравилось", "ru")?.categoryKey).toBe("complaint");
    expect(classifier.classify("I am not happy with this", "en")?.categoryKey).toBe("complaint");
  });
});

describe("CategoryClassifier: learning from agents' corrections", () => {
  const cases: [ListeningLanguage, string, string, string[]][] = [
    [
      "ru",
      "Где мой бонус за доставку?",
      "bonus",
      ["Где мой бонус за доставку?", "Не начислили бонус за доставку", "Обещали бонус за доставку, где он?"],
    ],
    [
      "pl",
      "Kurier przywiózł zły rozmiar",
      "returns",
      [
        "Kurier przywiózł zły rozmiar butów",
        "Kurier przywiózł zły rozmiar kurtki",
        "Przywieziono zły rozmiar, kurier już pojechał",
      ],
    ],
    [
      "lv",
      "Kurjers atveda nepareizu izmēru",
      "returns",
      [
        "Kurjers atveda nepareizu izmēru kurpēm",
        "Kurjers atveda nepareizu izmēru jakai",
        "Atveda nepareizu izmēru, kurjers jau aizbrauca",
      ],
    ],
    [
      "en",
      "The courier brought the wrong colour",
      "returns",
      [
        "Courier brought the wrong colour of my shoes",
        "The courier brought a wrong colour jacket",
        "Wrong colour brought by the courier again",
      ],
    ],
  ];

  it.each(cases)("[%s] moves %s from delivery to %s after three corrections", (_, text, target, examples) => {
    const classifier = seeded();
    expect(classifier.classify(text)?.categoryKey).toBe("delivery");
    for (const example of corrections(target, examples)) classifier.learn(example);
    expect(classifier.classify(text)).toMatchObject({ categoryKey: target, source: "model" });
  });

  it("leaves the rules in charge until a category has three examples", () => {
    const classifier = seeded();
    const [, text, target, examples] = cases[0]!;
    for (const example of corrections(target, examples.slice(0, 2))) classifier.learn(example);
    expect(classifier.classify(text)?.categoryKey).toBe("delivery");
  });

  it("keeps clear keyword texts where the rules put them", () => {
    const classifier = seeded(corrections(cases[0]![2], cases[0]![3]));
    expect(classifier.classify("Где моя посылка? Курьер не приехал")).toMatchObject({
      categoryKey: "delivery",
      source: "rule",
    });
  });

  it("learns a category without keywords, so 'other' can come from the model", () => {
    const classifier = seeded();
    expect(classifier.classify("Вы работаете в воскресенье?")).toBeNull();
    const examples = corrections("other", [
      "Вы работаете в выходные?",
      "Работаете ли вы в праздники?",
      "Во сколько вы работаете в субботу?",
    ]);
    for (const example of examples) classifier.learn(example);
    expect(classifier.classify("Вы работаете в воскресенье?")).toMatchObject({
      categoryKey: "other",
      source: "model",
    });
  });

  it("learns the same from constructor examples as from learn(), and ignores unknown categories", () => {
    const examples = corrections(cases[1]![2], cases[1]![3]);
    const upfront = seeded([...examples, { text: "Kurier przywiózł zły rozmiar", categoryKey: "gone" }]);
    const incremental = seeded();
    for (const example of examples) incremental.learn(example);
    expect(upfront.toJSON()).toEqual(incremental.toJSON());
    expect(upfront.classify(cases[1]![1])).toEqual(incremental.classify(cases[1]![1]));
  });
});

describe("CategoryClassifier: persistence", () => {
  const trained = seeded([
    ...corrections("bonus", [
      "Где мой бонус за доставку?",
      "Не начислили бонус за доставку",
      "Обещали бонус за доставку, где он?",
    ]),
    ...corrections("spam", [
      "Check my profile http://spam.example",
      "Check my profile, guys",
      "Check my profile",
    ]),
  ]);
  const probes = [
    "Где мой бонус за доставку?",
    "check my profile",
    "Kur ir mana paka?",
    "Chcę zwrócić buty, jak wymienić rozmiar?",
    "I was charged twice for my order",
    "",
  ];

  it("round-trips through JSON with identical results", () => {
    const restored = CategoryClassifier.fromJSON(SEED_CATEGORIES, JSON.parse(JSON.stringify(trained)));
    expect(restored.toJSON()).toEqual(trained.toJSON());
    for (const text of probes) expect(restored.classify(text)).toEqual(trained.classify(text));
    expect(restored.classify("check my profile")?.categoryKey).toBe("spam");
  });

  it("keeps learning after a restore exactly as the original would", () => {
    const original = seeded(
      corrections("bonus", ["Где мой бонус за доставку?", "Не начислили бонус за доставку"]),
    );
    const restored = CategoryClassifier.fromJSON(SEED_CATEGORIES, original.toJSON());
    const third = { text: "Обещали бонус за доставку, где он?", categoryKey: "bonus" };
    original.learn(third);
    restored.learn(third);
    expect(restored.classify("Где мой бонус за доставку?")).toEqual(
      original.classify("Где мой бонус за доставку?"),
    );
    expect(restored.classify("Где мой бонус за доставку?")?.categoryKey).toBe("bonus");
  });

  it("matches saved counts to categories by key when the list has changed", () => {
    const reordered = [...SEED_CATEGORIES].reverse().filter((c) => c.key !== "spam");
    const restored = CategoryClassifier.fromJSON(reordered, trained.toJSON());
    expect(restored.classify("Где мой бонус за доставку?")?.categoryKey).toBe("bonus");
    expect(restored.toJSON().categories).not.toContain("spam");
    expect(restored.classify("check my profile")).toBeNull();
  });

  it("stores counts only, and rejects what is not a saved model", () => {
    expect(JSON.stringify(trained.toJSON())).not.toContain("Обещали");
    expect(() => CategoryClassifier.fromJSON(SEED_CATEGORIES, { version: 2 })).toThrow(TypeError);
    expect(() => CategoryClassifier.fromJSON(SEED_CATEGORIES, null)).toThrow(TypeError);
    expect(() =>
      CategoryClassifier.fromJSON(SEED_CATEGORIES, {
        version: 1,
        categories: ["delivery"],
        examples: [1],
        features: [["x", [1, 2]]],
      }),
    ).toThrow(TypeError);
  });
});
