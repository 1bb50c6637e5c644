import { useState } from "react";
import { api } from "../api.ts";
import { RuleBuilder } from "./RuleBuilder.tsx";
import { RunLog } from "./RunLog.tsx";
import type { RuleCatalog } from "./ruleCatalog.ts";
import {
  type Agent,
  type AutomationRule,
  type Category,
  type ChannelSummary,
  errorText,
  type Team,
  useList,
} from "./settingsApi.ts";
import { labelOf, useSettingsT } from "./settingsI18n.ts";

export function AutomationTab() {
  const t = useSettingsT();
  const rules = useList<AutomationRule>("/api/automation-rules");
  const catalog: RuleCatalog = {
    teams: useList<Team>("/api/teams").items,
    people: useList<Agent>("/api/users").items,
    categories: useList<Category>("/api/categories").items,
    channels: useList<ChannelSummary>("/api/channels").items,
  };
  const [editing, setEditing] = useState<AutomationRule | "new" | null>(null);
  const [showRuns, setShowRuns] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** Enabling from the list is held to the same bar as the builder: the stored rule must dry-run first. */
  async function toggle(rule: AutomationRule, enabled: boolean) {
    try {
      if (enabled) await api("POST", "/api/automation-rules/dry-run", { ruleId: rule.id, limit: 1 });
      await api("PATCH", `/api/automation-rules/${rule.id}`, { enabled });
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
    await rules.reload();
  }

  if (editing)
    return (
      <RuleBuilder
        rule={editing === "new" ? null : editing}
        catalog={catalog}
        onDone={() => {
          setEditing(null);
          void rules.reload();
        }}
      />
    );
  return (
    <section>
      <button
        type="button"
        className="primary"
        data-testid="add-automation-rule"
        onClick={() => setEditing("new")}
      >
        {t("addAutomationRule")}
      </button>
      {(error ?? rules.error) && <p className="error">{error ?? rules.error}</p>}
      <table className="settings-table">
        <thead>
          <tr>
            <th>{t("name")}</th>
            <th>{t("when")}</th>
            <th>{t("enabled")}</th>
            <th>{t("lastRun")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
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
              <td className="hint">
                {rule.lastRunAt ? new Date(rule.lastRunAt).toLocaleString() : t("never")}
              </td>
              <td>
                <div className="row">
                  <button type="button" onClick={() => setEditing(rule)}>
                    {t("edit")}
                  </button>
                  <button type="button" onClick={() => setShowRuns(showRuns === rule.id ? null : rule.id)}>
                    {t("runLog")}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (!window.confirm(t("confirmDelete"))) return;
                      api("DELETE", `/api/automation-rules/${rule.id}`).then(
                        () => rules.reload(),
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
