import { describe, expect, it } from "vitest";
import { findPublishedPersonalData } from "./publishedPersonalData.ts";

const kinds = (text: string, allowed: readonly string[] = []) =>
  findPublishedPersonalData(text, allowed).map((f) => f.kind);

describe("personal data published in a comment", () => {
  it.each([
    ["Вот её телефон: +7 916 123-45-67, звоните", "phone"],
    ["Pisz do niego: jan.kowalski@gmail.com", "email"],
    ["Mana karte 4111 1111 1111 1111 nestrādā", "card"],
    ["He lives at 221B Baker Street, go ask him", "address"],
    ["PESEL 44051401359 jest w formularzu", "personal_code"],
    ["Zwrot na konto 61 1090 1014 0000 0712 1981 2874", "iban"],
  ])("finds it in %j", (text, kind) => {
    expect(kinds(text)).toEqual([kind]);
  });

  it("leaves order numbers alone: customers quote them to complain", () => {
    expect(kinds("Заказ №12345 так и не пришёл")).toEqual([]);
    expect(kinds("Order #123456 is late")).toEqual([]);
  });

  it("leaves the brand's own addresses alone", () => {
    expect(kinds("I wrote to help@nordmart.lv and to help@support.nordmart.lv", ["nordmart.lv"])).toEqual([]);
    expect(kinds("I wrote to help@nordmart.lv.evil.example", ["nordmart.lv"])).toEqual(["email"]);
  });
});
