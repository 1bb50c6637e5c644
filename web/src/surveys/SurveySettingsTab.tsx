import { type FormEvent, useEffect, useState } from "react";
import { api } from "../api.ts";
import { CheckField } from "../components/CheckField.tsx";
import { errorText } from "../components/errorText.ts";
import { TextField } from "../components/TextField.tsx";
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
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => {
    api<SurveySettings>("GET", "/api/surveys/settings").then(
      (answer) => setDraft(draftOf(answer)),
      (err: unknown) => setMessage({ text: errorText(err), error: true }),
    );
  }, []);
  if (!draft) return message ? <p className="error">{message.text}</p> : null;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    try {
      const saved = await api<SurveySettings>("PUT", "/api/surveys/settings", {
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
      });
      setDraft(draftOf(saved));
      setMessage({ text: t("saved"), error: false });
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
  }

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  return (
    <form className="card" onSubmit={save} data-testid="survey-settings">
      <fieldset>
        <legend>{t("surveys")}</legend>
        <p className="hint">{t("surveysHint")}</p>
        <CheckField label={t("enabled")} checked={draft.enabled} onChange={(enabled) => set({ enabled })} />
        <label>
          {t("kind")}{" "}
          <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as Draft["kind"] })}>
            <option value="csat">{t("kind_csat")}</option>
            <option value="nps">{t("kind_nps")}</option>
          </select>
        </label>
        <TextField
          label={t("delayMinutes")}
          type="number"
          min={0}
          max={10080}
          value={draft.delayMinutes}
          onChange={(delayMinutes) => set({ delayMinutes })}
        />
        <TextField
          label={t("csatLowMax")}
          type="number"
          min={1}
          max={5}
          value={draft.csatLowMax}
          onChange={(csatLowMax) => set({ csatLowMax })}
        />
        <TextField
          label={t("npsLowMax")}
          type="number"
          min={0}
          max={10}
          value={draft.npsLowMax}
          onChange={(npsLowMax) => set({ npsLowMax })}
        />
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
        <CheckField
          label={t("askComment")}
          checked={draft.askComment}
          onChange={(askComment) => set({ askComment })}
        />
        <TextField
          label={t("answerWindowHours")}
          type="number"
          min={1}
          max={720}
          value={draft.answerWindowHours}
          onChange={(answerWindowHours) => set({ answerWindowHours })}
        />
        <TextField
          label={t("resurveyAfterDays")}
          type="number"
          min={0}
          max={365}
          value={draft.resurveyAfterDays}
          onChange={(resurveyAfterDays) => set({ resurveyAfterDays })}
        />
      </fieldset>
      <fieldset>
        <legend>{t("checkIns")}</legend>
        <CheckField
          label={t("checkInEnabled")}
          checked={draft.checkInEnabled}
          onChange={(checkInEnabled) => set({ checkInEnabled })}
        />
        <TextField
          label={t("checkInDelayHours")}
          type="number"
          min={0}
          max={720}
          step={0.5}
          value={draft.checkInDelayHours}
          onChange={(checkInDelayHours) => set({ checkInDelayHours })}
        />
      </fieldset>
      <fieldset>
        <legend>{t("pending")}</legend>
        <CheckField
          label={t("autoResolve")}
          checked={draft.autoResolve}
          onChange={(autoResolve) => set({ autoResolve })}
        />
        <TextField
          label={t("autoResolveDays")}
          type="number"
          min={1}
          max={365}
          disabled={!draft.autoResolve}
          value={draft.autoResolveDays}
          onChange={(autoResolveDays) => set({ autoResolveDays })}
        />
      </fieldset>
      <div className="row">
        <button type="submit" className="primary">
          {t("save")}
        </button>
        {message && <span className={message.error ? "error" : "hint"}>{message.text}</span>}
      </div>
    </form>
  );
}
