import { describe, expect, it } from "vitest";
import type { ReplyLanguage } from "./phraseRule.ts";
import { checkPlainLanguage, readability, splitSentences } from "./plainLanguage.ts";

/** The issues of a reply as [kind, phrase] pairs in reading order. */
function issues(text: string, language?: ReplyLanguage): [string, string][] {
  return checkPlainLanguage(text, language).map((i) => [i.kind, i.phrase]);
}

describe("plain language in Russian", () => {
  it.each([
    [
      "Возврат в рамках установленных регламентов занимает 10 дней.",
      "bureaucratic",
      "в рамках установленных регламентов",
    ],
    ["Согласно пункту 5.2 возврат невозможен.", "bureaucratic", "Согласно пункту 5.2"],
    ["В соответствии с правилами магазина мы вернём деньги.", "bureaucratic", "В соответствии с правилами"],
    ["Данная модель снята с продажи.", "bureaucratic", "Данная"],
    ["Вышеуказанный товар приедет завтра.", "bureaucratic", "Вышеуказанный"],
    ["Мы осуществим доставку в среду.", "bureaucratic", "осуществим"],
    ["Вам нужно произвести оплату до пятницы.", "bureaucratic", "произвести оплату"],
    ["Доводим до вашего сведения, что склад закрыт.", "bureaucratic", "Доводим до вашего сведения"],
    ["Ваше обращение зарегистрировано.", "cold", "Ваше обращение зарегистрировано"],
    ["Замена не представляется возможным.", "bureaucratic", "не представляется возможным"],
    ["Вы не правы, гарантия год.", "arguing", "Вы не правы"],
    ["Как мы уже писали ранее, курьер приедет.", "arguing", "Как мы уже писали ранее"],
    ["Внимательно прочитайте условия акции.", "arguing", "Внимательно прочитайте"],
    ["Это произошло по вашей вине.", "blame", "по вашей вине"],
    ["Ваш тикет передан дальше.", "jargon", "тикет"],
    ["Было принято решение отменить заказ.", "passive", "Было принято решение"],
  ])("flags %j", (text, kind, phrase) => {
    expect(issues(text, "ru")).toEqual([[kind, phrase]]);
  });

  it("matches inflected forms and other cases of a stem", () => {
    expect(
      issues("Оплата осуществляется картой; данного товара нет; вышеуказанных заказов нет.", "ru"),
    ).toEqual([
      ["bureaucratic", "осуществляется"],
      ["bureaucratic", "данного"],
      ["bureaucratic", "вышеуказанных"],
    ]);
  });

  it.each([
    "Спасибо, что написали! Курьер приедет завтра с 10 до 14.",
    "Мы проверили заказ: он уже в пути, трек-номер пришлём в личные сообщения.",
    "Пришлите, пожалуйста, фото коробки — и мы сразу оформим замену.",
    "Ваши данные в безопасности, по данным склада посылка уже у курьера.",
  ])("leaves friendly text clean: %j", (text) => {
    expect(checkPlainLanguage(text, "ru")).toEqual([]);
  });

  it("offers a concrete plainer wording", () => {
    const [issue] = checkPlainLanguage("Согласно пункту 5.2 возврат невозможен.", "ru");
    expect(issue!.suggestion).toContain("по правилам возврата");
    expect(checkPlainLanguage("Не представляется возможным.", "ru")[0]!.suggestion).toBe("мы не можем");
  });
});

describe("plain language in Polish", () => {
  it.each([
    ["Uprzejmie informujemy, że paczka wróciła.", "bureaucratic", "Uprzejmie informujemy, że"],
    ["Zgodnie z regulaminem zwrot trwa 14 dni.", "bureaucratic", "Zgodnie z regulaminem"],
    ["Zgodnie z punktem 5.2 zwrot nie przysługuje.", "bureaucratic", "Zgodnie z punktem 5.2"],
    ["W nawiązaniu do wiadomości: paczka jest w drodze.", "bureaucratic", "W nawiązaniu do"],
    ["Niniejsza oferta kończy się jutro.", "bureaucratic", "Niniejsza"],
    ["Prosimy dokonać płatności do piątku.", "bureaucratic", "dokonać płatności"],
    ["Nie ma możliwości wymiany.", "bureaucratic", "Nie ma możliwości"],
    ["Jak już pisaliśmy, kurier przyjedzie jutro.", "arguing", "Jak już pisaliśmy"],
    ["Proszę uważnie przeczytać warunki promocji.", "arguing", "Proszę uważnie przeczytać"],
    ["Pani zgłoszenie zostało zarejestrowane.", "cold", "Pani zgłoszenie zostało zarejestrowane"],
    ["To nie jest nasza wina.", "blame", "To nie jest nasza wina"],
    ["Paczka została wysłana wczoraj.", "passive", "została wysłana"],
  ])("flags %j", (text, kind, phrase) => {
    expect(issues(text, "pl")).toEqual([[kind, phrase]]);
  });

  it("matches inflected forms", () => {
    expect(issues("Dokonanie płatności jest proste; niniejszym potwierdzamy.", "pl")).toEqual([
      ["bureaucratic", "Dokonanie płatności"],
      ["bureaucratic", "niniejszym"],
    ]);
  });

  it.each([
    "Dziękujemy za wiadomość! Paczka dotrze jutro między 9 a 12.",
    "Sprawdziliśmy zamówienie — wszystko jest w porządku, kurier już jedzie.",
    "Przepraszamy, że tak wyszło. Wyślemy nowy telewizor jeszcze dziś.",
  ])("leaves friendly text clean: %j", (text) => {
    expect(checkPlainLanguage(text, "pl")).toEqual([]);
  });
});

describe("plain language in Latvian", () => {
  it.each([
    ["Saskaņā ar noteikumiem atgriešana ilgst 14 dienas.", "bureaucratic", "Saskaņā ar noteikumiem"],
    ["Saskaņā ar līguma 5.2. punktu prece nav atgriežama.", "bureaucratic", "Saskaņā ar līguma 5.2. punktu"],
    ["Informējam, ka paka ir ceļā.", "bureaucratic", "Informējam, ka"],
    ["Lūdzu, veiciet apmaksu līdz piektdienai.", "bureaucratic", "veiciet apmaksu"],
    ["Apmaiņa nav iespējama.", "bureaucratic", "nav iespējama"],
    ["Kā jau rakstījām, kurjers būs rīt.", "arguing", "Kā jau rakstījām"],
    ["Uzmanīgi izlasiet akcijas noteikumus.", "arguing", "Uzmanīgi izlasiet"],
    ["Jūsu pieteikums ir reģistrēts.", "cold", "Jūsu pieteikums ir reģistrēts"],
    ["Atvainojamies par sagādātajām neērtībām.", "cold", "Atvainojamies par sagādātajām neērtībām"],
    ["Tā nav mūsu vaina.", "blame", "Tā nav mūsu vaina"],
    ["Paka tika nosūtīta vakar.", "passive", "tika nosūtīta"],
  ])("flags %j", (text, kind, phrase) => {
    expect(issues(text, "lv")).toEqual([[kind, phrase]]);
  });

  it.each([
    "Paldies, ka uzrakstījāt! Paka pienāks rīt no 9 līdz 12.",
    "Pārbaudījām pasūtījumu — viss kārtībā, kurjers jau brauc.",
    "Atvainojiet, ka tā sanāca. Nosūtīsim jaunu televizoru vēl šodien.",
  ])("leaves friendly text clean: %j", (text) => {
    expect(checkPlainLanguage(text, "lv")).toEqual([]);
  });
});

describe("plain language in English", () => {
  it.each([
    ["Please be advised that the store is closed.", "bureaucratic", "Please be advised that"],
    ["As per our policy, refunds take 14 days.", "bureaucratic", "As per our policy"],
    ["Pursuant to clause 5, no refund is due.", "bureaucratic", "Pursuant to"],
    ["Kindly note the courier comes tomorrow.", "bureaucratic", "Kindly note"],
    ["We regret to inform you that the item is gone.", "cold", "We regret to inform you that"],
    ["Your request has been registered.", "cold", "Your request has been registered"],
    ["As we already said, the parcel is on its way.", "arguing", "As we already said"],
    ["You are wrong about the warranty.", "arguing", "You are wrong"],
    ["You should have read the terms.", "blame", "You should have read"],
    ["Please read the terms carefully.", "arguing", "Please read the terms carefully"],
    ["We have escalated it to the team.", "jargon", "escalated"],
    ["Your parcel was shipped yesterday.", "passive", "was shipped"],
  ])("flags %j", (text, kind, phrase) => {
    expect(issues(text, "en")).toEqual([[kind, phrase]]);
  });

  it.each([
    "Thanks for reaching out! Your parcel arrives tomorrow between 9 and 12.",
    "We checked your order and everything looks fine — the courier is on the way.",
    "Sorry about that! We'll send a new TV today.",
    "We're happy to help, and we're often open late.",
  ])("leaves friendly text clean: %j", (text) => {
    expect(checkPlainLanguage(text, "en")).toEqual([]);
  });
});

describe("checkPlainLanguage", () => {
  it("gives offsets that point at the phrase", () => {
    const text = "Привет 👋! Доводим до вашего сведения: данный товар закончился.";
    for (const issue of checkPlainLanguage(text))
      expect(text.slice(issue.start, issue.end)).toBe(issue.phrase);
    expect(checkPlainLanguage(text)[0]!.start).toBe(text.indexOf("Доводим"));
  });

  it("keeps the longest of overlapping findings", () => {
    expect(issues("В соответствии с регламентом возврат занимает 10 дней.", "ru")).toEqual([
      ["bureaucratic", "В соответствии с регламентом"],
    ]);
  });

  it("without a language, looks for all four in a mixed reply", () => {
    expect(issues("Спасибо! Please be advised: данный товар — niniejsza oferta.").map(([k]) => k)).toEqual([
      "bureaucratic",
      "bureaucratic",
      "bureaucratic",
    ]);
  });

  it("flags a sentence over 35 words, with advice in the reply's language", () => {
    const long = `${"мы очень стараемся доставить ваш заказ как можно быстрее ".repeat(5)}и обязательно напишем.`;
    const [issue] = checkPlainLanguage(`Спасибо! ${long} Хорошего дня!`);
    expect(issue!.kind).toBe("long_sentence");
    expect(issue!.suggestion).toContain("Разбейте");
    expect(issue!.phrase.startsWith("мы очень стараемся")).toBe(true);
    expect(checkPlainLanguage("Short one. Another short one.")).toEqual([]);
  });

  it("survives empty, emoji-only and 100 KB replies", () => {
    expect(checkPlainLanguage("")).toEqual([]);
    expect(checkPlainLanguage("   ")).toEqual([]);
    expect(checkPlainLanguage("🙏🙏🙏👍🏽")).toEqual([]);
    const big = `${"Спасибо, курьер уже едет. ".repeat(4_000)}Как мы уже писали, всё в порядке.`;
    expect(big.length).toBeGreaterThan(100_000);
    expect(issues(big)).toEqual([["arguing", "Как мы уже писали"]]);
  });
});

describe("readability", () => {
  it("scores short plain replies easy and run-on bureaucratic ones hard", () => {
    expect(readability("Thanks! Your parcel comes tomorrow.", "en").level).toBe("easy");
    const heavy =
      "Уведомляем относительно невозможности осуществления незамедлительного возврата приобретённого оборудования вследствие нарушения установленных регламентирующих требований эксплуатации.";
    expect(readability(heavy, "ru").level).toBe("hard");
    expect(readability("")).toEqual({
      lix: 0,
      level: "easy",
      words: 0,
      sentences: 0,
      averageSentenceWords: 0,
    });
  });

  it("splits sentences at end punctuation and blank lines", () => {
    expect(splitSentences("Один. Два!\n\nТри").map((s) => s.words)).toEqual([1, 1, 1]);
  });
});
