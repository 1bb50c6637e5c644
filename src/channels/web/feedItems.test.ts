import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeFeed } from "./feedFetcher.ts";
import { FeedFormatError, parseFeedDocument } from "./feedItems.ts";
import { htmlToText } from "./htmlText.ts";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const NOW = new Date("2026-12-05T20:00:00Z");

describe("RSS 2.0 from a review site", () => {
  const feed = parseFeedDocument(
    fixture("reviewSiteRss2.xml"),
    "https://otzovik.example/rss/parley-shop.xml",
    NOW,
  );

  it("reads CDATA and turns HTML in descriptions into text, scripts dropped", () => {
    const first = feed.mentions[0]!;
    expect(first.title).toBe("Доставка опоздала на неделю");
    expect(first.text).toBe(
      "Заказ №4512 ждала неделю, поддержка молчит.\n\nОценка: 2 из 5 & больше не закажу",
    );
    expect(first.text).not.toContain("alert");
    expect(first.author).toBe("Марина К.");
    expect(first.id).toBe("guid:otzovik-review-81234");
    expect(first.publishedAt).toBe("2026-12-05T14:45:00.000Z");
    expect(first.site).toBe("Отзывы о компании — Otzovik");
    expect(first.language).toBe("ru");
  });

  it("resolves a relative link, keys an item without guid by its link, and leaves a bad date out", () => {
    const second = feed.mentions[1]!;
    expect(second.url).toBe("https://otzovik.example/review/81235/");
    expect(second.id).toBe("link:https://otzovik.example/review/81235/");
    expect(second.publishedAt).toBeNull();
    expect(second.seenAt).toBe(NOW.toISOString());
    expect(second.title).toBe("Хороший магазин <3");
    expect(second.text).toBe("Всё пришло вовремя, спасибо!");
  });

  it("keys an item with neither guid nor link by a hash of title and date, stable across reads", () => {
    const third = feed.mentions[2]!;
    expect(third.url).toBeNull();
    expect(third.id).toMatch(/^hash:[0-9a-f]{32}$/);
    const again = parseFeedDocument(
      fixture("reviewSiteRss2.xml"),
      "https://otzovik.example/rss/parley-shop.xml",
    );
    expect(again.mentions[2]!.id).toBe(third.id);
  });

  it("skips an empty item with its reason and keeps the rest", () => {
    expect(feed.mentions).toHaveLength(3);
    expect(feed.skipped).toEqual([{ reason: "Item 3 has no title, text or link" }]);
  });
});

describe("Atom 1.0 from a forum", () => {
  const feed = parseFeedDocument(fixture("forumAtom.xml"), "https://forum.example.pl/t/sklepy.atom", NOW);

  it("reads entries with escaped HTML titles and content, relative links resolved", () => {
    const first = feed.mentions[0]!;
    expect(first.title).toBe("Czy ktoś zamawiał w Parley Shop?");
    expect(first.text).toBe("Czekam na paczkę od tygodnia. link Gdzie jest moje zamówienie?");
    expect(first.url).toBe("https://forum.example.pl/t/sklepy/p/991");
    expect(first.id).toBe("guid:tag:forum.example.pl,2026:p/991");
    expect(first.author).toBe("kasia_87");
    expect(first.publishedAt).toBe("2026-12-05T17:20:00.000Z");
    expect(first.language).toBe("pl");
  });

  it("reads an xhtml summary as text and a date that does not exist as none", () => {
    const second = feed.mentions[1]!;
    expect(second.text).toBe("Szybka dostawa, polecam.");
    expect(second.publishedAt).toBeNull();
    expect(second.url).toBe("https://forum.example.pl/t/sklepy/p/992");
  });
});

describe("documents that are no feed", () => {
  it("refuses an HTML error page with a reason", () => {
    expect(() => parseFeedDocument(fixture("notAFeed.html"), "https://x.example/feed")).toThrow(
      FeedFormatError,
    );
  });

  it("refuses JSON and empty bodies", () => {
    expect(() => parseFeedDocument('{"error":"nope"}', "https://x.example/feed")).toThrow(
      /not an RSS or Atom/,
    );
    expect(() => parseFeedDocument("", "https://x.example/feed")).toThrow(FeedFormatError);
  });

  it("refuses a feed cut off anywhere, so that no item is stored without the rest of its text", () => {
    for (const name of ["reviewSiteRss2.xml", "forumAtom.xml"]) {
      const whole = fixture(name);
      expect(parseFeedDocument(whole, "https://x.example/feed").mentions.length).toBeGreaterThan(0);
      // A trailing comment or blank lines after the root are still a whole document.
      expect(() => parseFeedDocument(`${whole}\n<!-- cached -->\n`, "https://x.example/feed")).not.toThrow();
      for (let cut = Math.floor(whole.trimEnd().length / 3); cut < whole.trimEnd().length; cut += 7)
        expect(() => parseFeedDocument(whole.slice(0, cut), "https://x.example/feed")).toThrow(
          FeedFormatError,
        );
    }
  });

  it("never turns a javascript: link into an address", () => {
    const xml = `<rss version="2.0"><channel><title>t</title><item><title>x</title><link>javascript:alert(1)</link></item></channel></rss>`;
    expect(parseFeedDocument(xml, "https://x.example/feed").mentions[0]!.url).toBeNull();
  });
});

describe("text and charsets", () => {
  it("keeps escaped markup written as text as that text", () => {
    expect(htmlToText("a &amp;lt;b&amp;gt; c")).toBe("a &lt;b&gt; c");
    expect(htmlToText("<style>p{}</style><p>one</p><p>two</p>")).toBe("one\n\ntwo");
  });

  it("decodes a windows-1251 feed named in the XML declaration", () => {
    const head = Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>', "latin1");
    const title = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // "Привет" in windows-1251
    const tail = Buffer.from("</title></channel></rss>", "latin1");
    expect(decodeFeed(Buffer.concat([head, title, tail]), "text/xml")).toContain("Привет");
  });
});
