import { useState } from "react";
import { PRIORITIES } from "../../../src/triage/automation/ruleVocabulary.ts";
import { AddButton } from "../components/AddButton.tsx";
import { CheckField } from "../components/CheckField.tsx";
import { draftFields } from "../components/draftFields.ts";
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
import type { Agent, SlaPolicy, Team } from "./settingsApi.ts";
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
  const { submit, error } = useSubmit(
    () => saveRecord("/api/sla-policies", policy?.id, bodyOf(draft)),
    onDone,
  );
  const { text, check } = draftFields(draft, (patch) => setDraft({ ...draft, ...patch }));
  const teamOptions = teams.map((team) => ({ value: team.id, label: team.name }));
  const priorityOptions = PRIORITIES.map((p) => ({ value: p, label: labelOf(t, "priority", p) }));
  const minutes = (
    key: "firstResponse" | "nextResponse" | "resolution",
    label: string,
    required: boolean,
  ) => (
    <TextField
      label={`${label} (${t("minutes")})`}
      type="number"
      min={1}
      required={required}
      placeholder={required ? "" : t("notMeasured")}
      {...text(key)}
    />
  );
  return (
    <form className="card" onSubmit={submit} data-testid="sla-policy-editor">
      <TextField label={t("name")} required {...text("name")} />
      <div className="row">
        <SelectField label={t("team")} emptyLabel={t("allTeams")} options={teamOptions} {...text("teamId")} />
        <SelectField
          label={t("field_priority")}
          emptyLabel={t("allPriorities")}
          options={priorityOptions}
          {...text("priority")}
        />
      </div>
      <span className="hint">{t("workingMinutesHint")}</span>
      <div className="row">
        {minutes("firstResponse", t("firstResponse"), true)}
        {minutes("nextResponse", t("nextResponse"), false)}
        {minutes("resolution", t("resolution"), false)}
      </div>
      <TextField label={t("warningAt")} type="number" min={1} max={100} {...text("warningPercent")} />
      <fieldset>
        <legend>{t("escalation")}</legend>
        <div className="row">
          <SelectField
            label={t("raisePriority")}
            emptyLabel={t("none")}
            options={priorityOptions}
            {...text("raisePriority")}
          />
          <SelectField
            label={t("escalateTo")}
            emptyLabel={t("none")}
            options={teamOptions}
            {...text("escalationTeamId")}
          />
        </div>
        <ChoiceList
          label={t("notify")}
          options={people.map((p) => ({ value: p.id, label: p.name }))}
          selected={draft.notifyUserIds}
          onChange={(notifyUserIds) => setDraft({ ...draft, notifyUserIds })}
        />
      </fieldset>
      <CheckField label={t("enabled")} {...check("enabled")} />
      <ErrorMessage error={error} />
      <FormButtons saveLabel={t("save")} cancelLabel={t("cancel")} onCancel={onDone} />
    </form>
  );
}

export function SlaPoliciesTab() {
  const t = useSettingsT();
  const policies = useListEditor<SlaPolicy>("/api/sla-policies");
  const teams = useRecordList<Team>("/api/teams");
  const people = useRecordList<Agent>("/api/users");
  if (policies.editing)
    return (
      <SlaPolicyEditor
        policy={policies.editing === "new" ? null : policies.editing}
        teams={teams.items}
        people={people.items}
        onDone={policies.saved}
      />
    );
  const teamName = (id: string | null) =>
    id ? (teams.items.find((x) => x.id === id)?.name ?? id) : t("allTeams");
  const target = (seconds: number | null) =>
    seconds === null ? t("none") : t("minutesCount", { minutes: Math.round(seconds / 60) });
  return (
    <section>
      <AddButton data-testid="add-sla-policy" label={t("addPolicy")} onClick={() => policies.edit("new")} />
      <ErrorMessage error={policies.error} />
      <RecordTable
        className="settings-table"
        columns={[
          t("name"),
          t("team"),
          t("field_priority"),
          t("firstResponse"),
          t("nextResponse"),
          t("resolution"),
          "",
        ]}
      >
        {policies.items.map((policy) => (
          <tr key={policy.id} data-testid="sla-policy-row" className={policy.enabled ? "" : "muted"}>
            <td>{policy.name}</td>
            <td>{teamName(policy.teamId)}</td>
            <td>{policy.priority ? labelOf(t, "priority", policy.priority) : t("allPriorities")}</td>
            <td>{target(policy.firstResponseSeconds)}</td>
            <td>{target(policy.nextResponseSeconds)}</td>
            <td>{target(policy.resolutionSeconds)}</td>
            <td>
              <RowButtons
                onEdit={() => policies.edit(policy)}
                onDelete={() => void policies.remove(policy.id)}
              />
            </td>
          </tr>
        ))}
      </RecordTable>
    </section>
  );
}
