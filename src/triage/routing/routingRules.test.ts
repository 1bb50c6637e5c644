import { describe, expect, it } from "vitest";
import {
  type RoutingFacts,
  type RoutingRule,
  routeConversation,
  routingRuleProblems,
  routingRuleSetProblems,
} from "./routingRules.ts";

const rule = (
  id: string,
  teamId: string,
  conditions: RoutingRule["conditions"],
  enabled = true,
): RoutingRule => ({
  id,
  name: `Rule ${id}`,
  teamId,
  enabled,
  conditions,
});

const facts = (overrides: Partial<RoutingFacts> = {}): RoutingFacts => ({
  categoryKey: "delivery",
  channelId: "ch-tg",
  platform: "telegram",
  language: "ru",
  priority: "normal",
  visibility: "private",
  ...overrides,
});

describe("routeConversation", () => {
  it("takes the first rule in list order whose conditions all hold", () => {
    const rules = [
      rule("returns", "team-returns", { categories: ["returns"] }),
      rule("ru-delivery", "team-ru", { categories: ["delivery"], languages: ["ru"] }),
      rule("delivery", "team-delivery", { categories: ["delivery"] }),
    ];
    expect(routeConversation(rules, facts())).toEqual({ teamId: "team-ru", ruleId: "ru-delivery" });
    expect(routeConversation(rules, facts({ language: "pl" }))).toEqual({
      teamId: "team-delivery",
      ruleId: "delivery",
    });
  });

  it("requires every given condition, and any one value within a condition", () => {
    const rules = [
      rule("urgent-public", "team-pr", { priorities: ["high", "urgent"], visibility: ["public"] }),
    ];
    expect(routeConversation(rules, facts({ priority: "urgent", visibility: "public" }))?.teamId).toBe(
      "team-pr",
    );
    expect(routeConversation(rules, facts({ priority: "high", visibility: "public" }))?.teamId).toBe(
      "team-pr",
    );
    expect(routeConversation(rules, facts({ priority: "urgent", visibility: "private" }))).toBeNull();
    expect(routeConversation(rules, facts({ priority: "normal", visibility: "public" }))).toBeNull();
  });

  it("matches on channel and platform", () => {
    const rules = [
      rule("vk", "team-vk", { platforms: ["vk"] }),
      rule("shop-channel", "team-shop", { channelIds: ["ch-shop"] }),
    ];
    expect(routeConversation(rules, facts({ platform: "vk" }))?.ruleId).toBe("vk");
    expect(routeConversation(rules, facts({ channelId: "ch-shop" }))?.ruleId).toBe("shop-channel");
  });

  it("skips disabled rules", () => {
    const rules = [rule("off", "team-a", {}, false), rule("on", "team-b", { platforms: ["telegram"] })];
    expect(routeConversation(rules, facts())).toEqual({ teamId: "team-b", ruleId: "on" });
  });

  it("treats a rule without conditions, or with empty lists, as a catch-all", () => {
    const rules = [
      rule("pl", "team-pl", { languages: ["pl"] }),
      rule("everything", "team-general", { categories: [], platforms: [] }),
    ];
    expect(routeConversation(rules, facts({ language: "pl" }))?.ruleId).toBe("pl");
    expect(routeConversation(rules, facts({ language: "lv" }))?.ruleId).toBe("everything");
    expect(routeConversation([rule("all", "team-general", {})], facts())?.ruleId).toBe("all");
  });

  it("does not let a conversation without a category or language pass a condition on it", () => {
    const rules = [
      rule("delivery", "team-delivery", { categories: ["delivery"] }),
      rule("ru", "team-ru", { languages: ["ru"] }),
    ];
    expect(routeConversation(rules, facts({ categoryKey: null }))?.ruleId).toBe("ru");
    expect(routeConversation(rules, facts({ categoryKey: null, language: null }))).toBeNull();
  });

  it("returns null when nothing matches or there are no rules", () => {
    expect(routeConversation([rule("vk", "team-vk", { platforms: ["vk"] })], facts())).toBeNull();
    expect(routeConversation([], facts())).toBeNull();
  });
});

const teams = new Set(["team-a", "team-b"]);

describe("routingRuleProblems", () => {
  it("finds nothing wrong with a sound rule, including a catch-all", () => {
    expect(
      routingRuleProblems(
        rule("r1", "team-a", {
          categories: ["delivery"],
          channelIds: ["ch-1"],
          platforms: ["telegram", "vk"],
          languages: ["ru", "other"],
          priorities: ["urgent"],
          visibility: ["public"],
        }),
        teams,
      ),
    ).toEqual([]);
    expect(routingRuleProblems(rule("r2", "team-b", {}), teams)).toEqual([]);
  });

  it("names an unknown team, a missing team and a blank name", () => {
    expect(routingRuleProblems(rule("r1", "team-gone", {}), teams)).toEqual([
      'Team "team-gone" does not exist; it may have been deleted.',
    ]);
    expect(routingRuleProblems({ ...rule("r1", "", {}), name: "  " }, teams)).toEqual([
      "The rule needs a name.",
      "Choose the team that takes the conversations this rule matches.",
    ]);
  });

  it("lists the allowed values when a priority, platform or visibility is unknown", () => {
    const problems = routingRuleProblems(
      {
        ...rule("r1", "team-a", {}),
        conditions: { priorities: ["critical"], platforms: ["twitter", "myspace"], visibility: ["internal"] },
      },
      teams,
    );
    expect(problems).toEqual([
      'Unknown priority "critical"; use one of: low, normal, high, urgent.',
      'Unknown platforms "twitter", "myspace"; use one of: telegram, vk, facebook, messenger, instagram, whatsapp, x, viber, email, web.',
      'Unknown visibility "internal"; use "public" or "private".',
    ]);
  });

  it("rejects language names where codes belong", () => {
    expect(
      routingRuleProblems({ ...rule("r1", "team-a", {}), conditions: { languages: ["Russian"] } }, teams),
    ).toEqual(['Language "Russian" is not a language code such as "ru", "pl", "lv" or "en".']);
  });

  it("points at a misspelt condition, a non-list and empty values", () => {
    expect(
      routingRuleProblems(
        {
          ...rule("r1", "team-a", {}),
          conditions: { priority: ["urgent"], platforms: "vk", categories: [""] },
        },
        teams,
      ),
    ).toEqual([
      'Unknown condition "priority"; conditions are categories, channelIds, platforms, languages, priorities, visibility.',
      'Condition "platforms" must be a list of values.',
      'Condition "categories" has an empty or non-text value.',
    ]);
  });

  it("describes a rule that is not even the right shape", () => {
    expect(routingRuleProblems(null, teams)).toEqual([
      "A routing rule must be an object with an id, a name, a team, enabled and conditions.",
    ]);
    expect(
      routingRuleProblems({ name: "Broken", teamId: "team-a", enabled: "yes", conditions: [] }, teams),
    ).toEqual([
      "The rule has no id.",
      '"enabled" must be true or false.',
      'Conditions must be an object such as {"platforms": ["telegram"]}; use {} to match every conversation.',
    ]);
  });
});

describe("routingRuleSetProblems", () => {
  it("warns about rules after a catch-all, which can never apply", () => {
    const rules = [rule("all", "team-a", {}), rule("vk", "team-b", { platforms: ["vk"] })];
    expect(routingRuleSetProblems(rules, teams)).toEqual([
      'Rule 2 "Rule vk" never applies: Rule 1 "Rule all" comes first and takes every conversation it would.',
    ]);
  });

  it("warns about a narrower rule placed after a wider one, but not the other way round", () => {
    const wideFirst = [
      rule("social", "team-a", { platforms: ["vk", "telegram"] }),
      rule("vk-urgent", "team-b", { platforms: ["vk"], priorities: ["urgent"] }),
    ];
    expect(routingRuleSetProblems(wideFirst, teams)).toHaveLength(1);
    expect(routingRuleSetProblems([...wideFirst].reverse(), teams)).toEqual([]);
  });

  it("ignores disabled rules when looking for shadows, and reports duplicate ids and each rule's problems", () => {
    const rules = [
      rule("all", "team-a", {}, false),
      rule("vk", "team-b", { platforms: ["vk"] }),
      rule("vk", "team-gone", {}),
    ];
    expect(routingRuleSetProblems(rules, teams)).toEqual([
      'Rule 3 "Rule vk": Team "team-gone" does not exist; it may have been deleted.',
      'Rule 3 "Rule vk": another rule already has the id "vk".',
    ]);
  });
});
