import { type FormEvent, useState } from "react";
import { PRIORITIES } from "../../../src/triage/automation/ruleVocabulary.ts";
import { api } from "../api.ts";
import { ChoiceList } from "./ChoiceList.tsx";
import { type Agent, errorText, type SlaPolicy, type Team, useList } from "./settingsApi.ts";
import { labelOf, useSettingsT } from "./settingsI18n.ts";

/** Targets are typed in minutes, the unit people think in; the API keeps seconds. */
interface Draft {
  name: string;
  teamId: string;
  priority: string;
  firstResponse: string;
  nextResponse: string;
  resolution: string;
  warningPercent: string;
  raisePriority: string;
  escalationTeamId: string;
  notifyUserIds: string[];
  enabled: boolean;
}

const minutesOf = (seconds: number | null) => (seconds === null ? "" : String(Math.round(seconds / 60)));
const secondsOf = (minutes: string) => (minutes.trim() === "" ? null : Math.round(Number(minutes) * 60));

function draftOf(policy: SlaPolicy | null): Draft {
  return {
    name: policy?.name ?? "",
    teamId: policy?.teamId ?? "",
    priority: policy?.priority ?? "",
    firstResponse: minutesOf(policy?.firstResponseSeconds ?? 3600),
    nextResponse: minutesOf(policy?.nextResponseSeconds ?? null),
    resolution: minutesOf(policy?.resolutionSeconds ?? null),
    warningPercent: String(Math.round((policy?.warningRatio ?? 0.8) * 100)),
    raisePriority: policy?.escalation.raisePriority ?? "",
    escalationTeamId: policy?.escalation.teamId ?? "",
    notifyUserIds: policy?.escalation.notifyUserIds ?? [],
    enabled: policy?.enabled ?? true,
  };
}

function bodyOf(draft: Draft) {
  return {
    name: draft.name,
    teamId: draft.teamId || null,
    priority: draft.priority || null,
    firstResponseSeconds: secondsOf(draft.firstResponse) ?? 0,
    nextResponseSeconds: secondsOf(draft.nextResponse),
    resolutionSeconds: secondsOf(draft.resolution),
    warningRatio: Number(draft.warningPercent) / 100,
    escalation: {
      ...(draft.raisePriority ? { raisePriority: draft.raisePriority } : {}),
      ...(draft.escalationTeamId ? { teamId: draft.escalationTeamId } : {}),
      ...(draft.notifyUserIds.length > 0 ? { notifyUserIds: draft.notifyUserIds } : {}),
    },
    enabled: draft.enabled,
  };
}

function SlaPolicyEditor({
  policy,
  teams,
  people,
  onDone,
}: {
  policy: SlaPolicy | null;
  teams: Team[];
  people: Agent[];
  onDone: () => void;
}) {
  const t = useSettingsT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(policy));
  const [error, setError] = useState<string | null>(null);
  const field = (key: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });
  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      if (policy) await api("PATCH", `/api/sla-policies/${policy.id}`, bodyOf(draft));
      else await api("POST", "/api/sla-policies", bodyOf(draft));
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }
  const minutes = (
    key: "firstResponse" | "nextResponse" | "resolution",
    label: string,
    required: boolean,
  ) => (
    <label>
      {label} ({t("minutes")})
      <input
        type="number"
        min={1}
        required={required}
        placeholder={required ? "" : t("notMeasured")}
        value={draft[key]}
        onChange={field(key)}
      />
    </label>
  );
  return (
    <form className="card" onSubmit={save} data-testid="sla-policy-editor">
      <label>
        {t("name")}
        <input required value={draft.name} onChange={field("name")} />
      </label>
      <div className="row">
        <label>
          {t("team")}
          <select value={draft.teamId} onChange={field("teamId")}>
            <option value="">{t("allTeams")}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("field_priority")}
          <select value={draft.priority} onChange={field("priority")}>
            <option value="">{t("allPriorities")}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {labelOf(t, "priority", p)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <span className="hint">{t("workingMinutesHint")}</span>
      <div className="row">
        {minutes("firstResponse", t("firstResponse"), true)}
        {minutes("nextResponse", t("nextResponse"), false)}
        {minutes("resolution", t("resolution"), false)}
      </div>
      <label>
        {t("warningAt")}
        <input
          type="number"
          min={1}
          max={100}
          value={draft.warningPercent}
          onChange={field("warningPercent")}
        />
      </label>
      <fieldset>
        <legend>{t("escalation")}</legend>
        <div className="row">
          <label>
            {t("raisePriority")}
            <select value={draft.raisePriority} onChange={field("raisePriority")}>
              <option value="">{t("none")}</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {labelOf(t, "priority", p)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("escalateTo")}
            <select value={draft.escalationTeamId} onChange={field("escalationTeamId")}>
              <option value="">{t("none")}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ChoiceList
          label={t("notify")}
          options={people.map((p) => ({ value: p.id, label: p.name }))}
          selected={draft.notifyUserIds}
          onChange={(notifyUserIds) => setDraft({ ...draft, notifyUserIds })}
        />
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
        />
        {t("enabled")}
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

export function SlaPoliciesTab() {
  const t = useSettingsT();
  const policies = useList<SlaPolicy>("/api/sla-policies");
  const teams = useList<Team>("/api/teams");
  const people = useList<Agent>("/api/users");
  const [editing, setEditing] = useState<SlaPolicy | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (editing)
    return (
      <SlaPolicyEditor
        policy={editing === "new" ? null : editing}
        teams={teams.items}
        people={people.items}
        onDone={() => {
          setEditing(null);
          void policies.reload();
        }}
      />
    );
  const teamName = (id: string | null) =>
    id ? (teams.items.find((x) => x.id === id)?.name ?? id) : t("allTeams");
  const target = (seconds: number | null) =>
    seconds === null ? t("none") : `${minutesOf(seconds)} ${t("minutes")}`;
  return (
    <section>
      <button
        type="button"
        className="primary"
        data-testid="add-sla-policy"
        onClick={() => setEditing("new")}
      >
        {t("addPolicy")}
      </button>
      {(error ?? policies.error) && <p className="error">{error ?? policies.error}</p>}
      <table className="settings-table">
        <thead>
          <tr>
            <th>{t("name")}</th>
            <th>{t("team")}</th>
            <th>{t("field_priority")}</th>
            <th>{t("firstResponse")}</th>
            <th>{t("nextResponse")}</th>
            <th>{t("resolution")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {policies.items.map((policy) => (
            <tr key={policy.id} data-testid="sla-policy-row" className={policy.enabled ? "" : "muted"}>
              <td>{policy.name}</td>
              <td>{teamName(policy.teamId)}</td>
              <td>{policy.priority ? labelOf(t, "priority", policy.priority) : t("allPriorities")}</td>
              <td>{target(policy.firstResponseSeconds)}</td>
              <td>{target(policy.nextResponseSeconds)}</td>
              <td>{target(policy.resolutionSeconds)}</td>
              <td>
                <div className="row">
                  <button type="button" onClick={() => setEditing(policy)}>
                    {t("edit")}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (!window.confirm(t("confirmDelete"))) return;
                      api("DELETE", `/api/sla-policies/${policy.id}`).then(
                        () => policies.reload(),
                        (err: unknown) => setError(errorText(err)),
                      );
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
