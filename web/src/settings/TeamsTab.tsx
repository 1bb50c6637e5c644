import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { BusinessHoursEditor } from "./BusinessHoursEditor.tsx";
import {
  type Agent,
  type AssignmentStrategy,
  type BusinessHours,
  errorText,
  STRATEGIES,
  type Team,
  useList,
} from "./settingsApi.ts";
import { labelOf, useSettingsT } from "./settingsI18n.ts";

interface Draft {
  name: string;
  description: string;
  assignmentStrategy: AssignmentStrategy;
  businessHours: BusinessHours;
  memberIds: string[];
}

const EMPTY: Draft = {
  name: "",
  description: "",
  assignmentStrategy: "round_robin",
  businessHours: { alwaysOpen: true },
  memberIds: [],
};

function TeamEditor({ team, people, onDone }: { team: Team | null; people: Agent[]; onDone: () => void }) {
  const t = useSettingsT();
  const [draft, setDraft] = useState<Draft>(team ? { ...team } : EMPTY);
  const [error, setError] = useState<string | null>(null);
  async function save(event: FormEvent) {
    event.preventDefault();
    const { memberIds, ...fields } = draft;
    try {
      const saved = team
        ? await api<Team>("PATCH", `/api/teams/${team.id}`, fields)
        : await api<Team>("POST", "/api/teams", fields);
      await api("PUT", `/api/teams/${saved.id}/members`, { userIds: memberIds });
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }
  const toggleMember = (id: string) =>
    setDraft({
      ...draft,
      memberIds: draft.memberIds.includes(id)
        ? draft.memberIds.filter((m) => m !== id)
        : [...draft.memberIds, id],
    });
  return (
    <form className="card" onSubmit={save} data-testid="team-editor">
      <label>
        {t("name")}
        <input required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </label>
      <label>
        {t("description")}
        <input
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </label>
      <label>
        {t("strategy")}
        <select
          value={draft.assignmentStrategy}
          onChange={(e) => setDraft({ ...draft, assignmentStrategy: e.target.value as AssignmentStrategy })}
        >
          {STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {labelOf(t, "strategy", s)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t("members")}</legend>
        <div className="choices">
          {people.map((person) => (
            <label className="check" key={person.id}>
              <input
                type="checkbox"
                checked={draft.memberIds.includes(person.id)}
                onChange={() => toggleMember(person.id)}
              />
              {person.name}
            </label>
          ))}
        </div>
      </fieldset>
      <BusinessHoursEditor
        value={draft.businessHours}
        onChange={(businessHours) => setDraft((d) => ({ ...d, businessHours }))}
      />
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

function hoursSummary(hours: BusinessHours, alwaysOpen: string): string {
  if (hours.alwaysOpen === true) return alwaysOpen;
  const days = Object.entries(hours.weekly)
    .filter(([, spans]) => (spans ?? []).length > 0)
    .map(([day, spans]) => `${day.slice(0, 3)} ${(spans ?? []).join(", ")}`);
  return `${hours.timeZone}: ${days.join("; ")}`;
}

export function TeamsTab() {
  const t = useSettingsT();
  const teams = useList<Team>("/api/teams");
  const people = useList<Agent>("/api/users");
  const [editing, setEditing] = useState<Team | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (editing)
    return (
      <TeamEditor
        team={editing === "new" ? null : editing}
        people={people.items.filter((p) => !p.disabled)}
        onDone={() => {
          setEditing(null);
          void teams.reload();
        }}
      />
    );
  const nameOf = (id: string) => people.items.find((p) => p.id === id)?.name ?? id;
  return (
    <section>
      <button type="button" className="primary" data-testid="add-team" onClick={() => setEditing("new")}>
        {t("addTeam")}
      </button>
      {(error ?? teams.error) && <p className="error">{error ?? teams.error}</p>}
      <table className="settings-table">
        <thead>
          <tr>
            <th>{t("name")}</th>
            <th>{t("strategy")}</th>
            <th>{t("members")}</th>
            <th>{t("businessHours")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {teams.items.map((team) => (
            <tr key={team.id} data-testid="team-row">
              <td>
                <strong>{team.name}</strong>
                <div className="hint">{team.description}</div>
              </td>
              <td>{labelOf(t, "strategy", team.assignmentStrategy)}</td>
              <td>{team.memberIds.map(nameOf).join(", ") || t("none")}</td>
              <td className="hint">{hoursSummary(team.businessHours, t("alwaysOpen"))}</td>
              <td>
                <div className="row">
                  <button type="button" onClick={() => setEditing(team)}>
                    {t("edit")}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (!window.confirm(t("confirmDelete"))) return;
                      api("DELETE", `/api/teams/${team.id}`).then(
                        () => teams.reload(),
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
