import { PRIORITIES, STATUSES, VISIBILITIES } from "../../../src/triage/automation/ruleVocabulary.ts";
import { type Option, Select } from "../components/Select.tsx";
import { ChoiceList } from "./ChoiceList.tsx";
import { ACTION_FIELDS, ACTION_TYPES, type RuleCatalog } from "./ruleCatalog.ts";
import type { RuleAction } from "./settingsApi.ts";
import { labelOf, type SettingsT, useSettingsT } from "./settingsI18n.ts";

function optionsFor(field: string, catalog: RuleCatalog, t: SettingsT): Option[] | undefined {
  switch (field) {
    case "userId":
      return catalog.people.map((p) => ({ value: p.id, label: p.name }));
    case "teamId":
      return catalog.teams.map((x) => ({ value: x.id, label: x.name }));
    case "categoryKey":
      return catalog.categories.map((c) => ({ value: c.key, label: c.name }));
    case "priority":
      return PRIORITIES.map((p) => ({ value: p, label: labelOf(t, "priority", p) }));
    case "status":
      return STATUSES.map((s) => ({ value: s, label: labelOf(t, "status", s) }));
    case "visibility":
      return VISIBILITIES.map((v) => ({ value: v, label: labelOf(t, "visibility", v) }));
    default:
      return undefined;
  }
}

/** Required drop-downs start on their first option, so a fresh action is valid as soon as it is added. */
export function newAction(type: string, catalog: RuleCatalog, t: SettingsT): RuleAction {
  const action: RuleAction = { type };
  for (const field of ACTION_FIELDS[type] ?? []) {
    // notify takes a team or people: neither is preselected, the author chooses.
    if (type === "notify") continue;
    const first = optionsFor(field, catalog, t)?.[0];
    if (first) action[field] = first.value;
  }
  return action;
}

const FIELD_LABEL: Readonly<Record<string, "label" | "text" | "url" | "cannedReplyId">> = {
  label: "label",
  text: "text",
  url: "url",
  cannedReplyId: "cannedReplyId",
};

export function ActionRow({
  action,
  catalog,
  onChange,
  onRemove,
}: {
  action: RuleAction;
  catalog: RuleCatalog;
  onChange: (action: RuleAction) => void;
  onRemove: () => void;
}) {
  const t = useSettingsT();
  const set = (field: string, value: unknown) => {
    const next: RuleAction = { ...action, [field]: value };
    if (value === "" || (Array.isArray(value) && value.length === 0)) delete next[field];
    onChange(next);
  };
  return (
    <div className="row" data-testid="action-row">
      <Select
        aria-label={t("thenDo")}
        options={ACTION_TYPES.map((type) => ({ value: type, label: labelOf(t, "action", type) }))}
        value={action.type}
        onChange={(type) => onChange(newAction(type, catalog, t))}
      />
      {(ACTION_FIELDS[action.type] ?? []).map((field) => {
        const value = action[field];
        if (field === "userIds")
          return (
            <ChoiceList
              key={field}
              label={t("notify")}
              options={catalog.people.map((p) => ({ value: p.id, label: p.name }))}
              selected={Array.isArray(value) ? (value as string[]) : []}
              onChange={(values) => set(field, values)}
            />
          );
        const options = optionsFor(field, catalog, t);
        if (options)
          return (
            <Select
              key={field}
              // notify names a team or people, either of which may be left out; other fields are required.
              emptyLabel={action.type === "notify" ? t("none") : undefined}
              options={options}
              value={String(value ?? "")}
              onChange={(next) => set(field, next)}
            />
          );
        const labelKey = FIELD_LABEL[field] ?? "text";
        return (
          <input
            key={field}
            type={field === "url" ? "url" : "text"}
            placeholder={t(labelKey)}
            aria-label={t(labelKey)}
            value={String(value ?? "")}
            onChange={(e) => set(field, e.target.value)}
          />
        );
      })}
      <button type="button" onClick={onRemove}>
        {t("remove")}
      </button>
    </div>
  );
}
