import { useState } from "react";
import { api } from "../api.ts";
import { AddButton } from "../components/AddButton.tsx";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { RecordTable } from "../components/RecordTable.tsx";
import { useListEditor } from "../components/useListEditor.ts";
import { useRecordList } from "../components/useRecordList.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import { RowButtons } from "./RowButtons.tsx";
import { RuleBuilder } from "./RuleBuilder.tsx";
import { RunLog } from "./RunLog.tsx";
import type { RuleCatalog } from "./ruleCatalog.ts";
import type { Agent, AutomationRule, Category, ChannelSummary, Team } from "./settingsApi.ts";
import { labelOf, useSettingsT } from "./settingsI18n.ts";

export function AutomationTab() {
  const t = useSettingsT();
  const format = useLocaleFormat();
  const rules = useListEditor<AutomationRule>("/api/automation-rules");
  const catalog: RuleCatalog = {
    teams: useRecordList<Team>("/api/teams").items,
    people: useRecordList<Agent>("/api/users").items,
    categories: useRecordList<Category>("/api/categories").items,
    channels: useRecordList<ChannelSummary>("/api/channels").items,
  };
  const [showRuns, setShowRuns] = useState<string | null>(null);

  /** Enabling from the list is held to the same bar as the builder: the stored rule must dry-run first. */
  const toggle = (rule: AutomationRule, enabled: boolean) =>
    rules.act(async () => {
      if (enabled) await api("POST", "/api/automation-rules/dry-run", { ruleId: rule.id, limit: 1 });
      await api("PATCH", `/api/automation-rules/${rule.id}`, { enabled });
    });

  if (rules.editing)
    return (
      <RuleBuilder
        rule={rules.editing === "new" ? null : rules.editing}
        catalog={catalog}
        onDone={rules.saved}
      />
    );
  return (
    <section>
      <AddButton
        data-testid="add-automation-rule"
        label={t("addAutomationRule")}
        onClick={() => rules.edit("new")}
      />
      <ErrorMessage error={rules.error} />
      <RecordTable
        className="settings-table"
        columns={[t("name"), t("when"), t("enabled"), t("lastRun"), ""]}
      >
        {rules.items.map((rule) => (
          <tr key={rule.id} data-testid="automation-rule-row" className={rule.enabled ? "" : "muted"}>
            <td>
              {rule.name}
              {rule.problems.length > 0 && (
                <div className="error">
                  {t("ruleProblems")} {rule.problems.join("; ")}
                </div>
              )}
              {rule.loopWarnings.map((warning) => (
                <div className="warning" key={warning}>
                  {warning}
                </div>
              ))}
              {showRuns === rule.id && <RunLog ruleId={rule.id} />}
            </td>
            <td>{labelOf(t, "event", rule.event)}</td>
            <td>
              <input
                type="checkbox"
                aria-label={t("enabled")}
                checked={rule.enabled}
                onChange={(e) => void toggle(rule, e.target.checked)}
              />
            </td>
            <td className="hint">{rule.lastRunAt ? format.dateTime(rule.lastRunAt) : t("never")}</td>
            <td>
              <RowButtons onEdit={() => rules.edit(rule)} onDelete={() => void rules.remove(rule.id)}>
                <button type="button" onClick={() => setShowRuns(showRuns === rule.id ? null : rule.id)}>
                  {t("runLog")}
                </button>
              </RowButtons>
            </td>
          </tr>
        ))}
      </RecordTable>
    </section>
  );
}
