import type { ConditionOperator, RuleAction, RuleCondition } from "./ruleSchema.ts";
import { FIELD_SPECS } from "./ruleVocabulary.ts";

const OPERATOR_TEXT: Readonly<Record<ConditionOperator, string>> = {
  equals: "is",
  not_equals: "is not",
  in: "is one of",
  not_in: "is none of",
  contains: "contains",
  not_contains: "does not contain",
  gte: "is at least",
  lte: "is at most",
  is_set: "is set",
  is_not_set: "is not set",
};

/** A condition as a sentence for rule lists and dry-run explanations: `priority is at least "high"`. */
export function describeCondition(condition: RuleCondition): string {
  const { field, operator, value } = condition;
  if (field === "business_hours" && typeof value === "boolean") {
    const inside = operator === "equals" ? value : !value;
    return inside ? "inside business hours" : "outside business hours";
  }
  if (field === "labels" && (operator === "contains" || operator === "not_contains")) {
    return `${operator === "contains" ? "has" : "does not have"} the label ${valueText(value)}`;
  }
  if (field === "labels" && (operator === "in" || operator === "not_in")) {
    return `${operator === "in" ? "has any" : "has none"} of the labels ${valueText(value)}`;
  }
  const subject = FIELD_SPECS[field].label;
  const verb = OPERATOR_TEXT[operator];
  if (operator === "is_set" || operator === "is_not_set") return `${subject} ${verb}`;
  if (field === "text" && Array.isArray(value)) return `${subject} ${verb} any of ${valueText(value)}`;
  return `${subject} ${verb} ${valueText(value)}`;
}

/**
 * What the conversation actually had, to show beside a condition that did not hold. Message text is never
 * echoed: it can be long and personal, and the condition already says what was looked for.
 */
export function describeActual(condition: RuleCondition, actual: unknown): string | null {
  if (condition.field === "text") return null;
  if (condition.field === "business_hours") return actual ? "it is inside" : "it is outside";
  if (Array.isArray(actual)) return actual.length === 0 ? "it has none" : `it has ${valueText(actual)}`;
  if (actual === null || actual === undefined) return "it is not set";
  return `it is ${valueText(actual)}`;
}

export function describeAction(action: RuleAction): string {
  switch (action.type) {
    case "set_status":
      return `sets status to "${action.status}"`;
    case "set_priority":
      return `sets priority to "${action.priority}"`;
    case "set_category":
      return `sets category to "${action.categoryKey}"`;
    case "assign_agent":
      return `assigns agent ${action.userId}`;
    case "assign_team":
      return `assigns team ${action.teamId}`;
    case "add_label":
      return `adds the label "${action.label}"`;
    case "remove_label":
      return `removes the label "${action.label}"`;
    default:
      return `runs ${action.type}`;
  }
}

function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => JSON.stringify(item)).join(", ");
  return typeof value === "number" ? String(value) : JSON.stringify(value);
}
