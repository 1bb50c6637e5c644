import { type FormEvent, useEffect, useState } from "react";
import { api } from "../api.ts";
import { errorText, splitLines, type TriageSettings } from "./settingsApi.ts";
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
        <label className="check">
          <input
            type="checkbox"
            checked={draft.botEnabled}
            onChange={(e) => set({ botEnabled: e.target.checked })}
          />
          {t("botEnabled")}
        </label>
        <label>
          {t("minConfidence")}
          <input
            type="number"
            min={0.5}
            max={1}
            step={0.05}
            value={draft.minConfidence}
            onChange={(e) => set({ minConfidence: e.target.value })}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.answerPublic}
            onChange={(e) => set({ answerPublic: e.target.checked })}
          />
          {t("answerPublic")}
        </label>
        <label>
          {t("reviewRate")}
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={draft.reviewRate}
            onChange={(e) => set({ reviewRate: e.target.value })}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t("priorityRules")}</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.useDefaultKeywords}
            onChange={(e) =>
              set({
                useDefaultKeywords: e.target.checked,
                keywords: e.target.checked ? settings.defaults.escalationKeywords.join("\n") : draft.keywords,
              })
            }
          />
          {t("useDefaultKeywords")}
        </label>
        <label>
          {t("escalationKeywords")}
          <textarea
            rows={8}
            value={draft.keywords}
            disabled={draft.useDefaultKeywords}
            onChange={(e) => set({ keywords: e.target.value })}
          />
        </label>
        <label>
          {t("highReach")}
          <input
            type="number"
            min={0}
            value={draft.highReach}
            onChange={(e) => set({ highReach: e.target.value })}
          />
        </label>
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
        <label>
          {t("alertWebhookUrl")}
          <input
            type="url"
            value={draft.alertWebhookUrl}
            onChange={(e) => set({ alertWebhookUrl: e.target.value })}
          />
        </label>
        <label>
          {t("brandName")}
          <input value={draft.brandName} onChange={(e) => set({ brandName: e.target.value })} />
        </label>
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
