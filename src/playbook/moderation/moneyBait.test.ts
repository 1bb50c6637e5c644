import { describe, expect, it } from "vitest";
import { findMoneyBait } from "./moneyBait.ts";

const excerpts = (text: string) => findMoneyBait(text).map((b) => b.excerpt);

describe("money bait", () => {
  it.each([
    ["Заработок без вложений!", ["Заработок", "без вложений"]],
    ["Доход от 5 000 руб в день", ["Доход от 5 000", "5 000 руб в день"]],
    ["Szybki zarobek: 300 zł dziennie", ["zarobek", "300 zł dziennie"]],
    ["Pasywny dochód bez wkładu", ["Pasywny dochód", "bez wkładu"]],
    ["Ātra peļņa — 100 eur dienā", ["peļņa", "100 eur dienā"]],
    ["Viegla nauda, nopelni tagad", ["nopelni", "Viegla nauda"]],
    ["Make money online, $500 a day", ["Make money", "500 a day"]],
    ["Work from home and get PASSIVE income", ["PASSIVE income", "Work from home"]],
  ])("finds it in %j", (text, expected) => {
    expect(excerpts(text).sort()).toEqual([...expected].sort());
  });

  it.each([
    "Приложение снова заработало, спасибо",
    "Можно оплатить криптой или bitcoin?",
    "Принимать 2 раза в день",
    "Czy mogę zapłacić kryptowalutą?",
    "Cik maksā piegāde?",
    "Do you accept crypto?",
  ])("leaves %j alone", (text) => {
    expect(excerpts(text)).toEqual([]);
  });
});
