import { normalizeTerm } from "../../listening/normalize.ts";
import type { AutomationRule, ConditionField, RuleAction, RuleCondition, RuleEvent } from "./ruleSchema.ts";
import { describeActual, describeCondition } from "./ruleText.ts";
import { PRIORITIES } from "./ruleVocabulary.ts";

export interface RuleFacts {
  event: RuleEvent;
  conversation: {
    id: string;
    category: string | null;
    priority: string;
    status: string;
    channelId: string;
    platform: string;
    visibility: "public" | "private";
    language: string | null;
    sentiment: string | null;
    labels: string[];
    teamId: string | null;
    assigneeId: string | null;
    reach: number | null;
    insideBusinessHours: boolean;
  };
  message?: { text: string } | undefined;
}

export type FactValue = string | number | boolean | readonly string[] | null;

export interface ConditionsVerdict {
  matched: boolean;
  /** Each condition that did not hold, as a sentence with what the conversation had instead. */
  failed: string[];
}

export function factValue(facts: RuleFacts, field: ConditionField): FactValue {
  const c = facts.conversation;
  switch (field) {
    case "category":
      return c.category;
    case "priority":
      return c.priority;
    case "status":
      return c.status;
    case "channel_id":
      return c.channelId;
    case "platform":
      return c.platform;
    case "visibility":
      return c.visibility;
    case "language":
      return c.language;
    case "sentiment":
      return c.sentiment;
    case "text":
      return facts.message?.text ?? null;
    case "labels":
      return c.labels;
    case "team_id":
      return c.teamId;
    case "assignee_id":
      return c.assigneeId;
    case "reach":
      return c.reach;
    case "business_hours":
      return c.insideBusinessHours;
  }
}

/**
 * Whether one condition holds. A value that does not suit the operator (a rule that skipped validation)
 * makes the condition fail either way round, so a negated operator never turns garbage into a match.
 */
export function conditionHolds(condition: RuleCondition, facts: RuleFacts): boolean {
  const actual = factValue(facts, condition.field);
  const { value } = condition;
  switch (condition.operator) {
    case "is_set":
      return isSet(actual);
    case "is_not_set":
      return !isSet(actual);
    case "equals":
      return isScalar(value) && actual === value;
    case "not_equals":
      return isScalar(value) && actual !== value;
    case "in":
      return Array.isArray(value) && isIn(actual, value);
    case "not_in":
      return Array.isArray(value) && !isIn(actual, value);
    case "contains":
      return contains(condition.field, actual, value) === true;
    case "not_contains":
      return contains(condition.field, actual, value) === false;
    case "gte":
      return compare(condition.field, actual, value, (a, b) => a >= b);
    case "lte":
      return compare(condition.field, actual, value, (a, b) => a <= b);
  }
}

/** An empty condition list holds for every conversation, whether the rule matches all or any. */
export function conditionsHold(rule: AutomationRule, facts: RuleFacts): ConditionsVerdict {
  const failed: string[] = [];
  let held = 0;
  for (const condition of rule.conditions) {
    if (conditionHolds(condition, facts)) {
      held++;
      continue;
    }
    const actual = describeActual(condition, factValue(facts, condition.field));
    failed.push(
      actual === null ? describeCondition(condition) : `${describeCondition(condition)} (${actual})`,
    );
  }
  const matched = rule.conditions.length === 0 || (rule.match === "any" ? held > 0 : failed.length === 0);
  return { matched, failed };
}

export function matchingRules(rules: readonly AutomationRule[], facts: RuleFacts): AutomationRule[] {
  return rules.filter(
    (rule) => rule.enabled && rule.event === facts.event && conditionsHold(rule, facts).matched,
  );
}

/** The conversation after the actions that change its state; replies, notifications and webhooks leave it be. */
export function applyActionsToFacts(facts: RuleFacts, actions: readonly RuleAction[]): RuleFacts {
  const conversation = { ...facts.conversation, labels: [...facts.conversation.labels] };
  for (const action of actions) {
    switch (action.type) {
      case "assign_agent":
        conversation.assigneeId = action.userId;
        break;
      case "assign_team":
        conversation.teamId = action.teamId;
        break;
      case "set_category":
        conversation.category = action.categoryKey;
        break;
      case "set_priority":
        conversation.priority = action.priority;
        break;
      case "set_status":
        conversation.status = action.status;
        break;
      case "add_label":
        if (!conversation.labels.includes(action.label)) conversation.labels.push(action.label);
        break;
      case "remove_label":
        conversation.labels = conversation.labels.filter((label) => label !== action.label);
        break;
      default:
        break;
    }
  }
  return { ...facts, conversation };
}

/**
 * Events an action raises when applied to `before`. Only a real status change raises one; replies are
 * outbound and raise none, and setting what is already set changes nothing.
 */
export function eventsCausedBy(action: RuleAction, before: RuleFacts): RuleEvent[] {
  if (action.type === "set_status" && action.status !== before.conversation.status) return ["status_changed"];
  return [];
}

function isSet(actual: FactValue): boolean {
  if (actual === null) return false;
  if (typeof actual === "string") return actual.trim() !== "";
  if (Array.isArray(actual)) return actual.length > 0;
  return true;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function isIn(actual: FactValue, list: readonly string[]): boolean {
  if (Array.isArray(actual)) return actual.some((item) => list.includes(item));
  return typeof actual === "string" && list.includes(actual);
}

/** true / false for a decided test, null when the value is unusable (so neither operator holds). */
function contains(field: ConditionField, actual: FactValue, value: unknown): boolean | null {
  if (field === "labels") {
    if (typeof value !== "string") return null;
    return Array.isArray(actual) && actual.includes(value);
  }
  const needles = Array.isArray(value) ? value : [value];
  if (needles.length === 0 || !needles.every((n) => typeof n === "string")) return null;
  const folded = needles.map((needle) => normalizeTerm(needle)).filter((needle) => needle !== "");
  if (folded.length === 0) return null;
  const haystack = typeof actual === "string" ? foldedText(actual) : "";
  // Folded text is single-spaced tokens, so a needle matches inside a word ("доставк" in "доставка") and
  // across punctuation ("order #123" in "order 123") alike.
  return folded.some((needle) => haystack.includes(needle));
}

/** Many rules test the same message: fold it once. Keyed by the text itself, so it cannot go stale. */
const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 64;

function foldedText(text: string): string {
  const cached = foldCache.get(text);
  if (cached !== undefined) return cached;
  const folded = normalizeTerm(text);
  if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
  foldCache.set(text, folded);
  return folded;
}

function compare(
  field: ConditionField,
  actual: FactValue,
  value: unknown,
  holds: (actual: number, wanted: number) => boolean,
): boolean {
  if (field === "priority") {
    const order: readonly unknown[] = PRIORITIES;
    const rank = (p: unknown) => order.indexOf(p);
    const have = rank(actual);
    const want = rank(value);
    return have >= 0 && want >= 0 && holds(have, want);
  }
  return typeof actual === "number" && typeof value === "number" && holds(actual, value);
}
