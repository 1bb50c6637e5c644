import { Link } from "@tanstack/react-router";
import { type ReactNode, useEffect, useState } from "react";
import { useAccountNavT } from "./account/accountNavI18n.ts";
import type { Me } from "./api.ts";
import { Button } from "./components/Button.tsx";
import { useT } from "./hooks.ts";
import type { Locale } from "./i18n.ts";
import { LanguageSelect } from "./LanguageSelect.tsx";
import { usePlaybookT } from "./playbook/playbookI18n.ts";
import { useReportsT } from "./reports/reportsI18n.ts";
import { PAGE_PATHS, type Page } from "./routing/pages.ts";
import { AvailabilitySelect } from "./settings/AvailabilitySelect.tsx";
import { useSettingsT } from "./settings/settingsI18n.ts";
import { useThemeT } from "./theme/themeI18n.ts";
import { NotificationBell } from "./triage/NotificationBell.tsx";
import { useTriageT } from "./triage/triageI18n.ts";

/** A top-bar tab; its test id is `${page}-link`. */
function PageLink({ page, active, children }: { page: Page; active: Page; children: ReactNode }) {
  return (
    <Link
      to={PAGE_PATHS[page]}
      data-testid={`${page}-link`}
      className={active === page ? "active" : ""}
      aria-current={active === page ? "page" : undefined}
    >
      {children}
    </Link>
  );
}

interface Props {
  me: Me;
  page: Page;
  locale: Locale;
  onLocale: (locale: Locale) => void;
  onSignOut: () => void;
  onOpenConversation: (id: string) => void;
}

export function TopBar({ me, page, locale, onLocale, onSignOut, onOpenConversation }: Props) {
  const t = useT();
  const pt = usePlaybookT();
  const st = useSettingsT();
  const tt = useTriageT();
  const rt = useReportsT();
  const at = useAccountNavT();
  const tht = useThemeT();
  // On a phone the pages and the personal controls fold into a menu; on a desk they are all in the bar.
  const [menuOpen, setMenuOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the menu that led to it
  useEffect(() => setMenuOpen(false), [page]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: it only hears Escape bubbling up from the controls inside
    <header
      className={menuOpen ? "topbar menu-open" : "topbar"}
      onKeyDown={(e) => {
        if (e.key === "Escape" && menuOpen) setMenuOpen(false);
      }}
    >
      <strong className="brand">{t("appName")}</strong>
      {/* A workspace still called by the product's name would read "Parley Parley". */}
      {me.workspace.name !== t("appName") && <span className="workspace">{me.workspace.name}</span>}
      <NotificationBell onOpenConversation={onOpenConversation} />
      <Button
        className="menu-toggle"
        data-testid="menu-toggle"
        aria-expanded={menuOpen}
        aria-controls="topbar-menu"
        onClick={() => setMenuOpen(!menuOpen)}
      >
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
          <path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
        </svg>{" "}
        {tht("menu")}
      </Button>
      <div className="topbar-menu" id="topbar-menu" data-testid="topbar-menu">
        <nav aria-label={tht("mainNavigation")}>
          <PageLink page="inbox" active={page}>
            {t("inbox")}
          </PageLink>
          <PageLink page="listening" active={page}>
            {t("listening")}
          </PageLink>
          <PageLink page="playbook" active={page}>
            {pt("nav")}
          </PageLink>
          <PageLink page="review" active={page}>
            {tt("review")}
          </PageLink>
          <PageLink page="reports" active={page}>
            {rt("nav")}
          </PageLink>
          {me.user.role !== "agent" && (
            <PageLink page="settings" active={page}>
              {st("settings")}
            </PageLink>
          )}
          {me.user.role === "admin" && (
            <PageLink page="channels" active={page}>
              {t("channels")}
            </PageLink>
          )}
        </nav>
        <span className="spacer" />
        <LanguageSelect locale={locale} onLocale={onLocale} />
        <AvailabilitySelect me={me} />
        <Link
          to="/account"
          data-testid="account-link"
          className={page === "account" ? "account active" : "account user"}
          title={at("nav")}
          aria-label={`${at("nav")}: ${me.user.name}`}
        >
          {me.user.name}
        </Link>
        <button type="button" className="sign-out" data-testid="logout" onClick={onSignOut}>
          {t("signOut")}
        </button>
      </div>
    </header>
  );
}
