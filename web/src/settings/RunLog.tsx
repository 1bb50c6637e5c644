import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { useApiData } from "../components/useApiData.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import type { AutomationRun } from "./settingsApi.ts";
import { labelOf, useSettingsT } from "./settingsI18n.ts";

export function RunLog({ ruleId }: { ruleId: string }) {
  const t = useSettingsT();
  const format = useLocaleFormat();
  const { data, error } = useApiData<{ items: AutomationRun[] }>(`/api/automation-rules/${ruleId}/runs`);
  const runs = data?.items;
  if (error) return <ErrorMessage error={error} />;
  if (!runs) return <p className="muted">{t("loading")}</p>;
  if (runs.length === 0) return <p className="muted">{t("noRuns")}</p>;
  return (
    <table className="settings-table" data-testid="run-log">
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>{format.dateTime(run.createdAt)}</td>
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
