import { useState } from "react";
import { RULE_EVENTS } from "../../../src/triage/automation/ruleVocabulary.ts";
import { api } from "../api.ts";
import { CheckField } from "../components/CheckField.tsx";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { FormButtons } from "../components/FormButtons.tsx";
import { Select, SelectField } from "../components/Select.tsx";
import { saveRecord } from "../components/saveRecord.ts";
import { TextField } from "../components/TextField.tsx";
import { useSubmit } from "../components/useRequest.ts";
import { ActionRow, newAction } from "./ActionRow.tsx";
import { ConditionRow } from "./ConditionRow.tsx";
import type { RuleCatalog } from "./ruleCatalog.ts";
import type { AutomationRule, DryRunResult, RuleDraft } from "./settingsApi.ts";
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
  // One request slot for the dry run and the save: either one's refusal is what the author must fix next.
  const request = useSubmit(() => saveRecord("/api/automation-rules", rule?.id, draft), onDone);
  const shape = JSON.stringify({ ...draft, enabled: undefined });
  const triedAsIs = dryRun?.of === shape;
  const canEnable = draft.enabled || triedAsIs || (rule?.enabled ?? false);

  async function runDry() {
    const tried = await request.run(async () => {
      const result = await api<DryRunResult>("POST", "/api/automation-rules/dry-run", {
        rule: { ...draft, enabled: false },
        ...(rule ? { ruleId: rule.id } : {}),
      });
      setDryRun({ result, of: shape });
    });
    if (!tried) setDryRun(null);
  }

  return (
    <form className="card" onSubmit={request.submit} data-testid="rule-builder">
      <TextField
        label={t("name")}
        required
        value={draft.name}
        onChange={(name) => setDraft({ ...draft, name })}
      />
      <SelectField
        label={t("when")}
        data-testid="rule-event"
        options={RULE_EVENTS.map((event) => ({ value: event, label: labelOf(t, "event", event) }))}
        value={draft.event}
        onChange={(event) => setDraft({ ...draft, event })}
      />
      <fieldset>
        <legend>
          {t("conditions")}{" "}
          <Select
            aria-label={t("match")}
            options={[
              { value: "all", label: t("match_all") },
              { value: "any", label: t("match_any") },
            ]}
            value={draft.match}
            onChange={(match) => setDraft({ ...draft, match: match as "all" | "any" })}
          />
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
        <button type="button" data-testid="dry-run" disabled={request.busy} onClick={() => void runDry()}>
          {t("dryRun")}
        </button>
        <span className="hint">{t("dryRunNote")}</span>
      </div>
      {dryRun && <DryRunReport result={dryRun.result} stale={!triedAsIs} />}
      <CheckField
        label={t("enabled")}
        title={canEnable ? "" : t("enableNeedsDryRun")}
        data-testid="rule-enabled"
        checked={draft.enabled}
        disabled={!canEnable}
        onChange={(enabled) => setDraft({ ...draft, enabled })}
      />
      {!canEnable && <span className="hint">{t("enableNeedsDryRun")}</span>}
      {!rule && <span className="hint">{t("newRulesDisabled")}</span>}
      <ErrorMessage error={request.error} data-testid="rule-error" />
      <FormButtons saveLabel={t("save")} cancelLabel={t("cancel")} onCancel={onDone} />
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
