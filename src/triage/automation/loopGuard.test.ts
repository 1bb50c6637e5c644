import { describe, expect, it } from "vitest";
import { MAX_CHAIN_DEPTH, nextChain, type RuleChain, selfTriggerProblems, startChain } from "./loopGuard.ts";
import { applyActionsToFacts, eventsCausedBy, matchingRules, type RuleFacts } from "./ruleEvaluator.ts";
import { AutomationRule } from "./ruleSchema.ts";

function rule(id: string, fields: Record<string, unknown>): AutomationRule {
  return AutomationRule.parse({ id, name: `Rule ${id}`, event: "status_changed", ...fields });
}

function step(chain: RuleChain, ruleId: string): RuleChain {
  const next = nextChain(chain, ruleId);
  if (!("chain" in next)) throw new Error(`unexpected stop: ${next.message}`);
  return next.chain;
}

describe("nextChain", () => {
  it("extends the chain without changing the one it was given", () => {
    const first = startChain();
    const second = step(first, "a");
    expect(second).toEqual({ depth: 1, fired: ["a"] });
    expect(step(second, "b")).toEqual({ depth: 2, fired: ["a", "b"] });
    expect(first).toEqual({ depth: 0, fired: [] });
  });

  it("stops a rule that triggers itself directly", () => {
    const result = nextChain(step(startChain(), "a"), "a");
    expect(result).toEqual({
      stopped: "self_trigger",
      message: "Rule a already ran for this event (a → a); stopped it to break a loop",
    });
  });

  it("stops a rule that comes round again through another rule", () => {
    const chain = step(step(startChain(), "a"), "b");
    expect(nextChain(chain, "a")).toMatchObject({ stopped: "self_trigger" });
    expect(nextChain(chain, "c")).toMatchObject({ chain: { depth: 3 } });
  });

  it("allows five distinct rules in a row and stops the sixth", () => {
    let chain = startChain();
    for (const id of ["r1", "r2", "r3", "r4", "r5"]) chain = step(chain, id);
    expect(chain.depth).toBe(MAX_CHAIN_DEPTH);
    const sixth = nextChain(chain, "r6");
    expect(sixth).toMatchObject({ stopped: "too_deep" });
    expect("message" in sixth && sixth.message).toContain("r1 → r2 → r3 → r4 → r5 → r6");
  });

  it("breaks a ping-pong between two rules when driven like the runner would", () => {
    const toOpen = rule("to-open", {
      conditions: [{ field: "status", operator: "equals", value: "pending" }],
      actions: [{ type: "set_status", status: "open" }],
    });
    const toPending = rule("to-pending", {
      conditions: [{ field: "status", operator: "equals", value: "open" }],
      actions: [{ type: "set_status", status: "pending" }],
    });
    let facts: RuleFacts = {
      event: "status_changed",
      conversation: {
        id: "c1",
        category: null,
        priority: "normal",
        status: "pending",
        channelId: "ch1",
        platform: "vk",
        visibility: "private",
        language: null,
        sentiment: null,
        labels: [],
        teamId: null,
        assigneeId: null,
        reach: null,
        insideBusinessHours: true,
      },
    };
    let chain = startChain();
    const ran: string[] = [];
    let stop: string | null = null;
    for (let guard = 0; guard < 20 && stop === null; guard++) {
      const [next] = matchingRules([toOpen, toPending], facts);
      if (!next) break;
      const result = nextChain(chain, next.id);
      if ("stopped" in result) {
        stop = result.stopped;
        break;
      }
      chain = result.chain;
      ran.push(next.id);
      const caused = next.actions.flatMap((action) => eventsCausedBy(action, facts));
      facts = applyActionsToFacts(facts, next.actions);
      if (!caused.includes("status_changed")) break;
    }
    expect(ran).toEqual(["to-open", "to-pending"]);
    expect(stop).toBe("self_trigger");
  });
});

describe("selfTriggerProblems", () => {
  it("warns about a rule whose status change sets itself off again", () => {
    const reopen = rule("reopen", { actions: [{ type: "set_status", status: "open" }] });
    expect(selfTriggerProblems(reopen, [reopen])).toEqual([
      'This rule sets status to "open", which triggers status_changed again, and its conditions still match: ' +
        'it would loop. Add the condition status not_equals "open" so it runs once.',
    ]);
  });

  it("does not warn when the conditions exclude the status the rule sets", () => {
    const guarded = rule("guarded", {
      conditions: [{ field: "status", operator: "not_equals", value: "open" }],
      actions: [{ type: "set_status", status: "open" }],
    });
    expect(selfTriggerProblems(guarded, [guarded])).toEqual([]);
    const fromPending = rule("from-pending", {
      conditions: [{ field: "status", operator: "in", value: ["pending", "resolved"] }],
      actions: [{ type: "set_status", status: "open" }],
    });
    expect(selfTriggerProblems(fromPending, [])).toEqual([]);
  });

  it("does not warn when the only status the conditions allow is the one set, so nothing changes", () => {
    const noop = rule("noop", {
      conditions: [{ field: "status", operator: "equals", value: "open" }],
      actions: [
        { type: "set_status", status: "open" },
        { type: "add_label", label: "x" },
      ],
    });
    expect(selfTriggerProblems(noop, [])).toEqual([]);
  });

  it("does not warn when a label the rule adds stops it matching again", () => {
    const once = rule("once", {
      conditions: [{ field: "labels", operator: "not_contains", value: "auto-opened" }],
      actions: [
        { type: "set_status", status: "open" },
        { type: "add_label", label: "auto-opened" },
      ],
    });
    expect(selfTriggerProblems(once, [])).toEqual([]);
  });

  it("warns when match any leaves a condition the actions cannot settle", () => {
    const loose = rule("loose", {
      match: "any",
      conditions: [
        { field: "status", operator: "not_equals", value: "open" },
        { field: "priority", operator: "equals", value: "urgent" },
      ],
      actions: [{ type: "set_status", status: "open" }],
    });
    expect(selfTriggerProblems(loose, [])).toHaveLength(1);
  });

  it("does not warn when the actions raise a different event from the rule's", () => {
    const onMessage = rule("on-message", {
      event: "message_received",
      actions: [{ type: "set_status", status: "open" }],
    });
    expect(selfTriggerProblems(onMessage, [onMessage])).toEqual([]);
  });

  it("warns about two rules that set each other off", () => {
    const toOpen = rule("a", {
      name: "Reopen pending",
      conditions: [{ field: "status", operator: "equals", value: "pending" }],
      actions: [{ type: "set_status", status: "open" }],
    });
    const toPending = rule("b", {
      name: "Park open",
      conditions: [{ field: "status", operator: "equals", value: "open" }],
      actions: [{ type: "set_status", status: "pending" }],
    });
    expect(selfTriggerProblems(toOpen, [toOpen, toPending])).toEqual([
      'This rule and "Park open" set each other off: this rule sets status to "open", which triggers ' +
        'status_changed for "Park open", and that rule sets status to "pending", which triggers status_changed ' +
        "for this rule again: they would loop.",
    ]);
    expect(selfTriggerProblems(toPending, [toOpen, toPending])).toHaveLength(1);
  });

  it("does not warn about two rules when the second does not match what the first leaves", () => {
    const toOpen = rule("a", {
      conditions: [{ field: "status", operator: "equals", value: "pending" }],
      actions: [{ type: "set_status", status: "open" }],
    });
    const resolvedToPending = rule("b", {
      conditions: [{ field: "status", operator: "equals", value: "resolved" }],
      actions: [{ type: "set_status", status: "pending" }],
    });
    expect(selfTriggerProblems(toOpen, [toOpen, resolvedToPending])).toEqual([]);
    const disabled = {
      ...rule("c", { actions: [{ type: "set_status", status: "pending" }] }),
      enabled: false,
    };
    expect(selfTriggerProblems(toOpen, [disabled])).toEqual([]);
  });
});
