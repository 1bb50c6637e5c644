import type { ReactNode } from "react";
import type { Page } from "./App.tsx";
import type { Me } from "./api.ts";
import { useT } from "./hooks.ts";
import type { Locale } from "./i18n.ts";
import { LanguageSelect } from "./LanguageSelect.tsx";
import { usePlaybookT } from "./playbook/playbookI18n.ts";
import { useReportsT } from "./reports/reportsI18n.ts";
import { AvailabilitySelect } from "./settings/AvailabilitySelect.tsx";
import { useSettingsT } from "./settings/settingsI18n.ts";
import { NotificationBell } from "./triage/NotificationBell.tsx";
import { useTriageT } from "./triage/triageI18n.ts";

/** A top-bar tab; its test id is `${page}-link`. */
function PageLink({
  page,
  active,
  onPage,
  children,
}: {
  page: Page;
  active: Page;
  onPage: (page: Page) => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      data-testid={`${page}-link`}
      className={active === page ? "active" : ""}
      onClick={() => onPage(page)}
    >
      {children}
    </button>
  );
}

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
  const rt = useReportsT();
  return (
    <header className="topbar">
      <strong className="brand">{t("appName")}</strong>
      {/* A workspace still called by the product's name would read "Parley Parley". */}
      {me.workspace.name !== t("appName") && <span className="workspace">{me.workspace.name}</span>}
      <nav>
        <PageLink page="inbox" active={page} onPage={onPage}>
          {t("inbox")}
        </PageLink>
        <PageLink page="listening" active={page} onPage={onPage}>
          {t("listening")}
        </PageLink>
        <PageLink page="playbook" active={page} onPage={onPage}>
          {pt("nav")}
        </PageLink>
        <PageLink page="review" active={page} onPage={onPage}>
          {tt("review")}
        </PageLink>
        <PageLink page="reports" active={page} onPage={onPage}>
          {rt("nav")}
        </PageLink>
        {me.user.role !== "agent" && (
          <PageLink page="settings" active={page} onPage={onPage}>
            {st("settings")}
          </PageLink>
        )}
        {me.user.role === "admin" && (
          <PageLink page="channels" active={page} onPage={onPage}>
            {t("channels")}
          </PageLink>
        )}
      </nav>
      <span className="spacer" />
      <LanguageSelect locale={locale} onLocale={onLocale} />
      <AvailabilitySelect me={me} />
      <NotificationBell userId={me.user.id} onOpenConversation={onOpenConversation} />
      <span className="user">{me.user.name}</span>
      <button type="button" data-testid="logout" onClick={onSignOut}>
        {t("signOut")}
      </button>
    </header>
  );
}
