import { describe, expect, it } from "vitest";
import type { ListeningLanguage } from "../listeningTypes.ts";
import { labelOf, lexiconSentiment, NEUTRAL_BAND } from "./lexiconSentiment.ts";

const label = (text: string, language: ListeningLanguage) => lexiconSentiment(text, language).label;
const score = (text: string, language: ListeningLanguage) => lexiconSentiment(text, language).score;

describe("sentiment in Russian", () => {
  it("labels praise, complaints and plain questions", () => {
    expect(label("Спасибо, курьер приехал раньше, всё отлично 👍", "ru")).toBe("positive");
    expect(label("Курьер не приехал, весь день просидела дома 😡", "ru")).toBe("negative");
    expect(label("Подскажите, можно ли изменить адрес доставки?", "ru")).toBe("neutral");
  });
  it("matches inflected forms through stems", () => {
    expect(label("коробка пришла помятая, телевизор разбитый", "ru")).toBe("negative");
    expect(label("консультант был очень вежливым", "ru")).toBe("positive");
  });
  it("flips or dampens negated words", () => {
    expect(label("не доволен", "ru")).toBe("negative");
    expect(label("не плохо", "ru")).toBe("positive");
    expect(score("не плохо", "ru")).toBeLessThan(score("хорошо", "ru"));
    expect(label("недоволен обслуживанием", "ru")).toBe("negative");
    expect(label("никому не советую этот магазин", "ru")).toBe("negative");
    // Negating what a shop is expected to do is a complaint.
    expect(label("заказ так и не пришёл, на звонки не отвечают", "ru")).toBe("negative");
  });
  it("boosts with intensifiers and softens with diminishers", () => {
    expect(score("очень плохо", "ru")).toBeLessThan(score("плохо", "ru"));
    expect(score("немного плохо", "ru")).toBeGreaterThan(score("плохо", "ru"));
    expect(score("очень хорошо", "ru")).toBeGreaterThan(score("хорошо", "ru"));
  });
  it("reads Russian smileys and typed in Latin letters", () => {
    expect(label("оперативно ответили)))", "ru")).toBe("positive");
    expect(label("заказ пришёл без зарядки(((", "ru")).toBe("negative");
    expect(label("spasibo, vse otlichno", "ru")).toBe("positive");
  });
  it("lets what follows 'но' win", () => {
    expect(label("Очень долго ждала ответа, но в итоге всё решили, спасибо", "ru")).toBe("positive");
    expect(label("Магазин хороший, но курьеры вечно опаздывают и хамят", "ru")).toBe("negative");
  });
});

describe("sentiment in Polish", () => {
  it("labels praise, complaints and plain questions", () => {
    expect(label("Kurier był przed czasem, dzięki 👍", "pl")).toBe("positive");
    expect(label("Paczka przyszła zgnieciona, mikrofalówka uszkodzona", "pl")).toBe("negative");
    expect(label("Czy mogę zmienić adres dostawy?", "pl")).toBe("neutral");
  });
  it("handles negation, including words negated by their prefix", () => {
    expect(label("nie polecam", "pl")).toBe("negative");
    expect(score("nie polecam", "pl")).toBeLessThan(-score("polecam", "pl") * 0.9);
    expect(label("jestem niezadowolony z obsługi", "pl")).toBe("negative");
    expect(label("aplikacja nie działa od wczoraj", "pl")).toBe("negative");
    expect(label("bez problemu, wszystko dotarło", "pl")).toBe("positive");
  });
  it("boosts with intensifiers", () => {
    expect(score("bardzo słaba obsługa", "pl")).toBeLessThan(score("słaba obsługa", "pl"));
    expect(score("bardzo miła obsługa", "pl")).toBeGreaterThan(score("miła obsługa", "pl"));
  });
  it("does not take the greeting 'dzień dobry' for praise", () => {
    expect(label("Dzień dobry, kiedy będzie kurier?", "pl")).toBe("neutral");
  });
});

describe("sentiment in Latvian", () => {
  it("labels praise, complaints and plain questions", () => {
    expect(label("Kurjers atbrauca agrāk nekā solīts, paldies 👍", "lv")).toBe("positive");
    expect(label("kaste atnāca saspiesta, televizors bojāts", "lv")).toBe("negative");
    expect(label("Vai var mainīt piegādes adresi?", "lv")).toBe("neutral");
  });
  it("handles 'nav' and the ne- prefix", () => {
    expect(label("nav slikti", "lv")).toBe("positive");
    expect(label("mājaslapa nestrādā", "lv")).toBe("negative");
    expect(label("kurjers neatbrauca", "lv")).toBe("negative");
    expect(label("neesmu apmierināts ar servisu", "lv")).toBe("negative");
    expect(label("neiesaku", "lv")).toBe("negative");
  });
  it("boosts with intensifiers", () => {
    expect(score("ļoti slikti", "lv")).toBeLessThan(score("slikti", "lv"));
    expect(score("ļoti ērti", "lv")).toBeGreaterThan(score("ērti", "lv"));
  });
});

describe("sentiment in English", () => {
  it("labels praise, complaints and plain questions", () => {
    expect(label("Courier came early, thanks 👍", "en")).toBe("positive");
    expect(label("box arrived crushed and the microwave has a dent in it", "en")).toBe("negative");
    expect(label("Can I change the delivery address?", "en")).toBe("neutral");
  });
  it("handles negation of praise, of complaints and of what a shop should do", () => {
    expect(label("not bad", "en")).toBe("positive");
    expect(label("not good", "en")).toBe("negative");
    expect(label("would not recommend", "en")).toBe("negative");
    expect(label("still no refund after two weeks", "en")).toBe("negative");
    expect(label("the app doesn't work", "en")).toBe("negative");
    expect(label("I don't like the new app", "en")).toBe("negative");
  });
  it("reads requests as neutral, unlike AFINN", () => {
    expect(label("please help me change my order", "en")).toBe("neutral");
  });
  it("boosts with intensifiers, CAPS and exclamation marks, and softens with diminishers", () => {
    expect(score("very bad", "en")).toBeLessThan(score("bad", "en"));
    expect(score("slightly bad", "en")).toBeGreaterThan(score("bad", "en"));
    expect(score("this is BAD", "en")).toBeLessThan(score("this is bad", "en"));
    expect(score("great service!!!", "en")).toBeGreaterThan(score("great service", "en"));
    expect(score("not very good", "en")).toBeGreaterThan(score("not good", "en"));
  });
  it("treats impatient question marks as a complaint", () => {
    expect(label("where is my order???", "en")).toBe("negative");
    expect(label("where is my order?", "en")).toBe("neutral");
  });
});

describe("emoji, thresholds and robustness", () => {
  it("scores emoji alone, and repeats count less than new ones", () => {
    expect(label("😡", "ru")).toBe("negative");
    expect(label("👍", "pl")).toBe("positive");
    expect(label("❤️", "lv")).toBe("positive");
    expect(label("🙁", "en")).toBe("negative");
    expect(score("😡😡😡", "en")).toBeLessThan(score("😡", "en"));
    expect(score("😡😡😡", "en")).toBeGreaterThan(3 * score("😡", "en"));
  });
  it("labels by the documented neutral band", () => {
    expect(labelOf(NEUTRAL_BAND)).toBe("positive");
    expect(labelOf(-NEUTRAL_BAND)).toBe("negative");
    expect(labelOf(NEUTRAL_BAND - 0.01)).toBe("neutral");
    expect(labelOf(0)).toBe("neutral");
  });
  it("keeps neutral texts neutral", () => {
    for (const [text, language] of [
      ["Заказ 4581-2290, когда будет курьер?", "ru"],
      ["Ile trwa zwrot pieniędzy na kartę?", "pl"],
      ["Kad prece būs saņemšanas punktā?", "lv"],
      ["Nordmart is opening a store in Leeds", "en"],
    ] as const) {
      const result = lexiconSentiment(text, language);
      expect(result.label, text).toBe("neutral");
      expect(Math.abs(result.score)).toBeLessThan(1);
    }
  });
  it("never throws on empty, binary-ish, mixed-script or huge input", () => {
    expect(lexiconSentiment("", "ru")).toEqual({ label: "neutral", score: 0 });
    expect(lexiconSentiment(null as unknown as string, "en")).toEqual({ label: "neutral", score: 0 });
    expect(lexiconSentiment("\u0000\u0001\uD800\uFFFF)))(((::", "pl").label).toBeDefined();
    expect(label("Nordmart ужасно, terrible, fatalnie, šausmīgi", "ru")).toBe("negative");
    const huge = "Отлично, спасибо! ".repeat(6000);
    expect(huge.length).toBeGreaterThan(100_000);
    const started = performance.now();
    const result = lexiconSentiment(huge, "ru");
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.label).toBe("positive");
    expect(result.score).toBeLessThanOrEqual(1);
  });
  it("is fast enough for a stream of short texts", () => {
    const texts = ["Курьер не приехал 😡", "nie polecam", "paldies, viss lieliski", "not bad at all!!!"];
    const languages: ListeningLanguage[] = ["ru", "pl", "lv", "en"];
    for (let i = 0; i < 400; i++) lexiconSentiment(texts[i % 4]!, languages[i % 4]!);
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) lexiconSentiment(texts[i % 4]!, languages[i % 4]!);
    // 20,000 texts a second is the target; the bound leaves room for a slow, shared CI machine.
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
