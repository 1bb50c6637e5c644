import { describe, expect, it } from "vitest";
import { findPersonalData } from "./personalData.ts";
import { privateReplyAdvice } from "./personalDataAdvice.ts";

/** What a reply leaks, as [kind, excerpt] pairs in reading order. */
function leaks(text: string, options?: Parameters<typeof findPersonalData>[1]): [string, string][] {
  return findPersonalData(text, options).map((f) => [f.kind, f.excerpt]);
}

describe("personal data in a Russian reply", () => {
  it.each([
    ["Позвоните: +7 (495) 123-45-67", "phone", "+7 (495) 123-45-67"],
    ["Ваш номер 8 916 123 45 67, верно?", "phone", "8 916 123 45 67"],
    ["Набрали 8(812)555-12-34 — не ответили", "phone", "8(812)555-12-34"],
    ["мобильный 89161234567", "phone", "89161234567"],
    ["Напишите на ivan.petrov@mail.ru", "email", "ivan.petrov@mail.ru"],
    ["Проверили заказ №12345, он в пути", "order", "заказ №12345"],
    ["По заказу 4581-2290 оформлен возврат", "order", "заказу 4581-2290"],
    ["Возврат по 4581-2290 оформлен", "order", "4581-2290"],
    ["Курьер приедет на ул. Ленина, д. 5, кв. 12 завтра", "address", "ул. Ленина, д. 5, кв. 12"],
    ["Доставим на улица Садовая 10 к вечеру", "address", "улица Садовая 10"],
    ["Паспорт 4508 123456 указан в заказе", "passport", "4508 123456"],
    ["Карта 4111 1111 1111 1111 заблокирована", "card", "4111 1111 1111 1111"],
    ["Номер для связи: 123-45-67", "phone", "123-45-67"],
  ])("finds it in %j", (text, kind, excerpt) => {
    expect(leaks(text)).toEqual([[kind, excerpt]]);
  });

  it.each([
    "Телевизор стоит 1 299 ₽, со скидкой 15% — 1 104 ₽",
    "Доставим 12.03.2024 с 10:00 до 18:00",
    "Цена от 2000-3000 руб., в наличии 25 шт.",
    "Звоните на горячую линию 8-800-555-35-35, это бесплатно",
    "Спасибо, что написали! Уже разбираемся 🙏",
    "Скидки 2019-2024 годов не суммируются",
    "Оборот 20 000 000 руб. за 2024 год",
  ])("raises no alarm on %j", (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });
});

describe("personal data in a Polish reply", () => {
  it.each([
    ["Zadzwoń: 601 234 567", "phone", "601 234 567"],
    ["Numer +48 22 123 45 67 jest nieaktywny", "phone", "+48 22 123 45 67"],
    ["oddzwonimy na 601-234-567", "phone", "601-234-567"],
    ["kontakt 0048 601 234 567", "phone", "0048 601 234 567"],
    ["zamówienie 12345 jest w drodze", "order", "zamówienie 12345"],
    ["Zamówienie nr 98765 wysłane", "order", "Zamówienie nr 98765"],
    ["Kurier jedzie na ul. Marszałkowska 10/12 m. 5", "address", "ul. Marszałkowska 10/12 m. 5"],
    ["PESEL 44051401359 jest w formularzu", "personal_code", "44051401359"],
    ["Zwrot na konto 61 1090 1014 0000 0712 1981 2874", "iban", "61 1090 1014 0000 0712 1981 2874"],
    ["IBAN PL61109010140000071219812874", "iban", "PL61109010140000071219812874"],
    ["dowód osobisty ABA300000", "passport", "ABA300000"],
  ])("finds it in %j", (text, kind, excerpt) => {
    expect(leaks(text)).toEqual([[kind, excerpt]]);
  });

  it.each([
    "Cena: 1 299 zł, rabat 20%",
    "Dostawa 12-03-2024 między 9:00 a 17:00",
    "Infolinia 800 123 456 jest bezpłatna",
    "Dziękujemy za wiadomość, sprawdzamy!",
    "Zamówienie dotrze w 2 dni robocze",
  ])("raises no alarm on %j", (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });
});

describe("personal data in a Latvian reply", () => {
  it.each([
    ["Zvaniet 2612 3456", "phone", "2612 3456"],
    ["Tālrunis +371 26123456 nav pieejams", "phone", "+371 26123456"],
    ["Biroja numurs 67 123 456", "phone", "67 123 456"],
    ["mob. 26123456", "phone", "26123456"],
    ["pasūtījums 12345 ir ceļā", "order", "pasūtījums 12345"],
    ["Pasūtījums nr. 55512 atcelts", "order", "Pasūtījums nr. 55512"],
    ["Kurjers brauks uz Brīvības iela 55-12", "address", "Brīvības iela 55-12"],
    ["Krišjāņa Barona ielā 3 ir veikals", "address", "Krišjāņa Barona ielā 3"],
    ["Personas kods 161175-19997 ir redzams", "personal_code", "161175-19997"],
    ["Konts LV80BANK0000435195001", "iban", "LV80BANK0000435195001"],
    ["Konts LV80 BANK 0000 4351 9500 1", "iban", "LV80 BANK 0000 4351 9500 1"],
  ])("finds it in %j", (text, kind, excerpt) => {
    expect(leaks(text)).toEqual([[kind, excerpt]]);
  });

  it.each([
    "Cena €49.99, atlaide 10%",
    "Piegāde 2024-03-12 no 10:00 līdz 18:00",
    "Paldies, ka uzrakstījāt! 😊",
    "Konts LV80BANK0000435195002 (nepareiza kontrolsumma) netiek atzīmēts",
    "Atlaide 2000-3000 eiro pirkumiem",
  ])("raises no alarm on %j", (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });
});

describe("personal data in an English reply", () => {
  it.each([
    ["Call (555) 123-4567 anytime", "phone", "(555) 123-4567"],
    ["We tried +44 20 7946 0958 twice", "phone", "+44 20 7946 0958"],
    ["Your number 020 7946 0958 is on file", "phone", "020 7946 0958"],
    ["US line +1 415 555 2671", "phone", "+1 415 555 2671"],
    ["mobile 07700 900123", "phone", "07700 900123"],
    ["We emailed jane.doe+shop@example.co.uk", "email", "jane.doe+shop@example.co.uk"],
    ["order #12345 has shipped", "order", "order #12345"],
    ["Order number 778899 is delayed", "order", "Order number 778899"],
    ["Your NM-2211 return is approved", "order", "NM-2211"],
    ["Delivery to 221B Baker Street today", "address", "221B Baker Street"],
    ["Card 5555 5555 5555 4444 was declined", "card", "5555 5555 5555 4444"],
    ["Amex 3782 822463 10005 ends in 0005", "card", "3782 822463 10005"],
    ["passport number 123456789 is attached", "passport", "123456789"],
  ])("finds it in %j", (text, kind, excerpt) => {
    expect(leaks(text)).toEqual([[kind, excerpt]]);
  });

  it.each([
    "It costs €49.99, or $1,299.00 with the 25% bundle",
    "Delivery on 03/12/2024 between 9:30 and 17:00",
    "Card 4111 1111 1111 1112 fails the Luhn check, so no alarm",
    "Call our free line 1-800-555-0199",
    "Thanks so much for your patience, we're on it!",
    "We have 3 stores and 12 500 products",
  ])("raises no alarm on %j", (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });
});

describe("findPersonalData", () => {
  it("gives offsets that point at the excerpt, in reading order", () => {
    const text = "Иван, 🙂 ваш телефон +7 916 123-45-67 и почта ivan@mail.ru, заказ №55555.";
    const findings = findPersonalData(text);
    expect(findings.map((f) => f.kind)).toEqual(["phone", "email", "order"]);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.excerpt);
    expect(findings[0]!.start).toBe(text.indexOf("+7"));
  });

  it("keeps one finding per span, the one with the strongest evidence", () => {
    // 11 digits that pass the PESEL check and could be read as a phone: the check digit wins.
    expect(leaks("44051401359")).toEqual([["personal_code", "44051401359"]]);
    // A card number is not also reported as a phone or an order.
    expect(leaks("4111-1111-1111-1111")).toEqual([["card", "4111-1111-1111-1111"]]);
  });

  it("reads a number after the word for an order as the order's number, not as a phone it looks like", () => {
    expect(leaks("Pasūtījums 6120-3384 vēl nav atnācis")).toEqual([["order", "Pasūtījums 6120-3384"]]);
    expect(leaks("my order 22345678 is late")).toEqual([["order", "order 22345678"]]);
    expect(leaks("zamówienie 601234567")).toEqual([["order", "zamówienie 601234567"]]);
    expect(leaks("Zamówienie nr 512 345 678")).toEqual([["order", "Zamówienie nr 512 345 678"]]);
    expect(leaks("номер заказа 9161234567")).toEqual([["order", "номер заказа 9161234567"]]);
    expect(leaks("заказ № 123456789")).toEqual([["order", "заказ № 123456789"]]);
    // A phone stays a phone: written as one, or named as one after the order.
    expect(leaks("order 6120-3384, call me on 26123456")).toEqual([
      ["order", "order 6120-3384"],
      ["phone", "26123456"],
    ]);
    expect(leaks("заказ +7 916 123-45-67")).toEqual([["phone", "+7 916 123-45-67"]]);
  });

  it("uses the workspace's order patterns instead of the defaults", () => {
    const options = { orderPatterns: [/\bSO\d{6}\b/] };
    expect(leaks("Заказ SO123456 и 4581-2290", options)).toEqual([["order", "SO123456"]]);
  });

  it("lets the brand's own contacts through", () => {
    const options = { allowed: ["support@nordmart.lv", "+371 6712 3456"] };
    expect(leaks("Rakstiet support@nordmart.lv vai zvaniet 6712 3456", options)).toEqual([]);
    expect(leaks("Rakstiet Support@Nordmart.lv vai jana@inbox.lv", options)).toEqual([
      ["email", "jana@inbox.lv"],
    ]);
  });

  it("survives empty, emoji-only, mixed-script and 100 KB replies", () => {
    expect(findPersonalData("")).toEqual([]);
    expect(findPersonalData("🙏🙏🙏 👍🏽")).toEqual([]);
    expect(leaks("Hi Анна! Zadzwoń 601 234 567 😊 или +7 916 123 45 67")).toEqual([
      ["phone", "601 234 567"],
      ["phone", "+7 916 123 45 67"],
    ]);
    const big = `${"Цена 1 299 ₽, доставка 12.03.2024. 😊 ".repeat(3_000)}ivan@mail.ru`;
    expect(big.length).toBeGreaterThan(100_000);
    expect(leaks(big)).toEqual([["email", "ivan@mail.ru"]]);
  });
});

describe("private reply advice", () => {
  it("names what was found, in the reply's language", () => {
    const findings = findPersonalData("+7 916 123 45 67, ivan@mail.ru");
    expect(privateReplyAdvice(findings, "ru")).toContain("номер телефона и e-mail");
    expect(privateReplyAdvice(findings, "pl")).toContain("wiadomości prywatnych");
    expect(privateReplyAdvice(findings, "lv")).toContain("tālruņa numuru un e-pastu");
    expect(privateReplyAdvice(findings, "en")).toContain("phone number and e-mail address");
    expect(privateReplyAdvice([], "en")).toBeNull();
  });
});
