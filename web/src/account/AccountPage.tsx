import { useState } from "react";
import type { Me } from "../api.ts";
import { useApiData } from "../components/useApiData.ts";
import { AppearanceCard } from "../theme/AppearanceCard.tsx";
import { ApiTokensCard } from "./ApiTokensCard.tsx";
import type { Account } from "./accountApi.ts";
import { type AccountKey, useAccountT } from "./accountI18n.ts";
import { PasswordCard } from "./PasswordCard.tsx";
import { SessionsCard } from "./SessionsCard.tsx";
import "./account.css";

/** My account: every person's own password, appearance and alerts, sessions and API tokens. */
export function AccountPage({ me }: { me: Me }) {
  const t = useAccountT();
  const account = useApiData<Account>("/api/me/account");
  // A password change ends the other sessions: the list is read again.
  const [passwordChanges, setPasswordChanges] = useState(0);
  const role = me.user.role;
  return (
    <main className="page account-page" data-testid="account-page">
      <h1>{t("title")}</h1>
      <p>
        {t("signedInAs", { email: me.user.email })} · {t("role")}: {t(`role_${role}` as AccountKey)} —{" "}
        <span className="hint">{t(`roleHint_${role}` as AccountKey)}</span>
      </p>
      {account.data ? (
        <PasswordCard
          account={account.data}
          onChanged={() => {
            void account.reload();
            setPasswordChanges((n) => n + 1);
          }}
        />
      ) : (
        <p className="hint">{t("loading")}</p>
      )}
      <AppearanceCard />
      <SessionsCard key={passwordChanges} />
      <ApiTokensCard />
    </main>
  );
}
