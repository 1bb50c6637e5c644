import { useState } from "react";
import { api } from "../api.ts";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { RecordTable } from "../components/RecordTable.tsx";
import { Select } from "../components/Select.tsx";
import { useRecordList } from "../components/useRecordList.ts";
import { type Agent, AVAILABILITIES } from "./settingsApi.ts";
import { labelOf, useSettingsT } from "./settingsI18n.ts";

/** Capacity is saved when the field loses focus, so typing "25" does not save "2" first. */
function CapacityInput({ agent, onSaved }: { agent: Agent; onSaved: (error: unknown) => void }) {
  const [value, setValue] = useState(String(agent.capacity));
  const save = () => {
    const capacity = Number(value);
    if (value.trim() === "" || capacity === agent.capacity) return;
    api("PATCH", `/api/users/${agent.id}`, { capacity }).then(
      () => onSaved(null),
      (err: unknown) => {
        setValue(String(agent.capacity));
        onSaved(err);
      },
    );
  };
  return (
    <input
      type="number"
      min={0}
      max={200}
      style={{ width: 80 }}
      data-testid="capacity-input"
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === "Enter") save();
      }}
    />
  );
}

export function AgentsTab() {
  const t = useSettingsT();
  const people = useRecordList<Agent>("/api/users");
  const [error, setError] = useState<unknown>(null);
  const done = (err: unknown) => {
    setError(err);
    void people.reload();
  };
  const availabilities = AVAILABILITIES.map((a) => ({ value: a, label: labelOf(t, "availability", a) }));
  return (
    <section>
      <p className="hint">{t("capacityHint")}</p>
      <ErrorMessage error={error ?? people.error} />
      <RecordTable
        className="settings-table"
        columns={[t("agent"), t("role"), t("availability"), t("capacity"), t("openConversations")]}
      >
        {people.items.map((agent) => (
          <tr key={agent.id} data-testid="agent-row" className={agent.disabled ? "muted" : ""}>
            <td>
              {agent.name}
              <div className="hint">{agent.email}</div>
            </td>
            <td>{labelOf(t, "role", agent.role)}</td>
            <td>
              <Select
                options={availabilities}
                value={agent.availability}
                className={`availability-select ${agent.availability}`}
                onChange={(availability) =>
                  api("PATCH", `/api/users/${agent.id}`, { availability }).then(
                    () => done(null),
                    (err: unknown) => done(err),
                  )
                }
              />
            </td>
            <td>
              <CapacityInput key={`${agent.id}:${agent.capacity}`} agent={agent} onSaved={done} />
            </td>
            <td>
              {agent.openConversations} / {agent.capacity}
            </td>
          </tr>
        ))}
      </RecordTable>
    </section>
  );
}
