import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { accountLinkOf } from "./account/accountLink.ts";
import { ApiError, api, type Me, SIGNED_OUT_EVENT, setCsrfToken } from "./api.ts";
import { ChannelsPage } from "./ChannelsPage.tsx";
import { LocaleContext } from "./hooks.ts";
import { InboxPage } from "./InboxPage.tsx";
import { type Locale, pickLocale } from "./i18n.ts";
import { LoginPage } from "./LoginPage.tsx";
import { ListeningPage } from "./listening/ListeningPage.tsx";
import { PlaybookPage } from "./playbook/PlaybookPage.tsx";
import { ReportsPage } from "./reports/ReportsPage.tsx";
import { SettingsPage } from "./settings/SettingsPage.tsx";
import { TopBar } from "./TopBar.tsx";
import { ReviewPage } from "./triage/ReviewPage.tsx";

// Opened rarely, so loaded when opened: they stay out of the bundle every page load pays for.
const AccountPage = lazy(() => import("./account/AccountPage.tsx").then((m) => ({ default: m.AccountPage })));
const AccountLinkPage = lazy(() =>
  import("./account/AccountLinkPage.tsx").then((m) => ({ default: m.AccountLinkPage })),
);

export type Page =
  | "inbox"
  | "channels"
  | "listening"
  | "playbook"
  | "review"
  | "settings"
  | "reports"
  | "account";

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [page, setPage] = useState<Page>("inbox");
  // A mention or an alert opens its conversation in the inbox.
  // Alert e-mails link to /?conversation=<id>.
  const [openConversationId, setOpenConversationId] = useState<string | null>(() =>
    new URLSearchParams(window.location.search).get("conversation"),
  );
  // The top bar's notifications, the review queue and listening all open a conversation the same way.
  const openConversation = (id: string) => {
    setOpenConversationId(id);
    setPage("inbox");
  };
  // An invitation or reset link from an e-mail opens its own page, before (and instead of) signing in.
  const [accountLink, setAccountLink] = useState(() => accountLinkOf(window.location));
  const [locale, setLocale] = useState<Locale>(() =>
    pickLocale(localStorage.getItem("parley.locale"), navigator.language),
  );

  useEffect(() => {
    api<Me>("GET", "/api/me")
      .then((answer) => {
        setCsrfToken(answer.csrfToken);
        setMe(answer);
      })
      .catch((err) => {
        if (err instanceof ApiError && err.status === 401) setMe(null);
        else setMe(null);
      });
  }, []);

  useEffect(() => {
    const signedOut = () => {
      setCsrfToken(null);
      setMe(null);
    };
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
  }, []);

  const changeLocale = useCallback((next: Locale) => {
    localStorage.setItem("parley.locale", next);
    setLocale(next);
  }, []);

  const signOut = useCallback(async () => {
    await api("POST", "/api/auth/logout").catch(() => undefined);
    setCsrfToken(null);
    setMe(null);
  }, []);

  if (me === undefined) return null;
  return (
    <LocaleContext.Provider value={locale}>
      {accountLink ? (
        <Suspense fallback={null}>
          <AccountLinkPage
            link={accountLink}
            locale={locale}
            onLocale={changeLocale}
            onSignedIn={(answer) => {
              setCsrfToken(answer.csrfToken);
              setMe(answer);
              setAccountLink(null);
              window.history.replaceState(null, "", "/");
            }}
          />
        </Suspense>
      ) : me === null ? (
        <LoginPage
          onSignedIn={(answer) => {
            setCsrfToken(answer.csrfToken);
            setMe(answer);
          }}
          locale={locale}
          onLocale={changeLocale}
        />
      ) : (
        <div className="app">
          <TopBar
            me={me}
            page={page}
            onPage={setPage}
            locale={locale}
            onLocale={changeLocale}
            onSignOut={signOut}
            onOpenConversation={openConversation}
          />
          {page === "inbox" && <InboxPage me={me} initialConversationId={openConversationId} />}
          {page === "channels" && <ChannelsPage me={me} />}
          {page === "playbook" && <PlaybookPage me={me} />}
          {page === "settings" && <SettingsPage me={me} />}
          {page === "review" && <ReviewPage me={me} onOpenConversation={openConversation} />}
          {page === "listening" && <ListeningPage me={me} onOpenConversation={openConversation} />}
          {page === "reports" && <ReportsPage me={me} />}
          {page === "account" && (
            <Suspense fallback={null}>
              <AccountPage me={me} />
            </Suspense>
          )}
        </div>
      )}
    </LocaleContext.Provider>
  );
}
