import { type FormEvent, useState } from "react";
import { RULE_EVENTS } from "../../../src/triage/automation/ruleVocabulary.ts";
import { api } from "../api.ts";
import { ActionRow, newAction } from "./ActionRow.tsx";
import { ConditionRow } from "./ConditionRow.tsx";
import type { RuleCatalog } from "./ruleCatalog.ts";
import { type AutomationRule, type DryRunResult, errorText, type RuleDraft } from "./settingsApi.ts";
import { labelOf, useSettingsT } from "./settingsI18n.ts";

function draftOf(rule: AutomationRule | null): RuleDraft {
  if (!rule)
    return { name: "", enabled: false, event: "message_received", match: "all", conditions: [], actions: [] };
  const { name, enabled, event, match, conditions, actions } = rule;
  return { name, enabled, event, match, conditions, actions };
}

/**
 * Event, conditions and actions, with a dry run against recent conversations. The enable switch unlocks only
 * after a dry run of exactly what is on screen succeeded, so nothing goes live untried.
 */
export function RuleBuilder({
  rule,
  catalog,
  onDone,
}: {
  rule: AutomationRule | null;
  catalog: RuleCatalog;
  onDone: () => void;
}) {
  const t = useSettingsT();
  const [draft, setDraft] = useState<RuleDraft>(() => draftOf(rule));
  const [dryRun, setDryRun] = useState<{ result: DryRunResult; of: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const shape = JSON.stringify({ ...draft, enabled: undefined });
  const triedAsIs = dryRun?.of === shape;
  const canEnable = draft.enabled || triedAsIs || (rule?.enabled ?? false);

  async function runDry() {
    setRunning(true);
    try {
      const result = await api<DryRunResult>("POST", "/api/automation-rules/dry-run", {
        rule: { ...draft, enabled: false },
        ...(rule ? { ruleId: rule.id } : {}),
      });
      setDryRun({ result, of: shape });
      setError(null);
    } catch (err) {
      setDryRun(null);
      setError(errorText(err));
    } finally {
      setRunning(false);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      if (rule) await api("PATCH", `/api/automation-rules/${rule.id}`, draft);
      else await api("POST", "/api/automation-rules", draft);
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <form className="card" onSubmit={save} data-testid="rule-builder">
      <label>
        {t("name")}
        <input required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </label>
      <label>
        {t("when")}
        <select
          data-testid="rule-event"
          value={draft.event}
          onChange={(e) => setDraft({ ...draft, event: e.target.value })}
        >
          {RULE_EVENTS.map((event) => (
            <option key={event} value={event}>
              {labelOf(t, "event", event)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>
          {t("conditions")}{" "}
          <select
            aria-label={t("match")}
            value={draft.match}
            onChange={(e) => setDraft({ ...draft, match: e.target.value as "all" | "any" })}
          >
            <option value="all">{t("match_all")}</option>
            <option value="any">{t("match_any")}</option>
          </select>
        </legend>
        {draft.conditions.map((condition, index) => (
          <ConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity of their own
            key={index}
            condition={condition}
            catalog={catalog}
            onChange={(next) =>
              setDraft({ ...draft, conditions: draft.conditions.map((c, i) => (i === index ? next : c)) })
            }
            onRemove={() =>
              setDraft({ ...draft, conditions: draft.conditions.filter((_, i) => i !== index) })
            }
          />
        ))}
        <div>
          <button
            type="button"
            data-testid="add-condition"
            onClick={() =>
              setDraft({
                ...draft,
                conditions: [...draft.conditions, { field: "priority", operator: "equals", value: "high" }],
              })
            }
          >
            {t("addCondition")}
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("thenDo")}</legend>
        {draft.actions.map((action, index) => (
          <ActionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: actions have no identity of their own
            key={index}
            action={action}
            catalog={catalog}
            onChange={(next) =>
              setDraft({ ...draft, actions: draft.actions.map((a, i) => (i === index ? next : a)) })
            }
            onRemove={() => setDraft({ ...draft, actions: draft.actions.filter((_, i) => i !== index) })}
          />
        ))}
        <div>
          <button
            type="button"
            data-testid="add-action"
            onClick={() =>
              setDraft({ ...draft, actions: [...draft.actions, newAction("add_label", catalog, t)] })
            }
          >
            {t("addAction")}
          </button>
        </div>
      </fieldset>
      <div className="row">
        <button type="button" data-testid="dry-run" disabled={running} onClick={() => void runDry()}>
          {t("dryRun")}
        </button>
        <span className="hint">{t("dryRunNote")}</span>
      </div>
      {dryRun && <DryRunReport result={dryRun.result} stale={!triedAsIs} />}
      <label className="check" title={canEnable ? "" : t("enableNeedsDryRun")}>
        <input
          type="checkbox"
          data-testid="rule-enabled"
          checked={draft.enabled}
          disabled={!canEnable}
          onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
        />
        {t("enabled")}
      </label>
      {!canEnable && <span className="hint">{t("enableNeedsDryRun")}</span>}
      {!rule && <span className="hint">{t("newRulesDisabled")}</span>}
      {error && (
        <p className="error" data-testid="rule-error">
          {error}
        </p>
      )}
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

function DryRunReport({ result, stale }: { result: DryRunResult; stale: boolean }) {
  const t = useSettingsT();
  return (
    <div className={`dry-run${stale ? " muted" : ""}`} data-testid="dry-run-result">
      <p>{t("dryRunSummary", { checked: result.checked, matched: result.matched.length })}</p>
      {result.loopWarnings.length > 0 && (
        <div className="warning" data-testid="loop-warnings">
          <strong>{t("loopWarnings")}</strong>
          <ul>
            {result.loopWarnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
      {result.matched.length === 0 ? (
        <p className="muted">{t("dryRunNone")}</p>
      ) : (
        <ul>
          {result.matched.map((match) => (
            <li key={match.conversationId} data-testid="dry-run-match">
              <strong>{match.contactName}</strong>: {match.preview}
              <div className="hint">
                {t("wouldDo")}: {match.actionsPreview.join("; ")}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
