import type { Page } from "./App.tsx";
import type { Me } from "./api.ts";
import { useT } from "./hooks.ts";
import type { Locale } from "./i18n.ts";
import { LanguageSelect } from "./LanguageSelect.tsx";
import { usePlaybookT } from "./playbook/playbookI18n.ts";
import { AvailabilitySelect } from "./settings/AvailabilitySelect.tsx";
import { useSettingsT } from "./settings/settingsI18n.ts";
import { NotificationBell } from "./triage/NotificationBell.tsx";
import { useTriageT } from "./triage/triageI18n.ts";

interface Props {
  me: Me;
  page: Page;
  onPage: (page: Page) => void;
  locale: Locale;
  onLocale: (locale: Locale) => void;
  onSignOut: () => void;
  onOpenConversation: (id: string) => void;
}

export function TopBar({ me, page, onPage, locale, onLocale, onSignOut, onOpenConversation }: Props) {
  const t = useT();
  const pt = usePlaybookT();
  const st = useSettingsT();
  const tt = useTriageT();
  return (
    <header className="topbar">
      <strong className="brand">{t("appName")}</strong>
      <span className="workspace">{me.workspace.name}</span>
      <nav>
        <button
          type="button"
          data-testid="inbox-link"
          className={page === "inbox" ? "active" : ""}
          onClick={() => onPage("inbox")}
        >
          {t("inbox")}
        </button>
        <button
          type="button"
          data-testid="listening-link"
          className={page === "listening" ? "active" : ""}
          onClick={() => onPage("listening")}
        >
          {t("listening")}
        </button>
        <button
          type="button"
          data-testid="playbook-link"
          className={page === "playbook" ? "active" : ""}
          onClick={() => onPage("playbook")}
        >
          {pt("nav")}
        </button>
        <button
          type="button"
          data-testid="review-link"
          className={page === "review" ? "active" : ""}
          onClick={() => onPage("review")}
        >
          {tt("review")}
        </button>
        {me.user.role !== "agent" && (
          <button
            type="button"
            data-testid="settings-link"
            className={page === "settings" ? "active" : ""}
            onClick={() => onPage("settings")}
          >
            {st("settings")}
          </button>
        )}
        {me.user.role === "admin" && (
          <button
            type="button"
            data-testid="channels-link"
            className={page === "channels" ? "active" : ""}
            onClick={() => onPage("channels")}
          >
            {t("channels")}
          </button>
        )}
      </nav>
      <span className="spacer" />
      <LanguageSelect locale={locale} onLocale={onLocale} />
      <AvailabilitySelect me={me} />
      <NotificationBell onOpenConversation={onOpenConversation} />
      <span className="user">{me.user.name}</span>
      <button type="button" data-testid="logout" onClick={onSignOut}>
        {t("signOut")}
      </button>
    </header>
  );
}
