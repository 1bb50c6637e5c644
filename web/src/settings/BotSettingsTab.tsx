import { type FormEvent, useEffect, useState } from "react";
import { api } from "../api.ts";
import { CheckField } from "../components/CheckField.tsx";
import { errorText } from "../components/errorText.ts";
import { TextAreaField, TextField } from "../components/TextField.tsx";
import { splitLines, type TriageSettings } from "./settingsApi.ts";
import { useSettingsT } from "./settingsI18n.ts";

interface Draft {
  botEnabled: boolean;
  minConfidence: string;
  answerPublic: boolean;
  reviewRate: string;
  useDefaultKeywords: boolean;
  keywords: string;
  highReach: string;
  communityRules: string;
  alertWebhookUrl: string;
  alertEmails: string;
  brandName: string;
}

function draftOf(s: TriageSettings): Draft {
  return {
    botEnabled: s.bot.enabled,
    minConfidence: String(s.bot.minConfidence),
    answerPublic: s.bot.answerPublic,
    reviewRate: String(s.bot.reviewRate),
    useDefaultKeywords: s.escalationKeywords === null,
    keywords: (s.escalationKeywords ?? s.defaults.escalationKeywords).join("\n"),
    highReach: String(s.highReach),
    communityRules: s.communityRules ? JSON.stringify(s.communityRules, null, 2) : "",
    alertWebhookUrl: s.alertWebhookUrl ?? "",
    alertEmails: s.alertEmails.join(", "),
    brandName: s.brandName,
  };
}

export function BotSettingsTab() {
  const t = useSettingsT();
  const [settings, setSettings] = useState<TriageSettings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => {
    api<TriageSettings>("GET", "/api/triage/settings").then(
      (answer) => {
        setSettings(answer);
        setDraft(draftOf(answer));
      },
      (err: unknown) => setMessage({ text: errorText(err), error: true }),
    );
  }, []);
  if (!draft || !settings) return message ? <p className="error">{message.text}</p> : null;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    let communityRules: unknown = null;
    if (draft.communityRules.trim() !== "") {
      try {
        communityRules = JSON.parse(draft.communityRules);
      } catch {
        setMessage({ text: t("invalidJson"), error: true });
        return;
      }
    }
    try {
      const saved = await api<TriageSettings>("PUT", "/api/triage/settings", {
        bot: {
          enabled: draft.botEnabled,
          minConfidence: Number(draft.minConfidence),
          answerPublic: draft.answerPublic,
          reviewRate: Number(draft.reviewRate),
        },
        escalationKeywords: draft.useDefaultKeywords ? null : splitLines(draft.keywords),
        highReach: Number(draft.highReach),
        communityRules,
        alertWebhookUrl: draft.alertWebhookUrl.trim() || null,
        alertEmails: draft.alertEmails
          .split(/[\s,;]+/)
          .map((address) => address.trim())
          .filter(Boolean),
        brandName: draft.brandName,
      });
      setSettings(saved);
      setDraft(draftOf(saved));
      setMessage({ text: t("saved"), error: false });
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
  }

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  return (
    <form className="card" onSubmit={save} data-testid="bot-settings">
      <fieldset>
        <legend>{t("bot")}</legend>
        <CheckField
          label={t("botEnabled")}
          checked={draft.botEnabled}
          onChange={(botEnabled) => set({ botEnabled })}
        />
        <TextField
          label={t("minConfidence")}
          type="number"
          min={0.5}
          max={1}
          step={0.05}
          value={draft.minConfidence}
          onChange={(minConfidence) => set({ minConfidence })}
        />
        <CheckField
          label={t("answerPublic")}
          checked={draft.answerPublic}
          onChange={(answerPublic) => set({ answerPublic })}
        />
        <TextField
          label={t("reviewRate")}
          type="number"
          min={0}
          max={1}
          step={0.05}
          value={draft.reviewRate}
          onChange={(reviewRate) => set({ reviewRate })}
        />
      </fieldset>
      <fieldset>
        <legend>{t("priorityRules")}</legend>
        <CheckField
          label={t("useDefaultKeywords")}
          checked={draft.useDefaultKeywords}
          onChange={(useDefaultKeywords) =>
            set({
              useDefaultKeywords,
              keywords: useDefaultKeywords ? settings.defaults.escalationKeywords.join("\n") : draft.keywords,
            })
          }
        />
        <TextAreaField
          label={t("escalationKeywords")}
          rows={8}
          value={draft.keywords}
          disabled={draft.useDefaultKeywords}
          onChange={(keywords) => set({ keywords })}
        />
        <TextField
          label={t("highReach")}
          type="number"
          min={0}
          value={draft.highReach}
          onChange={(highReach) => set({ highReach })}
        />
      </fieldset>
      <fieldset>
        <legend>{t("moderation")}</legend>
        <span className="hint">{t("communityRulesHint")}</span>
        <textarea
          rows={10}
          spellCheck={false}
          data-testid="community-rules"
          placeholder={JSON.stringify(settings.defaults.communityRules, null, 2)}
          value={draft.communityRules}
          onChange={(e) => set({ communityRules: e.target.value })}
        />
      </fieldset>
      <fieldset>
        <legend>{t("alerts")}</legend>
        <TextField
          label={t("alertWebhookUrl")}
          type="url"
          value={draft.alertWebhookUrl}
          onChange={(alertWebhookUrl) => set({ alertWebhookUrl })}
        />
        <TextField
          label={t("alertEmails")}
          value={draft.alertEmails}
          onChange={(alertEmails) => set({ alertEmails })}
        />
        <TextField
          label={t("brandName")}
          value={draft.brandName}
          onChange={(brandName) => set({ brandName })}
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
