import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { accountLinkOf } from "../account/accountLink.ts";
import { ApiError, api, type Me, SIGNED_OUT_EVENT, setCsrfToken } from "../api.ts";
import { LocaleContext, useLiveEvents } from "../hooks.ts";
import { LoginPage } from "../LoginPage.tsx";
import { TopBar } from "../TopBar.tsx";
import { PreferencesApplier } from "../theme/usePreferences.ts";
import { useUiLocale } from "../useUiLocale.ts";
import { useOpenConversation } from "./pageRoutes.tsx";
import { pageOf } from "./pages.ts";
import { MeContext } from "./session.ts";

export const ME_QUERY = ["me"] as const;

// Opened rarely, so loaded when opened: it stays out of the bundle every page load pays for.
const AccountLinkPage = lazy(() =>
  import("../account/AccountLinkPage.tsx").then((m) => ({ default: m.AccountLinkPage })),
);

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>("GET", "/api/me");
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/**
 * Every change heard on the live stream marks cached answers stale, those of pages not on screen too: a
 * conversation that arrived while the agent was in Settings is in the list when they come back. Mounted only
 * once signed in, because the stream answers 401 before that.
 */
function LiveCacheRefresher() {
  const queryClient = useQueryClient();
  // A query may opt out with meta.liveRefresh = false: what only its owner changes (their preferences).
  useLiveEvents(
    () => void queryClient.invalidateQueries({ predicate: (query) => query.meta?.liveRefresh !== false }),
  );
  return null;
}

/**
 * Signs the viewer in and frames every page. A signed-out visitor sees the sign-in form at the URL they
 * opened, so a link shared in a team chat lands on its view once they have signed in.
 */
export function AppShell() {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ME_QUERY,
    queryFn: fetchMe,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const openConversation = useOpenConversation();
  const { locale, ready: messagesReady, changeLocale } = useUiLocale();
  const navigate = useNavigate();
  // An invitation or reset link from an e-mail opens its own page, before (and instead of) signing in.
  const [accountLink, setAccountLink] = useState(() => accountLinkOf(window.location));
  const signedOut = useCallback(() => {
    setCsrfToken(null);
    // Nothing the previous viewer saw may stay in the cache for whoever signs in next. The viewer's own
    // query stays (set to "nobody"): removing it would refetch it, answer 401, and land here again.
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY[0] });
    queryClient.setQueryData(ME_QUERY, null);
  }, [queryClient]);
  const signOut = useCallback(async () => {
    await api("POST", "/api/auth/logout").catch(() => undefined);
    signedOut();
  }, [signedOut]);
  // Any request answered 401 (session ended elsewhere, account deactivated) returns to the sign-in form.
  useEffect(() => {
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
  }, [signedOut]);

  if (me.isPending || !messagesReady) return null;
  const viewer = me.data ?? null;
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
              queryClient.setQueryData(ME_QUERY, answer);
              setAccountLink(null);
              void navigate({ to: "/inbox", replace: true });
            }}
          />
        </Suspense>
      ) : viewer === null ? (
        <LoginPage
          onSignedIn={(answer) => {
            setCsrfToken(answer.csrfToken);
            queryClient.setQueryData(ME_QUERY, answer);
          }}
          locale={locale}
          onLocale={changeLocale}
        />
      ) : (
        <MeContext.Provider value={viewer}>
          <LiveCacheRefresher />
          <PreferencesApplier userId={viewer.user.id} />
          <div className="app">
            <TopBar
              me={viewer}
              page={pageOf(pathname)}
              locale={locale}
              onLocale={changeLocale}
              onSignOut={signOut}
              onOpenConversation={openConversation}
            />
            <Outlet />
          </div>
        </MeContext.Provider>
      )}
    </LocaleContext.Provider>
  );
}
