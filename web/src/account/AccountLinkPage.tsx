import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { ApiError, api, type Me } from "../api.ts";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { TextField } from "../components/TextField.tsx";
import { useRequest } from "../components/useRequest.ts";
import type { Locale } from "../i18n.ts";
import { LanguageSelect } from "../LanguageSelect.tsx";
import type { Role } from "./accountApi.ts";
import { type AccountKey, useAccountT } from "./accountI18n.ts";
import type { AccountLink } from "./accountLink.ts";
import { EMPTY_NEW_PASSWORD, NewPasswordFields } from "./NewPasswordFields.tsx";
import "./account.css";

interface Props {
  link: AccountLink;
  onSignedIn: (me: Me) => void;
  locale: Locale;
  onLocale: (locale: Locale) => void;
}

const signIn = (email: string, password: string) => api<Me>("POST", "/api/auth/login", { email, password });

/** A link that no longer works says so in words, not as "HTTP 410". */
function useLinkErrorText(error: unknown): unknown {
  const t = useAccountT();
  return error instanceof ApiError && error.code === "invalid_link" ? new Error(t("linkInvalid")) : error;
}

function Frame({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  const t = useAccountT();
  return (
    <main className="account-link">
      <div className="card">
        <h1>{title}</h1>
        {children}
        <div className="links">
          <a href="/">{t("backToSignIn")}</a>
        </div>
        {footer}
      </div>
    </main>
  );
}

function AcceptInvitation({ token, onSignedIn }: { token: string; onSignedIn: (me: Me) => void }) {
  const t = useAccountT();
  const [invitation, setInvitation] = useState<{ email: string; role: Role; workspace: string } | null>(null);
  const lookup = useRequest();
  const [name, setName] = useState("");
  const [password, setPassword] = useState(EMPTY_NEW_PASSWORD);
  const [mismatch, setMismatch] = useState(false);
  const request = useRequest();
  const lookupError = useLinkErrorText(lookup.error);
  const requestError = useLinkErrorText(request.error);
  const run = lookup.run;

  useEffect(() => {
    void run(async () => setInvitation(await api("POST", "/api/auth/invitation", { token })));
  }, [run, token]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password.password !== password.repeat);
    if (!invitation || password.password !== password.repeat) return;
    void request.run(async () => {
      await api("POST", "/api/auth/invitation/accept", { token, name, password: password.password });
      onSignedIn(await signIn(invitation.email, password.password));
    });
  };

  if (!invitation)
    return lookupError ? <ErrorMessage error={lookupError} /> : <p className="hint">{t("loading")}</p>;
  return (
    <form onSubmit={submit} data-testid="accept-invite-form">
      <h2>{t("joinTitle", { workspace: invitation.workspace })}</h2>
      <p>{t("joinIntro", { role: t(`role_${invitation.role}` as AccountKey), email: invitation.email })}</p>
      <TextField
        label={t("yourName")}
        required
        maxLength={200}
        autoComplete="name"
        data-testid="invite-name"
        value={name}
        onChange={setName}
      />
      <NewPasswordFields value={password} onChange={setPassword} testIdPrefix="invite-password" />
      {mismatch && (
        <p className="error" role="alert">
          {t("passwordsDiffer")}
        </p>
      )}
      <ErrorMessage error={requestError} />
      <button type="submit" className="primary" disabled={request.busy} data-testid="invite-accept">
        {t("join")}
      </button>
    </form>
  );
}

function ResetPassword({ token, onSignedIn }: { token: string; onSignedIn: (me: Me) => void }) {
  const t = useAccountT();
  const [password, setPassword] = useState(EMPTY_NEW_PASSWORD);
  const [mismatch, setMismatch] = useState(false);
  const request = useRequest();
  const error = useLinkErrorText(request.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password.password !== password.repeat);
    if (password.password !== password.repeat) return;
    void request.run(async () => {
      const { email } = await api<{ email: string }>("POST", "/api/auth/password-reset/confirm", {
        token,
        password: password.password,
      });
      onSignedIn(await signIn(email, password.password));
    });
  };
  return (
    <form onSubmit={submit} data-testid="reset-password-form">
      <p className="hint">{t("resetIntro")}</p>
      <NewPasswordFields value={password} onChange={setPassword} testIdPrefix="reset-password" />
      {mismatch && (
        <p className="error" role="alert">
          {t("passwordsDiffer")}
        </p>
      )}
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={request.busy} data-testid="reset-password-submit">
        {t("setPassword")}
      </button>
    </form>
  );
}

function ForgotPassword() {
  const t = useAccountT();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const request = useRequest();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void request.run(async () => {
      await api("POST", "/api/auth/password-reset", { email });
      setSent(true);
    });
  };
  if (sent)
    return (
      <p role="status" data-testid="forgot-sent">
        {t("forgotSent")}
      </p>
    );
  return (
    <form onSubmit={submit} data-testid="forgot-password-form">
      <p className="hint">{t("forgotIntro")}</p>
      <TextField
        label={t("email")}
        type="email"
        required
        autoComplete="username"
        data-testid="forgot-email"
        value={email}
        onChange={setEmail}
      />
      <ErrorMessage error={request.error} />
      <button type="submit" className="primary" disabled={request.busy}>
        {t("sendLink")}
      </button>
    </form>
  );
}

/** What an e-mailed link opens before anyone is signed in: joining from an invitation, or a new password. */
export function AccountLinkPage({ link, onSignedIn, locale, onLocale }: Props) {
  const t = useAccountT();
  const footer = <LanguageSelect locale={locale} onLocale={onLocale} />;
  if (link.kind === "invitation")
    return (
      <Frame title="Parley" footer={footer}>
        <AcceptInvitation token={link.token} onSignedIn={onSignedIn} />
      </Frame>
    );
  if (link.kind === "password_reset")
    return (
      <Frame title={t("resetTitle")} footer={footer}>
        <ResetPassword token={link.token} onSignedIn={onSignedIn} />
      </Frame>
    );
  return (
    <Frame title={t("forgotTitle")} footer={footer}>
      <ForgotPassword />
    </Frame>
  );
}
