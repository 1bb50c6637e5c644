import { type Knowledge, knowingStatus, knowledgeAfter, rulesConditionsTruth } from "./conditionKnowledge.ts";
import { applyActionsToFacts, eventsCausedBy, type RuleFacts } from "./ruleEvaluator.ts";
import type { AutomationRule, RuleAction, RuleEvent } from "./ruleSchema.ts";
import { describeAction } from "./ruleText.ts";
import { STATUSES } from "./ruleVocabulary.ts";

/**
 * The rule runs set off by one original event. Rules that fire on the same event each extend that event's
 * chain separately; the events their actions raise carry the extended chain on.
 */
export interface RuleChain {
  depth: number;
  /** Ids of the rules that ran, in order. */
  fired: string[];
}

export type ChainStep = { chain: RuleChain } | { stopped: "self_trigger" | "too_deep"; message: string };

/** Enough for real hand-offs (triage → routing → escalation) while a runaway stops long before it hurts. */
export const MAX_CHAIN_DEPTH = 5;

export function startChain(): RuleChain {
  return { depth: 0, fired: [] };
}

/** Whether `ruleId` may run next in the chain, and the chain its own actions' events then carry. */
export function nextChain(chain: RuleChain, ruleId: string): ChainStep {
  const path = [...chain.fired, ruleId].join(" → ");
  // A rule that comes round again would see the state it left behind and act the same way, forever.
  if (chain.fired.includes(ruleId)) {
    return {
      stopped: "self_trigger",
      message: `Rule ${ruleId} already ran for this event (${path}); stopped it to break a loop`,
    };
  }
  if (chain.depth >= MAX_CHAIN_DEPTH) {
    return {
      stopped: "too_deep",
      message: `Rule ${ruleId} not run: ${MAX_CHAIN_DEPTH} rules already ran in a row for one event (${path})`,
    };
  }
  return { chain: { depth: chain.depth + 1, fired: [...chain.fired, ruleId] } };
}

/**
 * Warnings, for the rule editor, that saving `rule` makes rules set themselves off: its own actions raise its
 * event while its conditions still hold, or it and another enabled rule raise each other's events. Only the
 * status is tried exhaustively; a condition on a field no action sets is assumed able to hold, so a warning
 * means "can loop", and the run-time chain check stays the safety net for longer cycles.
 */
export function selfTriggerProblems(rule: AutomationRule, allRules: readonly AutomationRule[]): string[] {
  const problems: string[] = [];
  const self = selfLoop(rule);
  if (self !== null) problems.push(self);
  for (const other of allRules) {
    if (other.id === rule.id || !other.enabled) continue;
    const cycle = twoRuleCycle(rule, other);
    if (cycle !== null) problems.push(cycle);
  }
  return problems;
}

interface Trigger {
  action: RuleAction;
  event: RuleEvent;
}

/** Later actions see what earlier ones did, as at run time. */
function triggerOf(actions: readonly RuleAction[], facts: RuleFacts, event: RuleEvent): Trigger | null {
  let current = facts;
  for (const action of actions) {
    if (eventsCausedBy(action, current).includes(event)) return { action, event };
    current = applyActionsToFacts(current, [action]);
  }
  return null;
}

function selfLoop(rule: AutomationRule): string | null {
  for (const status of STATUSES) {
    const before = knowingStatus(rule.event, status);
    if (rulesConditionsTruth(rule, before) === "fails") continue;
    const trigger = triggerOf(rule.actions, before.facts, rule.event);
    if (trigger === null) continue;
    if (stillMatches(rule, before, rule.actions, rule.event)) {
      return (
        `This rule ${describeAction(trigger.action)}, which triggers ${rule.event} again, and its conditions ` +
        `still match: it would loop.${advice(trigger.action)}`
      );
    }
  }
  return null;
}

function twoRuleCycle(rule: AutomationRule, other: AutomationRule): string | null {
  for (const status of STATUSES) {
    const start = knowingStatus(rule.event, status);
    if (rulesConditionsTruth(rule, start) === "fails") continue;
    const toOther = triggerOf(rule.actions, start.facts, other.event);
    if (toOther === null || !stillMatches(other, start, rule.actions, other.event)) continue;
    const middle = knowledgeAfter(start, rule.actions, other.event);
    const back = triggerOf(other.actions, middle.facts, rule.event);
    if (back === null || !stillMatches(rule, middle, other.actions, rule.event)) continue;
    return (
      `This rule and "${other.name}" set each other off: this rule ${describeAction(toOther.action)}, ` +
      `which triggers ${other.event} for "${other.name}", and that rule ${describeAction(back.action)}, ` +
      `which triggers ${rule.event} for this rule again: they would loop.`
    );
  }
  return null;
}

function stillMatches(
  rule: AutomationRule,
  before: Knowledge,
  actions: readonly RuleAction[],
  event: RuleEvent,
): boolean {
  return rulesConditionsTruth(rule, knowledgeAfter(before, actions, event)) !== "fails";
}

function advice(action: RuleAction): string {
  if (action.type !== "set_status") return "";
  return ` Add the condition status not_equals "${action.status}" so it runs once.`;
}
