export type AccountLink =
  | { kind: "invitation"; token: string }
  | { kind: "password_reset"; token: string }
  /** /reset-password without a token: the "forgot your password?" form. */
  | { kind: "forgot" };

/**
 * The page an e-mailed link opens (`/accept-invite#token=…`, `/reset-password#token=…`), or null for the app. The
 * token rides in the fragment, which the browser never sends to the server.
 */
export function accountLinkOf(location: { pathname: string; hash: string }): AccountLink | null {
  const token = location.hash.match(/^#token=([A-Za-z0-9_-]+)$/)?.[1];
  if (location.pathname === "/accept-invite") return token ? { kind: "invitation", token } : null;
  if (location.pathname === "/reset-password")
    return token ? { kind: "password_reset", token } : { kind: "forgot" };
  return null;
}
