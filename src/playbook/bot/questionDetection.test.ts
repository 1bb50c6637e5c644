import { describe, expect, it } from "vitest";
import { isQuestion } from "./questionDetection.ts";

describe("isQuestion", () => {
  it.each([
    ["ru", "Здравствуйте, подскажите, где моя посылка"],
    ["ru", "Добрый день. Можно ли оплатить картой при получении"],
    ["ru", "Доставляете ли вы в Ригу"],
    ["ru", "Когда откроется магазин"],
    ["pl", "Dzień dobry, czy wysyłacie za granicę"],
    ["pl", "Gdzie jest moja paczka"],
    ["pl", "Ile kosztuje dostawa"],
    ["lv", "Labdien, kad pienāks sūtījums"],
    ["lv", "Vai var maksāt ar karti"],
    ["lv", "Kā atgriezt preci"],
    ["en", "hi there when do you open"],
    ["en", "Can I pay by card on pickup"],
    ["en", "Do you ship to Latvia"],
    ["en", "Thanks. Where is my parcel"],
    ["any", "Заказ 12345?"],
  ])("sees a question (%s): %s", (_language, text) => {
    expect(isQuestion(text)).toBe(true);
  });

  it.each([
    ["ru", "Спасибо, всё получил!"],
    ["ru", "Я думаю, что посылка потерялась."],
    ["pl", "Zadzwonię, kiedy wrócę do domu."],
    ["pl", "Nie można zapłacić kartą."],
    ["lv", "Paldies, viss kārtībā."],
    ["en", "My parcel is late."],
    ["en", "I can pay by card."],
    ["en", "There is a problem with my order."],
    ["en", "Thank you, you can close the ticket."],
    ["any", ""],
  ])("sees a statement (%s): %s", (_language, text) => {
    expect(isQuestion(text)).toBe(false);
  });
});
