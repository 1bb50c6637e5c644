import { useState } from "react";
import { PLATFORMS } from "../../../src/domain/platform.ts";
import { PRIORITIES, VISIBILITIES } from "../../../src/triage/automation/ruleVocabulary.ts";
import { api } from "../api.ts";
import { AddButton } from "../components/AddButton.tsx";
import { CheckField } from "../components/CheckField.tsx";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { FormButtons } from "../components/FormButtons.tsx";
import { RecordTable } from "../components/RecordTable.tsx";
import { SelectField } from "../components/Select.tsx";
import { saveRecord } from "../components/saveRecord.ts";
import { TextField } from "../components/TextField.tsx";
import { useListEditor } from "../components/useListEditor.ts";
import { useRecordList } from "../components/useRecordList.ts";
import { useSubmit } from "../components/useRequest.ts";
import { ChoiceList } from "./ChoiceList.tsx";
import { RowButtons } from "./RowButtons.tsx";
import {
  type Category,
  type ChannelSummary,
  type RoutingConditions,
  type RoutingRule,
  splitList,
  type Team,
} from "./settingsApi.ts";
import { labelOf, type SettingsKey, useSettingsT } from "./settingsI18n.ts";

interface Draft {
  name: string;
  teamId: string;
  enabled: boolean;
  conditions: RoutingConditions;
  languages: string;
}

/** Empty lists are left out: an absent condition allows anything, which is what an empty one means too. */
function conditionsOf(draft: Draft): RoutingConditions {
  const conditions: RoutingConditions = { ...draft.conditions, languages: splitList(draft.languages) };
  return Object.fromEntries(Object.entries(conditions).filter(([, list]) => list && list.length > 0));
}

function RoutingRuleEditor({
  rule,
  teams,
  categories,
  channels,
  onDone,
}: {
  rule: RoutingRule | null;
  teams: Team[];
  categories: Category[];
  channels: ChannelSummary[];
  onDone: () => void;
}) {
  const t = useSettingsT();
  const [draft, setDraft] = useState<Draft>({
    name: rule?.name ?? "",
    teamId: rule?.teamId ?? teams[0]?.id ?? "",
    enabled: rule?.enabled ?? true,
    conditions: rule?.conditions ?? {},
    languages: (rule?.conditions.languages ?? []).join(", "),
  });
  const { submit, error } = useSubmit(() => {
    const body = {
      name: draft.name,
      teamId: draft.teamId,
      enabled: draft.enabled,
      conditions: conditionsOf(draft),
    };
    return saveRecord("/api/routing-rules", rule?.id, body);
  }, onDone);
  const setCondition = (key: keyof RoutingConditions) => (values: string[]) =>
    setDraft({ ...draft, conditions: { ...draft.conditions, [key]: values } });
  return (
    <form className="card" onSubmit={submit} data-testid="routing-rule-editor">
      <TextField
        label={t("name")}
        required
        value={draft.name}
        onChange={(name) => setDraft({ ...draft, name })}
      />
      <SelectField
        label={t("team")}
        options={teams.map((team) => ({ value: team.id, label: team.name }))}
        value={draft.teamId}
        onChange={(teamId) => setDraft({ ...draft, teamId })}
      />
      <CheckField
        label={t("enabled")}
        checked={draft.enabled}
        onChange={(enabled) => setDraft({ ...draft, enabled })}
      />
      <ChoiceList
        label={t("cond_categories")}
        options={categories.map((c) => ({ value: c.key, label: c.name }))}
        selected={draft.conditions.categories ?? []}
        onChange={setCondition("categories")}
      />
      <ChoiceList
        label={t("cond_platforms")}
        options={PLATFORMS.map((p) => ({ value: p, label: p }))}
        selected={draft.conditions.platforms ?? []}
        onChange={setCondition("platforms")}
      />
      {channels.length > 0 && (
        <ChoiceList
          label={t("field_channel_id")}
          options={channels.map((c) => ({ value: c.id, label: c.name }))}
          selected={draft.conditions.channelIds ?? []}
          onChange={setCondition("channelIds")}
        />
      )}
      <ChoiceList
        label={t("cond_priorities")}
        options={PRIORITIES.map((p) => ({ value: p, label: labelOf(t, "priority", p) }))}
        selected={draft.conditions.priorities ?? []}
        onChange={setCondition("priorities")}
      />
      <ChoiceList
        label={t("cond_visibility")}
        options={VISIBILITIES.map((v) => ({ value: v, label: labelOf(t, "visibility", v) }))}
        selected={draft.conditions.visibility ?? []}
        onChange={setCondition("visibility")}
      />
      <TextField
        label={t("cond_languages")}
        hint={t("cond_languagesHint")}
        value={draft.languages}
        onChange={(languages) => setDraft({ ...draft, languages })}
      />
      <ErrorMessage error={error} />
      <FormButtons saveLabel={t("save")} cancelLabel={t("cancel")} onCancel={onDone} />
    </form>
  );
}

function conditionSummary(
  conditions: RoutingConditions,
  t: ReturnType<typeof useSettingsT>,
  channelName: (id: string) => string,
): string {
  const parts = Object.entries(conditions)
    .filter(([, list]) => list && list.length > 0)
    .map(([key, list]) => {
      const values = key === "channelIds" ? (list as string[]).map(channelName) : (list as string[]);
      const label = key === "channelIds" ? t("field_channel_id") : t(`cond_${key}` as SettingsKey);
      return `${label}: ${values.join(", ")}`;
    });
  return parts.length > 0 ? parts.join("; ") : t("any");
}

export function RoutingTab() {
  const t = useSettingsT();
  const teams = useRecordList<Team>("/api/teams");
  const categories = useRecordList<Category>("/api/categories");
  const channels = useRecordList<ChannelSummary>("/api/channels");
  const rules = useListEditor<RoutingRule, { items: RoutingRule[]; warnings: string[] }>(
    "/api/routing-rules",
  );
  const move = (index: number, by: number) => {
    const ids = rules.items.map((r) => r.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + by, 0, moved);
    void rules.act(() => api("PUT", "/api/routing-rules/order", { ids }));
  };
  if (rules.editing)
    return (
      <RoutingRuleEditor
        rule={rules.editing === "new" ? null : rules.editing}
        teams={teams.items}
        categories={categories.items}
        channels={channels.items}
        onDone={rules.saved}
      />
    );
  const teamName = (id: string) => teams.items.find((team) => team.id === id)?.name ?? id;
  const channelName = (id: string) => channels.items.find((c) => c.id === id)?.name ?? id;
  return (
    <section>
      <p className="hint">{t("routingHint")}</p>
      <AddButton
        data-testid="add-routing-rule"
        label={t("addRoutingRule")}
        disabled={teams.items.length === 0}
        onClick={() => rules.edit("new")}
      />
      <ErrorMessage error={rules.error} />
      {(rules.answer?.warnings ?? []).map((warning) => (
        <p className="warning" key={warning}>
          {warning}
        </p>
      ))}
      <RecordTable
        className="settings-table"
        columns={["#", t("name"), t("conditions"), t("team"), t("enabled"), ""]}
      >
        {rules.items.map((rule, index) => (
          <tr key={rule.id} data-testid="routing-rule-row" className={rule.enabled ? "" : "muted"}>
            <td>{index + 1}</td>
            <td>{rule.name}</td>
            <td className="hint">{conditionSummary(rule.conditions, t, channelName)}</td>
            <td>{teamName(rule.teamId)}</td>
            <td>
              <input
                type="checkbox"
                aria-label={t("enabled")}
                checked={rule.enabled}
                onChange={(e) =>
                  void rules.act(() =>
                    api("PATCH", `/api/routing-rules/${rule.id}`, { enabled: e.target.checked }),
                  )
                }
              />
            </td>
            <td>
              <RowButtons
                onEdit={() => rules.edit(rule)}
                onDelete={() => void rules.remove(rule.id)}
                leading={
                  <>
                    <button
                      type="button"
                      disabled={index === 0}
                      title={t("moveUp")}
                      onClick={() => move(index, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      disabled={index === rules.items.length - 1}
                      title={t("moveDown")}
                      onClick={() => move(index, 1)}
                    >
                      ↓
                    </button>
                  </>
                }
              />
            </td>
          </tr>
        ))}
      </RecordTable>
    </section>
  );
}
