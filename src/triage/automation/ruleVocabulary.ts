import { CONVERSATION_STATUSES } from "../../domain/conversation.ts";
import { PLATFORMS } from "../../domain/platform.ts";
import { PRIORITIES } from "../routing/priority.ts";
import type { ConditionField, ConditionOperator } from "./ruleSchema.ts";

export const RULE_EVENTS = [
  "conversation_created",
  "message_received",
  "status_changed",
  "sla_warning",
  "sla_breached",
  "mention_matched",
] as const;

/** Only these events carry a customer's message, so only their rules can test its text. */
export const EVENTS_WITH_MESSAGE: readonly string[] = [
  "conversation_created",
  "message_received",
  "mention_matched",
];

/**
 * Routing's list, lowest first, so rules compare priorities (gte / lte) in the order triage raises them;
 * re-exported to keep the whole rule vocabulary one import away for the rule code and the settings editors.
 */
export { PRIORITIES };
export const STATUSES = CONVERSATION_STATUSES;
export const VISIBILITIES = ["public", "private"] as const;
export const SENTIMENTS = ["negative", "neutral", "positive"] as const;

export const CONDITION_FIELDS = [
  "category",
  "priority",
  "status",
  "channel_id",
  "platform",
  "visibility",
  "language",
  "sentiment",
  "text",
  "labels",
  "team_id",
  "assignee_id",
  "reach",
  "business_hours",
] as const;

export const CONDITION_OPERATORS = [
  "equals",
  "not_equals",
  "in",
  "not_in",
  "contains",
  "not_contains",
  "gte",
  "lte",
  "is_set",
  "is_not_set",
] as const;

export type FieldKind = "id" | "key" | "choice" | "text" | "labels" | "number" | "boolean";

export interface FieldSpec {
  kind: FieldKind;
  /** The conversation may have no value, so is_set / is_not_set mean something. */
  optional: boolean;
  choices?: readonly string[];
  /** The choices have an order (lowest first) that gte / lte compare by. */
  ordered?: boolean;
  /** How the field reads in a sentence shown to people. */
  label: string;
}

export const FIELD_SPECS: Readonly<Record<ConditionField, FieldSpec>> = {
  category: { kind: "key", optional: true, label: "category" },
  priority: { kind: "choice", optional: false, choices: PRIORITIES, ordered: true, label: "priority" },
  status: { kind: "choice", optional: false, choices: STATUSES, label: "status" },
  channel_id: { kind: "id", optional: false, label: "channel" },
  platform: { kind: "choice", optional: false, choices: PLATFORMS, label: "platform" },
  visibility: { kind: "choice", optional: false, choices: VISIBILITIES, label: "visibility" },
  language: { kind: "key", optional: true, label: "language" },
  sentiment: { kind: "choice", optional: true, choices: SENTIMENTS, label: "sentiment" },
  text: { kind: "text", optional: true, label: "message text" },
  labels: { kind: "labels", optional: true, label: "labels" },
  team_id: { kind: "id", optional: true, label: "team" },
  assignee_id: { kind: "id", optional: true, label: "assignee" },
  reach: { kind: "number", optional: true, label: "reach" },
  business_hours: { kind: "boolean", optional: false, label: "business hours" },
};

const OPERATORS_BY_KIND: Readonly<Record<FieldKind, readonly ConditionOperator[]>> = {
  id: ["equals", "not_equals", "in", "not_in"],
  key: ["equals", "not_equals", "in", "not_in"],
  choice: ["equals", "not_equals", "in", "not_in"],
  text: ["contains", "not_contains"],
  labels: ["contains", "not_contains", "in", "not_in"],
  number: ["equals", "not_equals", "gte", "lte"],
  boolean: ["equals", "not_equals"],
};

export function operatorsFor(field: ConditionField): readonly ConditionOperator[] {
  const spec = FIELD_SPECS[field];
  const operators = [...OPERATORS_BY_KIND[spec.kind]];
  if (spec.ordered) operators.push("gte", "lte");
  // A field that always has a value would make is_set a constant, which is a mistake worth refusing.
  if (spec.optional) operators.push("is_set", "is_not_set");
  return operators;
}
