import type { FormEvent } from "react";
import { CheckField } from "../components/CheckField.tsx";
import { draftFields } from "../components/draftFields.ts";
import { SaveRow } from "../components/SaveRow.tsx";
import { TextAreaField, TextField } from "../components/TextField.tsx";
import { useSettingsForm } from "../components/useSettingsForm.ts";
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
  const { settings, draft, set, message, setMessage, save } = useSettingsForm(
    "/api/triage/settings",
    draftOf,
  );
  if (!draft || !settings) return message ? <p className="error">{message.text}</p> : null;

  function submit(event: FormEvent) {
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
    void save(
      {
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
      },
      t("saved"),
    );
  }

  const { text, check } = draftFields(draft, set);
  return (
    <form className="card" onSubmit={submit} data-testid="bot-settings">
      <fieldset>
        <legend>{t("bot")}</legend>
        <CheckField label={t("botEnabled")} {...check("botEnabled")} />
        <TextField
          label={t("minConfidence")}
          type="number"
          min={0.5}
          max={1}
          step={0.05}
          {...text("minConfidence")}
        />
        <CheckField label={t("answerPublic")} {...check("answerPublic")} />
        <TextField
          label={t("reviewRate")}
          type="number"
          min={0}
          max={1}
          step={0.05}
          {...text("reviewRate")}
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
          disabled={draft.useDefaultKeywords}
          {...text("keywords")}
        />
        <TextField label={t("highReach")} type="number" min={0} {...text("highReach")} />
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
        <TextField label={t("alertWebhookUrl")} type="url" {...text("alertWebhookUrl")} />
        <TextField label={t("alertEmails")} {...text("alertEmails")} />
        <TextField label={t("brandName")} {...text("brandName")} />
      </fieldset>
      <SaveRow saveLabel={t("save")} message={message} />
    </form>
  );
}
