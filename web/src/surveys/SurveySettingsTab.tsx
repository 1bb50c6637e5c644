import type { FormEvent } from "react";
import { CheckField } from "../components/CheckField.tsx";
import { draftFields } from "../components/draftFields.ts";
import { SaveRow } from "../components/SaveRow.tsx";
import { TextField } from "../components/TextField.tsx";
import { useSettingsForm } from "../components/useSettingsForm.ts";
import { useSurveysT } from "./surveysI18n.ts";

interface SurveySettings {
  enabled: boolean;
  kind: "csat" | "nps";
  delaySeconds: number;
  csatLowMax: number;
  npsLowMax: number;
  lowScoreAction: "reopen" | "follow_up";
  askComment: boolean;
  answerWindowHours: number;
  resurveyAfterDays: number;
  checkInEnabled: boolean;
  checkInDelaySeconds: number;
  autoResolvePendingDays: number | null;
}

/** The form keeps numbers as typed; they become numbers (and time units seconds) when saved. */
interface Draft {
  enabled: boolean;
  kind: "csat" | "nps";
  delayMinutes: string;
  csatLowMax: string;
  npsLowMax: string;
  lowScoreAction: "reopen" | "follow_up";
  askComment: boolean;
  answerWindowHours: string;
  resurveyAfterDays: string;
  checkInEnabled: boolean;
  checkInDelayHours: string;
  autoResolve: boolean;
  autoResolveDays: string;
}

function draftOf(s: SurveySettings): Draft {
  return {
    enabled: s.enabled,
    kind: s.kind,
    delayMinutes: String(Math.round(s.delaySeconds / 60)),
    csatLowMax: String(s.csatLowMax),
    npsLowMax: String(s.npsLowMax),
    lowScoreAction: s.lowScoreAction,
    askComment: s.askComment,
    answerWindowHours: String(s.answerWindowHours),
    resurveyAfterDays: String(s.resurveyAfterDays),
    checkInEnabled: s.checkInEnabled,
    checkInDelayHours: String(Math.round((s.checkInDelaySeconds / 3600) * 10) / 10),
    autoResolve: s.autoResolvePendingDays !== null,
    autoResolveDays: String(s.autoResolvePendingDays ?? 7),
  };
}

/** Settings → Surveys & follow-ups: CSAT/NPS after resolution, "Did this help?", pending cases closing. */
export function SurveySettingsTab() {
  const t = useSurveysT();
  const { draft, set, message, save } = useSettingsForm("/api/surveys/settings", draftOf);
  if (!draft) return message ? <p className="error">{message.text}</p> : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    void save(
      {
        enabled: draft.enabled,
        kind: draft.kind,
        delaySeconds: Math.round(Number(draft.delayMinutes) * 60),
        csatLowMax: Number(draft.csatLowMax),
        npsLowMax: Number(draft.npsLowMax),
        lowScoreAction: draft.lowScoreAction,
        askComment: draft.askComment,
        answerWindowHours: Number(draft.answerWindowHours),
        resurveyAfterDays: Number(draft.resurveyAfterDays),
        checkInEnabled: draft.checkInEnabled,
        checkInDelaySeconds: Math.round(Number(draft.checkInDelayHours) * 3600),
        autoResolvePendingDays: draft.autoResolve ? Number(draft.autoResolveDays) : null,
      },
      t("saved"),
    );
  }

  const { text, check } = draftFields(draft, set);
  return (
    <form className="card" onSubmit={submit} data-testid="survey-settings">
      <fieldset>
        <legend>{t("surveys")}</legend>
        <p className="hint">{t("surveysHint")}</p>
        <CheckField label={t("enabled")} {...check("enabled")} />
        <label>
          {t("kind")}{" "}
          <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as Draft["kind"] })}>
            <option value="csat">{t("kind_csat")}</option>
            <option value="nps">{t("kind_nps")}</option>
          </select>
        </label>
        <TextField label={t("delayMinutes")} type="number" min={0} max={10080} {...text("delayMinutes")} />
        <TextField label={t("csatLowMax")} type="number" min={1} max={5} {...text("csatLowMax")} />
        <TextField label={t("npsLowMax")} type="number" min={0} max={10} {...text("npsLowMax")} />
        <label>
          {t("lowScoreAction")}{" "}
          <select
            value={draft.lowScoreAction}
            onChange={(e) => set({ lowScoreAction: e.target.value as Draft["lowScoreAction"] })}
          >
            <option value="follow_up">{t("lowScoreAction_follow_up")}</option>
            <option value="reopen">{t("lowScoreAction_reopen")}</option>
          </select>
        </label>
        <CheckField label={t("askComment")} {...check("askComment")} />
        <TextField
          label={t("answerWindowHours")}
          type="number"
          min={1}
          max={720}
          {...text("answerWindowHours")}
        />
        <TextField
          label={t("resurveyAfterDays")}
          type="number"
          min={0}
          max={365}
          {...text("resurveyAfterDays")}
        />
      </fieldset>
      <fieldset>
        <legend>{t("checkIns")}</legend>
        <CheckField label={t("checkInEnabled")} {...check("checkInEnabled")} />
        <TextField
          label={t("checkInDelayHours")}
          type="number"
          min={0}
          max={720}
          step={0.5}
          {...text("checkInDelayHours")}
        />
      </fieldset>
      <fieldset>
        <legend>{t("pending")}</legend>
        <CheckField label={t("autoResolve")} {...check("autoResolve")} />
        <TextField
          label={t("autoResolveDays")}
          type="number"
          min={1}
          max={365}
          disabled={!draft.autoResolve}
          {...text("autoResolveDays")}
        />
      </fieldset>
      <SaveRow saveLabel={t("save")} message={message} />
    </form>
  );
}
