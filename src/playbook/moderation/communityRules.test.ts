import { describe, expect, it } from "vitest";
import {
  type CommunityRules,
  communityRulesProblems,
  compileCommunityRules,
  DEFAULT_COMMUNITY_RULES,
  judgeComment,
} from "./communityRules.ts";

const rules = (changes: Partial<CommunityRules> = {}): CommunityRules => ({
  ...DEFAULT_COMMUNITY_RULES,
  ...changes,
});

describe("default community rules", () => {
  it("hide profanity and spam, and queue others' personal data for review", () => {
    expect(DEFAULT_COMMUNITY_RULES).toMatchObject({
      profanity: "hide",
      spam: "hide",
      othersPersonalData: "review",
    });
    expect(communityRulesProblems(DEFAULT_COMMUNITY_RULES)).toEqual([]);
  });
});

describe("judging a comment", () => {
  const compiled = compileCommunityRules(DEFAULT_COMMUNITY_RULES);
  const judge = (text: string, context = {}) =>
    judgeComment(text, DEFAULT_COMMUNITY_RULES, context, compiled);

  it.each([
    ["ru", "Где посылка, суки?", "суки"],
    ["pl", "Gdzie paczka, kurwa?", "kurwa"],
    ["lv", "Kur ir paka, tu pimpis?", "pimpis"],
    ["en", "Where is my f*cking parcel?", "f*cking"],
  ])("hides profanity with its place and a summary (%s)", (_language, text, word) => {
    const start = text.indexOf(word);
    expect(judge(text)).toEqual({
      action: "hide",
      violations: [{ rule: "profanity", detail: word, start, end: start + word.length }],
      summary: `Hidden: profanity (${JSON.stringify(word)})`,
    });
  });

  it("hides spam and says which signals made it spam", () => {
    const verdict = judge("Заработок без вложений! Пиши t.me/joinchat/AAAA");
    expect(verdict).toEqual({
      action: "hide",
      violations: [
        { rule: "spam", detail: "invite link t.me/joinchat/AAAA" },
        { rule: "spam", detail: 'money bait "Заработок"' },
        { rule: "spam", detail: 'money bait "без вложений"' },
      ],
      summary:
        'Hidden: spam (invite link t.me/joinchat/AAAA, money bait "Заработок", money bait "без вложений")',
    });
  });

  it("hides the same pitch posted again with a link", () => {
    const context = { recentTextsBySameAuthor: ["Лучшие скидки тут: example.com/a"] };
    const verdict = judge("Лучшие скидки тут: example.com/b", context);
    expect(verdict.action).toBe("hide");
    expect(verdict.action !== "none" && verdict.violations.map((v) => v.detail)).toEqual([
      "link example.com/b",
      "repeated text (posted before by the same author)",
    ]);
  });

  it("queues personal data for review and names only its kind, never the data", () => {
    const text = "Вот его номер +7 916 123-45-67, позвоните ему";
    const verdict = judge(text);
    expect(verdict).toEqual({
      action: "review",
      violations: [{ rule: "others_personal_data", detail: "phone", start: 14, end: 30 }],
      summary: "Queued for review: personal data (phone)",
    });
    expect(verdict.action !== "none" && verdict.summary).not.toContain("916");
  });

  it("picks the strictest action when several rules are broken, and logs them all", () => {
    const verdict = judge("Kurwa, moja karta 4111 1111 1111 1111 nie działa");
    expect(verdict.action).toBe("hide");
    expect(verdict.action !== "none" && verdict.violations.map((v) => v.rule)).toEqual([
      "profanity",
      "others_personal_data",
    ]);
    expect(verdict.action !== "none" && verdict.summary).toBe(
      'Hidden: profanity ("Kurwa") and personal data (card)',
    );
  });

  it("reviews when every broken rule asks for review", () => {
    const reviewing = rules({ profanity: "review" });
    const verdict = judgeComment("Kurwa, karta 4111 1111 1111 1111", reviewing, {});
    expect(verdict.action).toBe("review");
    expect(verdict.action !== "none" && verdict.summary).toMatch(/^Queued for review: profanity/);
  });

  it("does nothing for an ordinary comment, a lone link or an empty one", () => {
    expect(judge("Когда привезут заказ №12345? Жду с понедельника")).toEqual({ action: "none" });
    expect(judge("Here is what I mean: https://news.example.com/story")).toEqual({ action: "none" });
    expect(judge("   ")).toEqual({ action: "none" });
  });
});

describe("switching a rule off", () => {
  it.each([
    ["profanity", "kurwa"],
    ["spam", "Check this https://bit.ly/3xYz"],
    ["othersPersonalData", "Her phone is +48 601 234 567"],
  ] as const)("stops %s from acting", (rule, text) => {
    expect(judgeComment(text, DEFAULT_COMMUNITY_RULES, {}).action).not.toBe("none");
    expect(judgeComment(text, rules({ [rule]: "off" }), {})).toEqual({ action: "none" });
  });

  it("leaves the other rules on", () => {
    const verdict = judgeComment("kurwa, bit.ly/x", rules({ profanity: "off" }), {});
    expect(verdict.action !== "none" && verdict.violations.map((v) => v.rule)).toEqual(["spam"]);
  });
});

describe("a workspace's settings", () => {
  it("adds its own words and allows others", () => {
    const custom = rules({ extraProfanity: { en: ["frak*"] }, allowedWords: ["kurwa"] });
    const compiled = compileCommunityRules(custom);
    expect(judgeComment("frakking delivery", custom, {}, compiled).action).toBe("hide");
    expect(judgeComment("kurwa, znowu", custom, {}, compiled)).toEqual({ action: "none" });
  });

  it("trusts links and e-mail addresses on its own domains", () => {
    const custom = rules({ allowedDomains: ["https://www.nordmart.lv/"] });
    const compiled = compileCommunityRules(custom);
    // "nopelni" (earn) is bait: beside a stranger's link it is spam, beside the brand's own it is a promotion.
    expect(judgeComment("Nopelni punktus: shop.example.lv/akcija", custom, {}, compiled).action).toBe("hide");
    expect(judgeComment("Nopelni punktus: shop.nordmart.lv/akcija", custom, {}, compiled)).toEqual({
      action: "none",
    });
    expect(judgeComment("Rakstiet uz help@nordmart.lv", custom, {}, compiled)).toEqual({ action: "none" });
  });

  it("refuses to compile invalid rules, listing the problems", () => {
    const invalid = { ...DEFAULT_COMMUNITY_RULES, spam: "delete" } as unknown as CommunityRules;
    expect(() => compileCommunityRules(invalid)).toThrow(
      'Invalid community rules: spam must be "hide", "review" or "off", not "delete"',
    );
  });
});

describe("validating settings", () => {
  it("explains every problem in words", () => {
    expect(
      communityRulesProblems({
        profanity: "delete",
        spam: 1,
        extraProfanity: { de: ["Scheiße"], ru: ["х", "два слова"] },
        allowedWords: "kurwa",
        allowedDomains: ["nordmart", "https://www.nordmart.lv/lv/", 7],
        moderator: "Anna",
      }),
    ).toEqual([
      'unknown setting "moderator"',
      'profanity must be "hide", "review" or "off", not "delete"',
      'spam must be "hide", "review" or "off", not 1',
      "othersPersonalData is missing",
      'extraProfanity: unknown language "de" (use ru, pl, lv or en)',
      'extraProfanity.ru[0] "х" stands for a form shorter than two letters ("х")',
      'extraProfanity.ru[1] "два слова" must be a single word (no spaces)',
      "allowedWords must be a list",
      'allowedDomains[0] "nordmart" is not a domain like "nordmart.lv"',
      "allowedDomains[2] 7 must be text",
    ]);
  });

  it("rejects what is not an object and lists missing settings", () => {
    expect(communityRulesProblems(null)).toEqual(["community rules must be an object"]);
    expect(communityRulesProblems([])).toEqual(["community rules must be an object"]);
    expect(communityRulesProblems({})).toEqual([
      "profanity is missing",
      "spam is missing",
      "othersPersonalData is missing",
      "extraProfanity is missing",
      "allowedWords is missing",
      "allowedDomains is missing",
    ]);
  });

  it("refuses a pasted dictionary", () => {
    const words = Array.from({ length: 1001 }, (_, i) => `word${"a".repeat(i % 5)}`);
    expect(communityRulesProblems(rules({ allowedWords: words }))).toEqual([
      "allowedWords has 1001 entries; at most 1000 are allowed",
    ]);
  });
});
