import { normalizeTerm } from "../../listening/normalize.ts";
import type { ConditionField, ConditionOperator, ConditionValue } from "./ruleSchema.ts";
import { FIELD_SPECS, type FieldSpec, operatorsFor } from "./ruleVocabulary.ts";

export interface ConditionProblem {
  /** Which part of the condition to point the editor at. */
  path: "operator" | "value";
  message: string;
}

interface ConditionShape {
  field: ConditionField;
  operator: ConditionOperator;
  value?: ConditionValue | null | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_LIST = 100;

/** Whether the operator applies to the field and the value suits both; null when the condition is sound. */
export function conditionProblem(condition: ConditionShape): ConditionProblem | null {
  const { field, operator, value } = condition;
  const allowed = operatorsFor(field);
  if (!allowed.includes(operator)) {
    return {
      path: "operator",
      message: `Operator "${operator}" does not apply to ${field}; use one of: ${allowed.join(", ")}`,
    };
  }
  const problem = valueProblem(field, operator, value);
  return problem === null ? null : { path: "value", message: `${field} ${operator}: ${problem}` };
}

function valueProblem(
  field: ConditionField,
  operator: ConditionOperator,
  value: ConditionValue | null | undefined,
): string | null {
  const spec = FIELD_SPECS[field];
  switch (operator) {
    case "is_set":
    case "is_not_set":
      return value === undefined || value === null ? null : "takes no value";
    case "in":
    case "not_in":
      return listProblem(spec, value);
    case "contains":
    case "not_contains":
      return spec.kind === "text" ? needleProblem(value) : labelProblem(value);
    default:
      return scalarProblem(spec, value);
  }
}

function scalarProblem(spec: FieldSpec, value: unknown): string | null {
  switch (spec.kind) {
    case "number":
      return typeof value === "number" ? null : `needs a number, got ${shown(value)}`;
    case "boolean":
      return typeof value === "boolean" ? null : `needs true or false, got ${shown(value)}`;
    default:
      return typeof value === "string"
        ? itemProblem(spec, value)
        : `needs a single value, got ${shown(value)}`;
  }
}

function listProblem(spec: FieldSpec, value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0) {
    const of = spec.choices ? ` of: ${spec.choices.join(", ")}` : "";
    return `needs a non-empty list${of}, got ${shown(value)}`;
  }
  if (value.length > MAX_LIST) return `takes at most ${MAX_LIST} values`;
  for (const item of value) {
    const problem = spec.kind === "labels" ? labelProblem(item) : itemProblem(spec, item);
    if (problem !== null) return problem;
  }
  return null;
}

function itemProblem(spec: FieldSpec, item: unknown): string | null {
  if (typeof item !== "string" || item.trim() === "") return `needs non-empty text, got ${shown(item)}`;
  if (spec.choices && !spec.choices.includes(item)) {
    return `${shown(item)} is not a ${spec.label}; use one of: ${spec.choices.join(", ")}`;
  }
  if (spec.kind === "id" && !UUID.test(item)) return `${shown(item)} is not an id (a UUID)`;
  return null;
}

function labelProblem(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? null : `needs a label name, got ${shown(value)}`;
}

/** A needle of only punctuation or emoji folds to nothing and would match every message. */
function needleProblem(value: unknown): string | null {
  const needles = Array.isArray(value) ? value : [value];
  if (needles.length === 0) return "needs a word or a non-empty list of words";
  for (const needle of needles) {
    if (typeof needle !== "string") return `needs a word or a list of words, got ${shown(value)}`;
    if (normalizeTerm(needle) === "") return `${shown(needle)} has no letters or digits to look for`;
  }
  return null;
}

function shown(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}
