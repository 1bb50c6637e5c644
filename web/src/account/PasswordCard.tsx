import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { TextField } from "../components/TextField.tsx";
import { useRequest } from "../components/useRequest.ts";
import type { Account } from "./accountApi.ts";
import { useAccountT } from "./accountI18n.ts";
import { EMPTY_NEW_PASSWORD, NewPasswordFields } from "./NewPasswordFields.tsx";
import { useDateTime } from "./useDateTime.ts";

/** Changing one's password: the current one proves it is them; their other sessions end. */
export function PasswordCard({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const t = useAccountT();
  const when = useDateTime();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState(EMPTY_NEW_PASSWORD);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const request = useRequest();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setMismatch(next.password !== next.repeat);
    if (next.password !== next.repeat) return;
    void request.run(async () => {
      const answer = await api<{ otherSessionsEnded: number }>("POST", "/api/me/password", {
        currentPassword: current,
        newPassword: next.password,
      });
      setCurrent("");
      setNext(EMPTY_NEW_PASSWORD);
      setDone(t("passwordChanged", { count: answer.otherSessionsEnded }));
      onChanged();
    });
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="password-heading" data-testid="password-form">
      <h2 id="password-heading">{t("password")}</h2>
      {account.passwordChangedAt ? (
        <p className="hint">{t("passwordChangedAt", { when: when(account.passwordChangedAt) })}</p>
      ) : (
        <p className="warning" data-testid="generated-password-warning">
          {t("generatedPasswordWarning")}
        </p>
      )}
      <TextField
        label={t("currentPassword")}
        type="password"
        autoComplete="current-password"
        required
        data-testid="password-current"
        value={current}
        onChange={setCurrent}
      />
      <NewPasswordFields value={next} onChange={setNext} testIdPrefix="password" />
      {mismatch && (
        <p className="error" role="alert">
          {t("passwordsDiffer")}
        </p>
      )}
      <ErrorMessage error={request.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={request.busy} data-testid="password-submit">
          {t("changePassword")}
        </button>
        {done && (
          <span className="hint" role="status" data-testid="password-changed">
            {done}
          </span>
        )}
      </div>
    </form>
  );
}
