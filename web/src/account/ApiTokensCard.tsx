import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { RecordTable } from "../components/RecordTable.tsx";
import { SelectField } from "../components/Select.tsx";
import { TextField } from "../components/TextField.tsx";
import { useRecordList } from "../components/useRecordList.ts";
import type { ApiToken } from "./accountApi.ts";
import { useAccountT } from "./accountI18n.ts";
import { CopyableSecret } from "./CopyableSecret.tsx";
import { useDateTime } from "./useDateTime.ts";

const EXPIRY_DAYS = ["30", "90", "365", "7", "never"] as const;

/** Personal API tokens: made here, shown once, listed with their last use, revoked here. */
export function ApiTokensCard() {
  const t = useAccountT();
  const when = useDateTime();
  const tokens = useRecordList<ApiToken>("/api/me/tokens");
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState<string>("90");
  const [created, setCreated] = useState<string | null>(null);

  const create = (event: FormEvent) => {
    event.preventDefault();
    void tokens.act(async () => {
      const answer = await api<{ token: string }>("POST", "/api/me/tokens", {
        name,
        expiresInDays: expiry === "never" ? null : Number(expiry),
      });
      setCreated(answer.token);
      setName("");
    });
  };

  return (
    <section className="card wide" aria-labelledby="tokens-heading" data-testid="api-tokens">
      <h2 id="tokens-heading">{t("tokens")}</h2>
      <p className="hint">{t("tokensHint")}</p>
      <form className="row" onSubmit={create}>
        <TextField
          label={t("tokenName")}
          required
          maxLength={200}
          data-testid="token-name"
          value={name}
          onChange={setName}
        />
        <SelectField
          label={t("tokenExpiry")}
          options={EXPIRY_DAYS.map((days) => ({
            value: days,
            label: days === "never" ? t("expiry_never") : t("expiry_days", { days }),
          }))}
          value={expiry}
          onChange={setExpiry}
        />
        <button type="submit" className="primary" data-testid="token-create">
          {t("createToken")}
        </button>
      </form>
      {created && (
        <div className="notice" role="status">
          <p>{t("newTokenShownOnce")}</p>
          <CopyableSecret value={created} label={t("newToken")} testId="new-token" />
        </div>
      )}
      <ErrorMessage error={tokens.error} />
      {tokens.items.length === 0 ? (
        <p className="hint">{t("noTokens")}</p>
      ) : (
        <RecordTable
          className="account-table"
          columns={[t("name"), t("created"), t("lastUsed"), t("expires"), ""]}
        >
          {tokens.items.map((token) => (
            <tr key={token.id} data-testid="token-row" className={token.expired ? "muted" : ""}>
              <td>{token.name}</td>
              <td>{when(token.createdAt)}</td>
              <td>{token.lastUsedAt ? when(token.lastUsedAt) : t("never")}</td>
              <td>{token.expired ? t("expired") : token.expiresAt ? when(token.expiresAt) : t("never")}</td>
              <td>
                <button
                  type="button"
                  aria-label={t("revokeToken", { name: token.name })}
                  onClick={() => {
                    if (window.confirm(t("confirmRevoke", { name: token.name })))
                      void tokens.remove(token.id);
                  }}
                >
                  {t("revoke")}
                </button>
              </td>
            </tr>
          ))}
        </RecordTable>
      )}
    </section>
  );
}
