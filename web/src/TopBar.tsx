import type { Page } from "./App.tsx";
import type { Me } from "./api.ts";
import { useT } from "./hooks.ts";
import type { Locale } from "./i18n.ts";
import { LanguageSelect } from "./LanguageSelect.tsx";

interface Props {
  me: Me;
  page: Page;
  onPage: (page: Page) => void;
  locale: Locale;
  onLocale: (locale: Locale) => void;
  onSignOut: () => void;
}

export function TopBar({ me, page, onPage, locale, onLocale, onSignOut }: Props) {
  const t = useT();
  return (
    <header className="topbar">
      <strong className="brand">{t("appName")}</strong>
      <span className="workspace">{me.workspace.name}</span>
      <nav>
        <button type="button" className={page === "inbox" ? "active" : ""} onClick={() => onPage("inbox")}>
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
      <span className="user">{me.user.name}</span>
      <button type="button" data-testid="logout" onClick={onSignOut}>
        {t("signOut")}
      </button>
    </header>
  );
}
