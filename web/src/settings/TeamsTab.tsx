import { useState } from "react";
import { api } from "../api.ts";
import { AddButton } from "../components/AddButton.tsx";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { FormButtons } from "../components/FormButtons.tsx";
import { RecordTable } from "../components/RecordTable.tsx";
import { SelectField } from "../components/Select.tsx";
import { saveRecord } from "../components/saveRecord.ts";
import { TextField } from "../components/TextField.tsx";
import { useListEditor } from "../components/useListEditor.ts";
import { useRecordList } from "../components/useRecordList.ts";
import { useSubmit } from "../components/useRequest.ts";
import { BusinessHoursEditor } from "./BusinessHoursEditor.tsx";
import { ChoiceList } from "./ChoiceList.tsx";
import { RowButtons } from "./RowButtons.tsx";
import {
  type Agent,
  type AssignmentStrategy,
  type BusinessHours,
  STRATEGIES,
  type Team,
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
  const { submit, error } = useSubmit(async () => {
    const { memberIds, ...fields } = draft;
    const saved = await saveRecord<Team>("/api/teams", team?.id, fields);
    await api("PUT", `/api/teams/${saved.id}/members`, { userIds: memberIds });
  }, onDone);
  return (
    <form className="card" onSubmit={submit} data-testid="team-editor">
      <TextField
        label={t("name")}
        required
        value={draft.name}
        onChange={(name) => setDraft({ ...draft, name })}
      />
      <TextField
        label={t("description")}
        value={draft.description}
        onChange={(description) => setDraft({ ...draft, description })}
      />
      <SelectField
        label={t("strategy")}
        options={STRATEGIES.map((s) => ({ value: s, label: labelOf(t, "strategy", s) }))}
        value={draft.assignmentStrategy}
        onChange={(s) => setDraft({ ...draft, assignmentStrategy: s as AssignmentStrategy })}
      />
      <ChoiceList
        label={t("members")}
        options={people.map((p) => ({ value: p.id, label: p.name }))}
        selected={draft.memberIds}
        onChange={(memberIds) => setDraft({ ...draft, memberIds })}
      />
      <BusinessHoursEditor
        value={draft.businessHours}
        onChange={(businessHours) => setDraft((d) => ({ ...d, businessHours }))}
      />
      <ErrorMessage error={error} />
      <FormButtons saveLabel={t("save")} cancelLabel={t("cancel")} onCancel={onDone} />
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
  const teams = useListEditor<Team>("/api/teams");
  const people = useRecordList<Agent>("/api/users");
  if (teams.editing)
    return (
      <TeamEditor
        team={teams.editing === "new" ? null : teams.editing}
        people={people.items.filter((p) => !p.disabled)}
        onDone={teams.saved}
      />
    );
  const nameOf = (id: string) => people.items.find((p) => p.id === id)?.name ?? id;
  return (
    <section>
      <AddButton data-testid="add-team" label={t("addTeam")} onClick={() => teams.edit("new")} />
      <ErrorMessage error={teams.error} />
      <RecordTable
        className="settings-table"
        columns={[t("name"), t("strategy"), t("members"), t("businessHours"), ""]}
      >
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
              <RowButtons onEdit={() => teams.edit(team)} onDelete={() => void teams.remove(team.id)} />
            </td>
          </tr>
        ))}
      </RecordTable>
    </section>
  );
}
