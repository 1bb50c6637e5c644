import { useState } from "react";
import { type PreferencesChange, THEMES, type ThemeChoice } from "../../../src/domain/userPreferences.ts";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { useRequest } from "../components/useRequest.ts";
import { NotificationAlertSettings } from "../triage/NotificationAlertSettings.tsx";
import { type ThemeKey, useThemeT } from "./themeI18n.ts";
import { usePreferences } from "./usePreferences.ts";

/** "My account": the person's theme and alert switches, saved with their account as soon as they are changed. */
export function AppearanceCard() {
  const t = useThemeT();
  const { preferences, save } = usePreferences();
  const request = useRequest();
  const [saved, setSaved] = useState(false);
  /** Settles once saved or refused (the error is shown below), so the alert switches know when to let go. */
  const change = async (next: PreferencesChange): Promise<void> => {
    setSaved(false);
    setSaved(await request.run(() => save(next)));
  };
  return (
    <section className="card appearance" aria-labelledby="appearance-heading" data-testid="appearance-card">
      <h2 id="appearance-heading">{t("appearance")}</h2>
      <fieldset className="theme-choice">
        <legend>{t("theme")}</legend>
        {THEMES.map((theme: ThemeChoice) => (
          <label key={theme} className="check">
            <input
              type="radio"
              name="theme"
              value={theme}
              data-testid={`theme-${theme}`}
              checked={preferences.theme === theme}
              onChange={() => void change({ theme })}
            />
            {t(`theme_${theme}` as ThemeKey)}
          </label>
        ))}
        <p className="hint">{t("themeHint")}</p>
      </fieldset>
      <NotificationAlertSettings settings={preferences.alerts} onChange={(alerts) => change({ alerts })} />
      <p className="hint">{t("savedWithAccount")}</p>
      <ErrorMessage error={request.error} />
      {saved && (
        <span className="hint" role="status" data-testid="preferences-saved">
          {t("saved")}
        </span>
      )}
    </section>
  );
}
