import { describe, expect, it } from "vitest";
import { findSpamSignals, SPAM_THRESHOLD, spamScore } from "./spamLinks.ts";

function kinds(text: string, options?: Parameters<typeof findSpamSignals>[1]): string[] {
  return findSpamSignals(text, options).map((s) => `${s.kind}: ${s.detail}`);
}

function isSpam(text: string, options?: Parameters<typeof findSpamSignals>[1]): boolean {
  return spamScore(findSpamSignals(text, options)) >= SPAM_THRESHOLD;
}

describe("spam signals", () => {
  it("flags a shortener as a link and a shortener, which together are spam", () => {
    expect(kinds("Check this https://bit.ly/3xYz!")).toEqual(["link: bit.ly/3xYz", "shortener: bit.ly/3xYz"]);
    expect(isSpam("Check this https://bit.ly/3xYz!")).toBe(true);
  });

  it.each([
    "t.me/joinchat/AAAA",
    "t.me/+AbCdEf",
    "https://wa.me/37120000000",
    "chat.whatsapp.com/AbCd",
    "https://api.whatsapp.com/send?phone=48600000000",
    "discord.gg/xyz",
  ])("flags an invitation into a chat: %s", (link) => {
    expect(findSpamSignals(`Join us ${link}`).map((s) => s.kind)).toEqual(["link", "invite_link"]);
    expect(isSpam(`Join us ${link}`)).toBe(true);
  });

  it.each([
    ["ru", "Заработок от 5000 руб в день, подробности на example.com"],
    ["pl", "Zarobek 300 zł dziennie, szczegóły: example dot com"],
    ["lv", "Peļņa 100 eur dienā — raksti example.lv/x"],
    ["en", "Earn money from home: $500 a day at example.net"],
  ])("calls money bait beside a link spam (%s)", (_language, text) => {
    expect(findSpamSignals(text).map((s) => s.kind)).toContain("money_bait");
    expect(isSpam(text)).toBe(true);
  });

  it("calls several kinds of bait spam even without a link", () => {
    expect(isSpam("Заработок без вложений, пиши в личку")).toBe(true);
    expect(isSpam("Заработок? А у вас вакансии есть?")).toBe(false);
  });

  it("ignores the brand's own domains and their subdomains, however they were typed", () => {
    const options = { allowedDomains: ["https://www.Nordmart.lv/lv/"] };
    expect(kinds("Sale: https://shop.nordmart.lv/x and nordmart.lv/sale", options)).toEqual([]);
    expect(kinds("nordmart.lv.evil.example.com", options)).toEqual(["link: nordmart.lv.evil.example.com"]);
  });

  it("notices the same text posted again, whatever the case, punctuation or link", () => {
    const recent = ["Лучшие цены тут: bit.ly/a !!!", "другое"];
    expect(kinds("лучшие цены тут bit.ly/b", { recentTextsBySameAuthor: recent })).toContain(
      "repeated: posted before by the same author",
    );
    expect(
      kinds("Где мой заказ? Уже неделю жду", {
        recentTextsBySameAuthor: ["где мой заказ уже неделю жду", "Где мой заказ?? Уже неделю жду!!"],
      }),
    ).toEqual(["repeated: posted 2 times before by the same author"]);
  });

  it("does not call a customer repeating a complaint spam, nor a lone link", () => {
    const recent = ["Где мой заказ? Уже неделю жду"];
    expect(isSpam("Где мой заказ? Уже неделю жду", { recentTextsBySameAuthor: recent })).toBe(false);
    expect(isSpam("Here is the article: https://news.example.com/story")).toBe(false);
    expect(isSpam("Спасибо!", { recentTextsBySameAuthor: ["Спасибо!"] })).toBe(false);
  });

  it("calls a disguised link with bait spam, and a disguised link alone only suspicious", () => {
    expect(spamScore(findSpamSignals("example dot com"))).toBe(0.6);
    expect(isSpam("Легкие деньги: example dot com")).toBe(true);
  });

  it("scores from 0 to 1", () => {
    expect(spamScore([])).toBe(0);
    expect(spamScore(findSpamSignals("Заработок без вложений! t.me/joinchat/x bit.ly/y"))).toBe(1);
  });

  it("finds nothing in an ordinary comment or in no text", () => {
    expect(kinds("Когда будет доставка? Жду с понедельника")).toEqual([]);
    expect(kinds("")).toEqual([]);
  });
});
