import { describe, expect, it } from "vitest";
import { findLinks, normalizeHost } from "./linkFinder.ts";

/** Each link as "host/path", with a mark when it was disguised. */
function links(text: string): string[] {
  return findLinks(text).map((l) => `${l.host}${l.path}${l.obfuscated ? " (disguised)" : ""}`);
}

describe("links in a comment", () => {
  it("finds URLs with a scheme, with www and as bare domains, trailing punctuation dropped", () => {
    expect(links("Go https://Example.com/a?b=1. Or www.shop.example.org, or sale.example.lv/x!")).toEqual([
      "example.com/a?b=1",
      "shop.example.org",
      "sale.example.lv/x",
    ]);
  });

  it("finds known hosts on short-word domains by name", () => {
    expect(links("join t.me/joinchat/AbC and u.to/xyz")).toEqual(["t.me/joinchat/AbC", "u.to/xyz"]);
  });

  it.each([
    ["example dot com", "example.com (disguised)"],
    ["EXAMPLE DOT COM/promo", "example.com/promo (disguised)"],
    ["example[.]com", "example.com (disguised)"],
    ["example(dot)ru", "example.ru (disguised)"],
    ["bit . ly/abc", "bit.ly/abc (disguised)"],
    ["hxxp://evil.example.xyz/p", "evil.example.xyz/p (disguised)"],
    ["сайт точка ру", "сайт.ru (disguised)"],
    ["strona kropka pl", "strona.pl (disguised)"],
    ["lapa punkts lv", "lapa.lv (disguised)"],
  ])("sees through %j", (text, link) => {
    expect(links(text)).toEqual([link]);
  });

  it.each([
    "write to ivan.petrov@mail.ru",
    "Done.By the way, it works.Thanks",
    "the dot com era",
    "It costs 3.50, version 2.1",
    "open report.pdf and index.html",
    "т.е. всё хорошо",
  ])("finds none in %j", (text) => {
    expect(links(text)).toEqual([]);
  });

  it("stays fast on a long run of dots and letters", () => {
    expect(links(`${"a.b.".repeat(5000)}com`)).toEqual([]);
  });

  it("reports a link once however often it is repeated", () => {
    expect(links("bit.ly/a bit.ly/a")).toEqual(["bit.ly/a"]);
  });
});

describe("hosts", () => {
  it("are compared in lower case, without www, port or trailing dot", () => {
    expect(normalizeHost("WWW.Nordmart.LV:443.")).toBe("nordmart.lv");
  });
});
