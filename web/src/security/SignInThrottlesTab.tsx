import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { RecordTable } from "../components/RecordTable.tsx";
import { useRecordList } from "../components/useRecordList.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import { type SecurityKey, useSecurityT } from "./securityI18n.ts";

export interface SignInThrottle {
  id: string;
  kind: "account_source" | "account_device" | "source";
  email: string | null;
  source: string | null;
  failures: number;
  refused: number;
  lastFailureAt: string;
  retryAfterSeconds: number;
}

/** Admins only: who is being slowed down at sign-in, and a way to let one of them try again at once. */
export function SignInThrottlesTab() {
  const t = useSecurityT();
  const format = useLocaleFormat();
  const throttles = useRecordList<SignInThrottle>("/api/security/sign-in-throttles");
  const clear = (id: string) => {
    if (window.confirm(t("confirmClear"))) void throttles.remove(id);
  };
  return (
    <section data-testid="sign-in-throttles">
      <p className="hint">{t("hint")}</p>
      <ErrorMessage error={throttles.error} />
      {throttles.answer && throttles.items.length === 0 && <p className="hint">{t("empty")}</p>}
      {throttles.items.length > 0 && (
        <RecordTable
          className="settings-table"
          columns={[
            t("what"),
            t("email"),
            t("address"),
            t("failures"),
            t("refused"),
            t("lastFailure"),
            t("waits"),
            "",
          ]}
        >
          {throttles.items.map((row) => (
            <tr key={row.id} data-testid="sign-in-throttle-row">
              <td>{t(`kind_${row.kind}` as SecurityKey)}</td>
              <td>{row.email ?? "—"}</td>
              <td>{row.source ?? "—"}</td>
              <td>{row.failures}</td>
              <td>{row.refused}</td>
              <td>{format.timeAgo(row.lastFailureAt)}</td>
              <td>
                {row.retryAfterSeconds > 0
                  ? t("waitsSeconds", { seconds: row.retryAfterSeconds })
                  : t("waitsNow")}
              </td>
              <td>
                <button type="button" data-testid="sign-in-throttle-clear" onClick={() => clear(row.id)}>
                  {t("clear")}
                </button>
              </td>
            </tr>
          ))}
        </RecordTable>
      )}
    </section>
  );
}
