import { describe, expect, it } from "vitest";
import {
  applyActionsToFacts,
  conditionsHold,
  eventsCausedBy,
  matchingRules,
  type RuleFacts,
} from "./ruleEvaluator.ts";
import { AutomationRule, type RuleAction, type RuleCondition } from "./ruleSchema.ts";

const AGENT = "5f0c2d3e-1111-4a2b-9c3d-000000000001";
const TEAM = "5f0c2d3e-1111-4a2b-9c3d-000000000002";

function facts(
  conversation: Partial<RuleFacts["conversation"]> = {},
  text?: string,
  event: RuleFacts["event"] = "message_received",
): RuleFacts {
  return {
    event,
    conversation: {
      id: "c1",
      category: null,
      priority: "normal",
      status: "new",
      channelId: "ch1",
      platform: "facebook",
      visibility: "public",
      language: "pl",
      sentiment: "neutral",
      labels: [],
      teamId: null,
      assigneeId: null,
      reach: null,
      insideBusinessHours: true,
      ...conversation,
    },
    message: text === undefined ? undefined : { text },
  };
}

function rule(conditions: Record<string, unknown>[], extra: Record<string, unknown> = {}): AutomationRule {
  return AutomationRule.parse({
    id: "r1",
    name: "Test rule",
    event: "message_received",
    conditions,
    actions: [{ type: "add_label", label: "seen" }],
    ...extra,
  });
}

const holds = (condition: Record<string, unknown>, f: RuleFacts) =>
  conditionsHold(rule([condition]), f).matched;

describe("conditionsHold", () => {
  it("needs every condition with match all and one with match any", () => {
    const conditions = [
      { field: "platform", operator: "equals", value: "facebook" },
      { field: "priority", operator: "equals", value: "urgent" },
    ];
    const f = facts();
    expect(conditionsHold(rule(conditions), f)).toEqual({
      matched: false,
      failed: ['priority is "urgent" (it is "normal")'],
    });
    expect(conditionsHold(rule(conditions, { match: "any" }), f)).toEqual({
      matched: true,
      failed: ['priority is "urgent" (it is "normal")'],
    });
    const none = [{ field: "platform", operator: "equals", value: "vk" }];
    expect(conditionsHold(rule(none, { match: "any" }), f).matched).toBe(false);
  });

  it("holds for a rule without conditions", () => {
    expect(conditionsHold(rule([]), facts())).toEqual({ matched: true, failed: [] });
    expect(conditionsHold(rule([], { match: "any" }), facts()).matched).toBe(true);
  });

  it("finds text regardless of case and diacritics, inside words", () => {
    const contains = (value: string | string[]) => ({ field: "text", operator: "contains", value });
    expect(holds(contains("доставк"), facts({}, "Где моя Доставка?!"))).toBe(true);
    expect(holds(contains("zamowienie"), facts({}, "ZAMÓWIENIE nr 5 nie dotarło"))).toBe(true);
    expect(holds(contains("Zamówienie"), facts({}, "gdzie jest zamowienie"))).toBe(true);
    expect(holds(contains("order 123"), facts({}, "Order #123 is late"))).toBe(true);
    expect(holds(contains("refund"), facts({}, "Where is my parcel"))).toBe(false);
    expect(holds(contains(["refund", "zwrot"]), facts({}, "Chcę ZWROT pieniędzy"))).toBe(true);
  });

  it("treats a missing message as empty text", () => {
    const noMessage = facts({}, undefined);
    expect(holds({ field: "text", operator: "contains", value: "x" }, noMessage)).toBe(false);
    expect(holds({ field: "text", operator: "not_contains", value: "x" }, noMessage)).toBe(true);
    expect(holds({ field: "text", operator: "is_not_set" }, noMessage)).toBe(true);
    expect(holds({ field: "text", operator: "is_set" }, facts({}, "   "))).toBe(false);
  });

  it("compares reach as a number and never matches an unknown reach", () => {
    const atLeast = { field: "reach", operator: "gte", value: 10_000 };
    expect(holds(atLeast, facts({ reach: 10_000 }))).toBe(true);
    expect(holds(atLeast, facts({ reach: 9_999 }))).toBe(false);
    expect(holds(atLeast, facts({ reach: null }))).toBe(false);
    expect(holds({ field: "reach", operator: "lte", value: 100 }, facts({ reach: null }))).toBe(false);
    expect(holds({ field: "reach", operator: "lte", value: 100 }, facts({ reach: 40 }))).toBe(true);
  });

  it("orders priorities low < normal < high < urgent", () => {
    const highOrAbove = { field: "priority", operator: "gte", value: "high" };
    expect(holds(highOrAbove, facts({ priority: "urgent" }))).toBe(true);
    expect(holds(highOrAbove, facts({ priority: "high" }))).toBe(true);
    expect(holds(highOrAbove, facts({ priority: "normal" }))).toBe(false);
    expect(holds({ field: "priority", operator: "lte", value: "normal" }, facts({ priority: "low" }))).toBe(
      true,
    );
  });

  it("tells set from unset assignees", () => {
    expect(holds({ field: "assignee_id", operator: "is_set" }, facts({ assigneeId: AGENT }))).toBe(true);
    expect(holds({ field: "assignee_id", operator: "is_set" }, facts())).toBe(false);
    expect(holds({ field: "assignee_id", operator: "is_not_set" }, facts())).toBe(true);
    expect(conditionsHold(rule([{ field: "assignee_id", operator: "is_set" }]), facts()).failed).toEqual([
      "assignee is set (it is not set)",
    ]);
  });

  it("reads labels as a set", () => {
    const f = facts({ labels: ["vip", "delivery"] });
    expect(holds({ field: "labels", operator: "contains", value: "vip" }, f)).toBe(true);
    expect(holds({ field: "labels", operator: "not_contains", value: "vip" }, f)).toBe(false);
    expect(holds({ field: "labels", operator: "in", value: ["spam", "delivery"] }, f)).toBe(true);
    expect(holds({ field: "labels", operator: "not_in", value: ["spam", "bot"] }, f)).toBe(true);
    expect(holds({ field: "labels", operator: "is_not_set" }, facts())).toBe(true);
  });

  it("treats a missing value as different from any given one", () => {
    expect(holds({ field: "team_id", operator: "not_equals", value: TEAM }, facts())).toBe(true);
    expect(holds({ field: "team_id", operator: "in", value: [TEAM] }, facts())).toBe(false);
    expect(
      holds({ field: "sentiment", operator: "not_in", value: ["negative"] }, facts({ sentiment: null })),
    ).toBe(true);
  });

  it("checks business hours and explains a miss in words", () => {
    const inside = { field: "business_hours", operator: "equals", value: true };
    expect(holds(inside, facts({ insideBusinessHours: true }))).toBe(true);
    expect(conditionsHold(rule([inside]), facts({ insideBusinessHours: false })).failed).toEqual([
      "inside business hours (it is outside)",
    ]);
  });

  it("lets neither a condition nor its negation hold on a value that skipped validation", () => {
    const broken = (operator: string): RuleCondition =>
      ({ field: "status", operator, value: { not: "valid" } }) as unknown as RuleCondition;
    const r = { ...rule([]), conditions: [broken("equals"), broken("not_equals")], match: "any" as const };
    expect(conditionsHold(r, facts()).matched).toBe(false);
  });
});

describe("matchingRules", () => {
  it("keeps enabled rules for the same event whose conditions hold, in the given order", () => {
    const a = rule([{ field: "platform", operator: "equals", value: "facebook" }], { id: "a" });
    const off = rule([], { id: "off", enabled: false });
    const other = rule([], { id: "other", event: "status_changed" });
    const miss = rule([{ field: "status", operator: "equals", value: "resolved" }], { id: "miss" });
    const b = rule([], { id: "b" });
    expect(matchingRules([b, off, a, other, miss], facts()).map((r) => r.id)).toEqual(["b", "a"]);
  });
});

describe("applyActionsToFacts", () => {
  it("applies state changes in order and leaves the input untouched", () => {
    const before = facts({ labels: ["spam", "new"] });
    const actions: RuleAction[] = [
      { type: "assign_agent", userId: AGENT },
      { type: "assign_team", teamId: TEAM },
      { type: "set_category", categoryKey: "delivery" },
      { type: "set_priority", priority: "urgent" },
      { type: "set_status", status: "open" },
      { type: "add_label", label: "vip" },
      { type: "add_label", label: "new" },
      { type: "remove_label", label: "spam" },
    ];
    const after = applyActionsToFacts(before, actions);
    expect(after.conversation).toMatchObject({
      assigneeId: AGENT,
      teamId: TEAM,
      category: "delivery",
      priority: "urgent",
      status: "open",
      labels: ["new", "vip"],
    });
    expect(before.conversation.labels).toEqual(["spam", "new"]);
    expect(before.conversation.status).toBe("new");
  });

  it("leaves the conversation as it was for replies, notifications and webhooks", () => {
    const before = facts({}, "hello");
    const after = applyActionsToFacts(before, [
      { type: "send_canned_reply", cannedReplyId: TEAM, visibility: "public" },
      { type: "private_reply", text: "Hi" },
      { type: "hide_comment" },
      { type: "notify", teamId: TEAM, text: "Look" },
      { type: "call_webhook", url: "https://example.com" },
    ]);
    expect(after).toEqual(before);
  });
});

describe("eventsCausedBy", () => {
  it("raises status_changed only for a real status change", () => {
    const open = facts({ status: "open" });
    expect(eventsCausedBy({ type: "set_status", status: "resolved" }, open)).toEqual(["status_changed"]);
    expect(eventsCausedBy({ type: "set_status", status: "open" }, open)).toEqual([]);
  });

  it("raises nothing for outbound replies or other changes", () => {
    const f = facts();
    expect(
      eventsCausedBy({ type: "send_canned_reply", cannedReplyId: TEAM, visibility: "public" }, f),
    ).toEqual([]);
    expect(eventsCausedBy({ type: "private_reply", text: "Hi" }, f)).toEqual([]);
    expect(eventsCausedBy({ type: "set_priority", priority: "urgent" }, f)).toEqual([]);
    expect(eventsCausedBy({ type: "add_label", label: "vip" }, f)).toEqual([]);
  });
});
