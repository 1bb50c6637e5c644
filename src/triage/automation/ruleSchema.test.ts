import { describe, expect, it } from "vitest";
import { AutomationRule, RuleInput, ruleProblems } from "./ruleSchema.ts";

const USER = "5f0c2d3e-1111-4a2b-9c3d-000000000001";
const TEAM = "5f0c2d3e-1111-4a2b-9c3d-000000000002";
const CANNED = "5f0c2d3e-1111-4a2b-9c3d-000000000003";

function input(overrides: Record<string, unknown> = {}) {
  return {
    name: "Delivery complaints to logistics",
    event: "message_received",
    conditions: [{ field: "text", operator: "contains", value: "доставк" }],
    actions: [{ type: "assign_team", teamId: TEAM }],
    ...overrides,
  };
}

function withCondition(condition: Record<string, unknown>) {
  return input({ conditions: [condition] });
}

function withAction(action: Record<string, unknown>) {
  return input({ actions: [action] });
}

describe("rule input", () => {
  it("accepts a sound rule and fills in enabled, match and conditions", () => {
    const rule = RuleInput.parse({
      name: "  Tag VIPs ",
      event: "conversation_created",
      actions: [{ type: "add_label", label: "vip" }],
    });
    expect(rule).toEqual({
      name: "Tag VIPs",
      enabled: true,
      event: "conversation_created",
      conditions: [],
      match: "all",
      actions: [{ type: "add_label", label: "vip" }],
    });
  });

  it("accepts every action type with its fields", () => {
    const actions = [
      { type: "assign_agent", userId: USER },
      { type: "set_category", categoryKey: "delivery" },
      { type: "set_priority", priority: "high" },
      { type: "set_status", status: "open" },
      { type: "remove_label", label: "spam" },
      { type: "send_canned_reply", cannedReplyId: CANNED, visibility: "private" },
      { type: "private_reply", text: "We wrote to you in private messages" },
      { type: "hide_comment" },
      { type: "notify", teamId: TEAM, text: "Angry customer" },
      { type: "call_webhook", url: "https://hooks.example.com/parley?x=1" },
    ];
    expect(ruleProblems(input({ actions }))).toEqual([]);
  });

  it("names an unknown field and lists the known ones", () => {
    expect(ruleProblems(withCondition({ field: "mood", operator: "equals", value: "angry" }))).toEqual([
      expect.stringMatching(
        /^conditions\[0\]\.field: Unknown condition field "mood"; use one of: category, priority,/,
      ),
    ]);
  });

  it("names an unknown operator and an unknown event", () => {
    const problems = ruleProblems(
      input({ event: "message_sent", conditions: [{ field: "reach", operator: "between", value: 5 }] }),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^event: Unknown event "message_sent"; use one of: /),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^conditions\[0\]\.operator: Unknown operator "between"/),
    );
  });

  it("refuses an operator the field does not support and says which ones it does", () => {
    expect(ruleProblems(withCondition({ field: "status", operator: "gte", value: "open" }))).toEqual([
      'conditions[0].operator: Operator "gte" does not apply to status; use one of: equals, not_equals, in, not_in',
    ]);
    expect(ruleProblems(withCondition({ field: "text", operator: "equals", value: "hi" }))).toEqual([
      'conditions[0].operator: Operator "equals" does not apply to text; use one of: contains, not_contains, is_set, is_not_set',
    ]);
    // A field that always has a value cannot be "not set".
    expect(ruleProblems(withCondition({ field: "priority", operator: "is_set" }))[0]).toMatch(
      /Operator "is_set" does not apply to priority/,
    );
  });

  it("refuses values that do not suit the field and operator", () => {
    const problem = (condition: Record<string, unknown>) => ruleProblems(withCondition(condition));
    expect(problem({ field: "priority", operator: "equals", value: "soon" })).toEqual([
      'conditions[0].value: priority equals: "soon" is not a priority; use one of: low, normal, high, urgent',
    ]);
    expect(problem({ field: "reach", operator: "gte", value: "1000" })).toEqual([
      'conditions[0].value: reach gte: needs a number, got "1000"',
    ]);
    expect(problem({ field: "status", operator: "in", value: [] })).toEqual([
      "conditions[0].value: status in: needs a non-empty list of: new, open, pending, resolved, got []",
    ]);
    expect(problem({ field: "assignee_id", operator: "is_set", value: USER })).toEqual([
      "conditions[0].value: assignee_id is_set: takes no value",
    ]);
    expect(problem({ field: "team_id", operator: "equals", value: "support" })).toEqual([
      'conditions[0].value: team_id equals: "support" is not an id (a UUID)',
    ]);
    expect(problem({ field: "business_hours", operator: "equals", value: "yes" })).toEqual([
      'conditions[0].value: business_hours equals: needs true or false, got "yes"',
    ]);
    expect(problem({ field: "text", operator: "contains", value: "!!! 😡" })).toEqual([
      'conditions[0].value: text contains: "!!! 😡" has no letters or digits to look for',
    ]);
  });

  it("refuses a text condition on an event that carries no message", () => {
    expect(ruleProblems(input({ event: "sla_breached" }))).toEqual([
      expect.stringMatching(
        /^conditions\[0\]\.field: sla_breached carries no message, so a text condition never holds/,
      ),
    ]);
  });

  it("refuses a webhook on a scheme other than http(s) or with credentials in the URL", () => {
    expect(ruleProblems(withAction({ type: "call_webhook", url: "ftp://files.example.com/in" }))).toEqual([
      "actions[0].url: Webhook URL must use http or https, not ftp",
    ]);
    expect(
      ruleProblems(withAction({ type: "call_webhook", url: "http://user:pass@hooks.example.com/" })),
    ).toEqual(["actions[0].url: Webhook URL must not contain a user name or password"]);
    expect(ruleProblems(withAction({ type: "call_webhook", url: "javascript:alert(1)" }))).toEqual([
      "actions[0].url: Webhook URL must use http or https, not javascript",
    ]);
    expect(ruleProblems(withAction({ type: "call_webhook", url: "hooks.example.com" }))).toEqual([
      'actions[0].url: Webhook URL "hooks.example.com" is not a valid URL',
    ]);
    expect(
      ruleProblems(withAction({ type: "call_webhook", url: "http://hooks.example.com:8080/in" })),
    ).toEqual([]);
  });

  it("requires at least one action and at most ten", () => {
    expect(ruleProblems(input({ actions: [] }))).toEqual(["actions: Add at least one action"]);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ type: "add_label", label: `l${i}` }));
    expect(ruleProblems(input({ actions: eleven }))).toEqual(["actions: A rule has at most 10 actions"]);
  });

  it("limits conditions to twenty and the name to 1..200 characters", () => {
    const condition = { field: "reach", operator: "gte", value: 1 };
    expect(ruleProblems(input({ conditions: Array(21).fill(condition) }))).toEqual([
      "conditions: A rule has at most 20 conditions",
    ]);
    expect(ruleProblems(input({ name: "   " }))).toEqual(["name: Give the rule a name"]);
    expect(ruleProblems(input({ name: "x".repeat(201) }))).toEqual([
      "name: A rule name is at most 200 characters",
    ]);
    expect(ruleProblems(input({ name: "x".repeat(200) }))).toEqual([]);
  });

  it("names an unknown action type and the missing fields of a known one", () => {
    expect(ruleProblems(withAction({ type: "send_email", to: "a@b.c" }))).toEqual([
      expect.stringMatching(
        /^actions\[0\]\.type: Unknown action type "send_email"; use one of: assign_agent, /,
      ),
    ]);
    expect(ruleProblems(withAction({ type: "set_priority", priority: "asap" }))).toEqual([
      'actions[0].priority: Unknown priority "asap"; use one of: low, normal, high, urgent',
    ]);
  });

  it("requires someone to notify", () => {
    expect(ruleProblems(withAction({ type: "notify", text: "Look", userIds: [] }))).toEqual([
      "actions[0].userIds: notify needs userIds or a teamId to tell",
    ]);
    expect(ruleProblems(withAction({ type: "notify", text: "Look", userIds: [USER] }))).toEqual([]);
  });

  it("refuses actions that cancel each other out", () => {
    const problems = ruleProblems(
      input({
        actions: [
          { type: "set_status", status: "open" },
          { type: "add_label", label: "vip" },
          { type: "set_status", status: "pending" },
          { type: "remove_label", label: "vip" },
        ],
      }),
    );
    expect(problems).toEqual([
      "actions[2]: Only one set_status action per rule: a second would override the first",
      'actions[3]: The rule both adds and removes the label "vip"',
    ]);
  });

  it("requires an id on a stored rule but not on input", () => {
    expect(AutomationRule.safeParse(input()).success).toBe(false);
    expect(AutomationRule.parse({ ...input(), id: "r1" }).id).toBe("r1");
  });
});
