import { applyActionsToFacts, conditionHolds, type RuleFacts } from "./ruleEvaluator.ts";
import type {
  AutomationRule,
  ConditionField,
  RuleAction,
  RuleActionType,
  RuleCondition,
  RuleEvent,
} from "./ruleSchema.ts";

/**
 * Three-valued condition checks for rules judged when saved, before any conversation exists: a field is
 * known only once an action set it (or the check chose it), and a condition on any other field might hold.
 */
export type Truth = "holds" | "fails" | "unknown";

export interface Knowledge {
  /** Values of the known fields; every other field is a placeholder that must not be read as fact. */
  facts: RuleFacts;
  known: ReadonlySet<ConditionField>;
  /** Labels only ever become partly known: an action adds or removes one, the rest stay open. */
  labelsPresent: ReadonlySet<string>;
  labelsAbsent: ReadonlySet<string>;
}

const FIELD_SET_BY: Partial<Record<RuleActionType, ConditionField>> = {
  assign_agent: "assignee_id",
  assign_team: "team_id",
  set_category: "category",
  set_priority: "priority",
  set_status: "status",
};

/** A conversation of which only the status is known. */
export function knowingStatus(event: RuleEvent, status: string): Knowledge {
  return {
    facts: {
      event,
      conversation: {
        id: "static-check",
        category: null,
        priority: "normal",
        status,
        channelId: "",
        platform: "web",
        visibility: "public",
        language: null,
        sentiment: null,
        labels: [],
        teamId: null,
        assigneeId: null,
        reach: null,
        insideBusinessHours: true,
      },
    },
    known: new Set<ConditionField>(["status"]),
    labelsPresent: new Set(),
    labelsAbsent: new Set(),
  };
}

export function knowledgeAfter(
  knowledge: Knowledge,
  actions: readonly RuleAction[],
  event: RuleEvent,
): Knowledge {
  const known = new Set(knowledge.known);
  const present = new Set(knowledge.labelsPresent);
  const absent = new Set(knowledge.labelsAbsent);
  for (const action of actions) {
    const field = FIELD_SET_BY[action.type];
    if (field !== undefined) known.add(field);
    if (action.type === "add_label") {
      present.add(action.label);
      absent.delete(action.label);
    } else if (action.type === "remove_label") {
      absent.add(action.label);
      present.delete(action.label);
    }
  }
  const facts = applyActionsToFacts({ ...knowledge.facts, event }, actions);
  return { facts, known, labelsPresent: present, labelsAbsent: absent };
}

export function conditionTruth(condition: RuleCondition, knowledge: Knowledge): Truth {
  if (condition.field === "labels") return labelsTruth(condition, knowledge);
  if (!knowledge.known.has(condition.field)) return "unknown";
  return conditionHolds(condition, knowledge.facts) ? "holds" : "fails";
}

/** Whether the rule's conditions hold; an empty list always does, as at run time. */
export function rulesConditionsTruth(rule: AutomationRule, knowledge: Knowledge): Truth {
  if (rule.conditions.length === 0) return "holds";
  const truths = rule.conditions.map((condition) => conditionTruth(condition, knowledge));
  const decisive = rule.match === "any" ? "holds" : "fails";
  if (truths.includes(decisive)) return decisive;
  if (truths.includes("unknown")) return "unknown";
  return rule.match === "any" ? "fails" : "holds";
}

function labelsTruth(condition: RuleCondition, knowledge: Knowledge): Truth {
  const { labelsPresent: present, labelsAbsent: absent } = knowledge;
  const { value } = condition;
  switch (condition.operator) {
    case "contains":
      return typeof value === "string" ? labelTruth(value, present, absent) : "unknown";
    case "not_contains":
      return typeof value === "string" ? negate(labelTruth(value, present, absent)) : "unknown";
    case "in":
      return Array.isArray(value) ? anyLabelTruth(value, present, absent) : "unknown";
    case "not_in":
      return Array.isArray(value) ? negate(anyLabelTruth(value, present, absent)) : "unknown";
    case "is_set":
      return present.size > 0 ? "holds" : "unknown";
    case "is_not_set":
      return present.size > 0 ? "fails" : "unknown";
    default:
      return "unknown";
  }
}

function labelTruth(label: string, present: ReadonlySet<string>, absent: ReadonlySet<string>): Truth {
  if (present.has(label)) return "holds";
  return absent.has(label) ? "fails" : "unknown";
}

function anyLabelTruth(
  labels: readonly string[],
  present: ReadonlySet<string>,
  absent: ReadonlySet<string>,
): Truth {
  if (labels.some((label) => present.has(label))) return "holds";
  return labels.every((label) => absent.has(label)) ? "fails" : "unknown";
}

function negate(truth: Truth): Truth {
  if (truth === "unknown") return truth;
  return truth === "holds" ? "fails" : "holds";
}
