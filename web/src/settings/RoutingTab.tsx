import { type FormEvent, useCallback, useEffect, useState } from "react";
import { PLATFORMS } from "../../../src/domain/platform.ts";
import { PRIORITIES, VISIBILITIES } from "../../../src/triage/automation/ruleVocabulary.ts";
import { api } from "../api.ts";
import { ChoiceList } from "./ChoiceList.tsx";
import {
  type Category,
  type ChannelSummary,
  errorText,
  type RoutingConditions,
  type RoutingRule,
  splitList,
  type Team,
  useList,
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
  const [error, setError] = useState<string | null>(null);
  const setCondition = (key: keyof RoutingConditions) => (values: string[]) =>
    setDraft({ ...draft, conditions: { ...draft.conditions, [key]: values } });
  async function save(event: FormEvent) {
    event.preventDefault();
    const body = {
      name: draft.name,
      teamId: draft.teamId,
      enabled: draft.enabled,
      conditions: conditionsOf(draft),
    };
    try {
      if (rule) await api("PATCH", `/api/routing-rules/${rule.id}`, body);
      else await api("POST", "/api/routing-rules", body);
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form className="card" onSubmit={save} data-testid="routing-rule-editor">
      <label>
        {t("name")}
        <input required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </label>
      <label>
        {t("team")}
        <select value={draft.teamId} onChange={(e) => setDraft({ ...draft, teamId: e.target.value })}>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
        />
        {t("enabled")}
      </label>
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
      <label>
        {t("cond_languages")}
        <input value={draft.languages} onChange={(e) => setDraft({ ...draft, languages: e.target.value })} />
        <span className="hint">{t("cond_languagesHint")}</span>
      </label>
      {error && <p className="error">{error}</p>}
      <div className="row">
        <button type="submit" className="primary">
          {t("save")}
        </button>
        <button type="button" onClick={onDone}>
          {t("cancel")}
        </button>
      </div>
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
  const teams = useList<Team>("/api/teams");
  const categories = useList<Category>("/api/categories");
  const channels = useList<ChannelSummary>("/api/channels");
  const [rules, setRules] = useState<RoutingRule[]>([]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [editing, setEditing] = useState<RoutingRule | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      api<{ items: RoutingRule[]; warnings: string[] }>("GET", "/api/routing-rules").then(
        (answer) => {
          setRules(answer.items);
          setWarnings(answer.warnings);
        },
        (err: unknown) => setError(errorText(err)),
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const act = (request: Promise<unknown>) =>
    request.then(
      () => {
        setError(null);
        return load();
      },
      (err: unknown) => setError(errorText(err)),
    );
  const move = (index: number, by: number) => {
    const ids = rules.map((r) => r.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + by, 0, moved);
    void act(api("PUT", "/api/routing-rules/order", { ids }));
  };
  if (editing)
    return (
      <RoutingRuleEditor
        rule={editing === "new" ? null : editing}
        teams={teams.items}
        categories={categories.items}
        channels={channels.items}
        onDone={() => {
          setEditing(null);
          void load();
        }}
      />
    );
  const teamName = (id: string) => teams.items.find((team) => team.id === id)?.name ?? id;
  const channelName = (id: string) => channels.items.find((c) => c.id === id)?.name ?? id;
  return (
    <section>
      <p className="hint">{t("routingHint")}</p>
      <button
        type="button"
        className="primary"
        data-testid="add-routing-rule"
        disabled={teams.items.length === 0}
        onClick={() => setEditing("new")}
      >
        {t("addRoutingRule")}
      </button>
      {error && <p className="error">{error}</p>}
      {warnings.map((warning) => (
        <p className="warning" key={warning}>
          {warning}
        </p>
      ))}
      <table className="settings-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t("name")}</th>
            <th>{t("conditions")}</th>
            <th>{t("team")}</th>
            <th>{t("enabled")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((rule, index) => (
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
                    void act(api("PATCH", `/api/routing-rules/${rule.id}`, { enabled: e.target.checked }))
                  }
                />
              </td>
              <td>
                <div className="row">
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
                    disabled={index === rules.length - 1}
                    title={t("moveDown")}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                  <button type="button" onClick={() => setEditing(rule)}>
                    {t("edit")}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (window.confirm(t("confirmDelete")))
                        void act(api("DELETE", `/api/routing-rules/${rule.id}`));
                    }}
                  >
                    {t("delete")}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
