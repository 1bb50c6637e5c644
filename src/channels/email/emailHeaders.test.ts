import { describe, expect, it } from "vitest";
import { messageIdsIn, referencesForReply } from "./emailHeaders.ts";
import { replySubject } from "./emailParser.ts";
import { trimQuotedHistory } from "./emailText.ts";

describe("threading headers", () => {
  it("reads ids folded over lines, separated by commas, with comments and duplicates", () => {
    const value =
      "<a@x.example>\r\n\t<b@y.example>,<c@z.example> (relay)\r\n <a@x.example> not-an-id <nodomain>";
    expect(messageIdsIn(value)).toEqual(["a@x.example", "b@y.example", "c@z.example"]);
    expect(messageIdsIn(undefined)).toEqual([]);
  });

  it("builds References from the parent's chain plus the parent, keeping the root of a long chain", () => {
    expect(referencesForReply(["r@x"], "p@x")).toEqual(["r@x", "p@x"]);
    const long = Array.from({ length: 30 }, (_, i) => `m${i}@x`);
    const chain = referencesForReply(long, "p@x");
    expect(chain).toHaveLength(20);
    expect(chain[0]).toBe("m0@x");
    expect(chain.at(-1)).toBe("p@x");
  });

  it("prefixes Re: once, whatever language the customer's client answered in", () => {
    expect(replySubject("Order 4471")).toBe("Re: Order 4471");
    expect(replySubject("AW: Bestellung")).toBe("AW: Bestellung");
    expect(replySubject("")).toBe("Re: your message");
  });
});

describe("quoted history", () => {
  it("cuts an attribution line followed by quoted lines", () => {
    const text = "Thanks, it works.\n\nOn Mon, 2 Mar 2026, Support <s@x> wrote:\n> Try again\n> please";
    expect(trimQuotedHistory(text)).toBe("Thanks, it works.");
  });

  it("cuts the Russian, Polish and Latvian attributions", () => {
    for (const line of [
      "2 марта 2026 г., Поддержка пишет:",
      "W dniu 2.03.2026 Wsparcie napisał(a):",
      "Atbalsts rakstīja:",
    ])
      expect(trimQuotedHistory(`Спасибо\n${line}\n> старое`)).toBe("Спасибо");
  });

  it("keeps everything when the customer answers inline between quoted lines", () => {
    const text = "> Which size?\nM please\n> Which colour?\nBlue";
    expect(trimQuotedHistory(text)).toBe(text);
  });

  it("never leaves a mail empty", () => {
    expect(trimQuotedHistory("> only quoted")).toBe("> only quoted");
  });
});
