import { type FormEvent, useState } from "react";
import { useAccountNavT } from "./account/accountNavI18n.ts";
import { ApiError, api, type Me } from "./api.ts";
import { useT } from "./hooks.ts";
import type { Locale } from "./i18n.ts";
import { LanguageSelect } from "./LanguageSelect.tsx";
import { useSecurityT } from "./security/securityI18n.ts";

export function LoginPage({
  onSignedIn,
  locale,
  onLocale,
}: {
  onSignedIn: (me: Me) => void;
  locale: Locale;
  onLocale: (l: Locale) => void;
}) {
  const t = useT();
  const at = useAccountNavT();
  const securityT = useSecurityT();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api<Me>("POST", "/api/auth/login", { email, password }));
    } catch (err) {
      // A throttled attempt says in the reader's language how long to wait (the Retry-After of the answer).
      const wait = err instanceof ApiError ? err.details?.retryAfterSeconds : undefined;
      if (err instanceof ApiError && err.code === "sign_in_throttled" && typeof wait === "number")
        setError(securityT("throttled", { seconds: wait }));
      else setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form onSubmit={submit}>
        <h1>{t("appName")}</h1>
        <label>
          {t("email")}
          <input
            data-testid="login-email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          {t("password")}
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button data-testid="login-submit" type="submit" disabled={busy}>
          {t("signIn")}
        </button>
        <a className="small" href="/reset-password" data-testid="forgot-password">
          {at("forgotPassword")}
        </a>
        <LanguageSelect locale={locale} onLocale={onLocale} />
      </form>
    </main>
  );
}
