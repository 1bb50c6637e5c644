import { useEffect, useState } from "react";
import { api } from "../api.ts";
import { type AutomationRun, errorText } from "./settingsApi.ts";
import { labelOf, useSettingsT } from "./settingsI18n.ts";

export function RunLog({ ruleId }: { ruleId: string }) {
  const t = useSettingsT();
  const [runs, setRuns] = useState<AutomationRun[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ items: AutomationRun[] }>("GET", `/api/automation-rules/${ruleId}/runs`).then(
      (answer) => setRuns(answer.items),
      (err: unknown) => setError(errorText(err)),
    );
  }, [ruleId]);
  if (error) return <p className="error">{error}</p>;
  if (!runs) return <p className="muted">{t("loading")}</p>;
  if (runs.length === 0) return <p className="muted">{t("noRuns")}</p>;
  return (
    <table className="settings-table" data-testid="run-log">
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>{new Date(run.createdAt).toLocaleString()}</td>
            <td>{labelOf(t, "event", run.event)}</td>
            <td className={run.status === "applied" ? "" : "error"}>{labelOf(t, "run", run.status)}</td>
            <td className="hint">
              {run.conversationId}
              {run.error && <div className="error">{run.error}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
