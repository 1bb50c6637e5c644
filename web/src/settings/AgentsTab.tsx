import { useState } from "react";
import { api } from "../api.ts";
import { type Agent, AVAILABILITIES, type Availability, errorText, useList } from "./settingsApi.ts";
import { labelOf, useSettingsT } from "./settingsI18n.ts";

/** Capacity is saved when the field loses focus, so typing "25" does not save "2" first. */
function CapacityInput({ agent, onSaved }: { agent: Agent; onSaved: (error: string | null) => void }) {
  const [value, setValue] = useState(String(agent.capacity));
  const save = () => {
    const capacity = Number(value);
    if (value.trim() === "" || capacity === agent.capacity) return;
    api("PATCH", `/api/users/${agent.id}`, { capacity }).then(
      () => onSaved(null),
      (err: unknown) => {
        setValue(String(agent.capacity));
        onSaved(errorText(err));
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
  const people = useList<Agent>("/api/users");
  const [error, setError] = useState<string | null>(null);
  const done = (err: string | null) => {
    setError(err);
    void people.reload();
  };
  return (
    <section>
      <p className="hint">{t("capacityHint")}</p>
      {(error ?? people.error) && <p className="error">{error ?? people.error}</p>}
      <table className="settings-table">
        <thead>
          <tr>
            <th>{t("agent")}</th>
            <th>{t("role")}</th>
            <th>{t("availability")}</th>
            <th>{t("capacity")}</th>
            <th>{t("openConversations")}</th>
          </tr>
        </thead>
        <tbody>
          {people.items.map((agent) => (
            <tr key={agent.id} data-testid="agent-row" className={agent.disabled ? "muted" : ""}>
              <td>
                {agent.name}
                <div className="hint">{agent.email}</div>
              </td>
              <td>{labelOf(t, "role", agent.role)}</td>
              <td>
                <select
                  value={agent.availability}
                  className={`availability-select ${agent.availability}`}
                  onChange={(e) =>
                    api("PATCH", `/api/users/${agent.id}`, {
                      availability: e.target.value as Availability,
                    }).then(
                      () => done(null),
                      (err: unknown) => done(errorText(err)),
                    )
                  }
                >
                  {AVAILABILITIES.map((a) => (
                    <option key={a} value={a}>
                      {labelOf(t, "availability", a)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <CapacityInput key={`${agent.id}:${agent.capacity}`} agent={agent} onSaved={done} />
              </td>
              <td>
                {agent.openConversations} / {agent.capacity}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
