import type { ReactNode } from "react";
import {
  CONDITION_FIELDS,
  FIELD_SPECS,
  operatorsFor,
} from "../../../src/triage/automation/ruleVocabulary.ts";
import { Select } from "../components/Select.tsx";
import { ChoiceList } from "./ChoiceList.tsx";
import { optionsForField, type RuleCatalog } from "./ruleCatalog.ts";
import { type RuleCondition, splitList } from "./settingsApi.ts";
import { labelOf, useSettingsT } from "./settingsI18n.ts";

const LIST_OPERATORS = ["in", "not_in"];
const NO_VALUE = ["is_set", "is_not_set"];

type ConditionField = (typeof CONDITION_FIELDS)[number];

/** A sensible starting value when the field or operator changes, so the row stays valid as far as it can. */
function initialValue(field: ConditionField, operator: string): RuleCondition["value"] {
  if (NO_VALUE.includes(operator)) return undefined;
  const spec = FIELD_SPECS[field];
  if (LIST_OPERATORS.includes(operator)) return [];
  if (spec.kind === "boolean") return true;
  if (spec.kind === "number") return 0;
  return spec.choices?.[0] ?? "";
}

export function ConditionRow({
  condition,
  catalog,
  onChange,
  onRemove,
}: {
  condition: RuleCondition;
  catalog: RuleCatalog;
  onChange: (condition: RuleCondition) => void;
  onRemove: () => void;
}) {
  const t = useSettingsT();
  const field = condition.field as ConditionField;
  const spec = FIELD_SPECS[field];
  const operators = operatorsFor(field);
  const choices =
    optionsForField(field, catalog) ??
    spec.choices?.map((value) => ({ value, label: labelOf(t, field, value) }));
  const isList = LIST_OPERATORS.includes(condition.operator);
  const value = condition.value;

  let editor: ReactNode = null;
  if (NO_VALUE.includes(condition.operator)) editor = null;
  else if (spec.kind === "boolean")
    editor = (
      <Select
        options={[
          { value: "true", label: t("yes") },
          { value: "false", label: t("no") },
        ]}
        value={String(value)}
        onChange={(next) => onChange({ ...condition, value: next === "true" })}
      />
    );
  else if (spec.kind === "number")
    editor = (
      <input
        type="number"
        value={typeof value === "number" ? value : 0}
        onChange={(e) => onChange({ ...condition, value: Number(e.target.value) })}
      />
    );
  else if (choices && isList)
    editor = (
      <ChoiceList
        label={t("value")}
        options={choices}
        selected={Array.isArray(value) ? value : []}
        onChange={(values) => onChange({ ...condition, value: values })}
      />
    );
  else if (choices)
    editor = (
      <select value={String(value ?? "")} onChange={(e) => onChange({ ...condition, value: e.target.value })}>
        <option value="" disabled>
          {t("none")}
        </option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    );
  else {
    // Free text: a comma makes a list, which text conditions read as "any of" and in / not_in require.
    const text = Array.isArray(value) ? value.join(", ") : String(value ?? "");
    editor = (
      <input
        value={text}
        title={t("valueHint")}
        placeholder={t("valueHint")}
        onChange={(e) => {
          const parts = splitList(e.target.value);
          const asList = isList || (field === "text" && parts.length > 1);
          onChange({ ...condition, value: asList ? parts : e.target.value });
        }}
      />
    );
  }

  return (
    <div className="row" data-testid="condition-row">
      <Select
        aria-label={t("field")}
        options={CONDITION_FIELDS.map((f) => ({ value: f, label: labelOf(t, "field", f) }))}
        value={field}
        onChange={(picked) => {
          const next = picked as ConditionField;
          const operator = operatorsFor(next)[0] ?? "equals";
          onChange({ field: next, operator, value: initialValue(next, operator) });
        }}
      />
      <Select
        aria-label={t("operator")}
        options={operators.map((op) => ({ value: op, label: labelOf(t, "op", op) }))}
        value={condition.operator}
        onChange={(operator) => onChange({ ...condition, operator, value: initialValue(field, operator) })}
      />
      {editor}
      <button type="button" onClick={onRemove}>
        {t("remove")}
      </button>
    </div>
  );
}
