import { useState } from "react";
import { api } from "../api.ts";
import { Badge } from "../components/Badge.tsx";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { RecordTable } from "../components/RecordTable.tsx";
import { useRecordList } from "../components/useRecordList.ts";
import type { Session } from "./accountApi.ts";
import { type AccountT, useAccountT } from "./accountI18n.ts";
import { deviceOf } from "./deviceName.ts";
import { useDateTime } from "./useDateTime.ts";

function deviceLabel(t: AccountT, userAgent: string | null): string {
  const { browser, system } = deviceOf(userAgent);
  if (browser && system) return t("deviceOn", { browser, system });
  return browser ?? system ?? userAgent ?? t("unknownDevice");
}

/** One's signed-in browsers, to sign out the ones left elsewhere. */
export function SessionsCard() {
  const t = useAccountT();
  const when = useDateTime();
  const sessions = useRecordList<Session>("/api/me/sessions");
  const [result, setResult] = useState<string | null>(null);
  const others = sessions.items.filter((s) => !s.current).length;
  return (
    <section className="card wide" aria-labelledby="sessions-heading" data-testid="sessions">
      <h2 id="sessions-heading">{t("sessions")}</h2>
      <p className="hint">{t("sessionsHint")}</p>
      <RecordTable
        className="account-table"
        columns={[t("device"), t("ipAddress"), t("lastSeen"), t("signedInAt"), ""]}
      >
        {sessions.items.map((session) => {
          const device = deviceLabel(t, session.userAgent);
          return (
            <tr key={session.id} data-testid="session-row">
              <td title={session.userAgent ?? undefined}>
                {device}
                {session.current && <Badge tone="accent">{t("thisDevice")}</Badge>}
              </td>
              <td>{session.ip ?? "—"}</td>
              <td>{when(session.lastSeenAt)}</td>
              <td>{when(session.createdAt)}</td>
              <td>
                {!session.current && (
                  <button
                    type="button"
                    aria-label={t("signOutSessionOf", { device })}
                    onClick={() => void sessions.remove(session.id)}
                  >
                    {t("signOutSession")}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </RecordTable>
      <ErrorMessage error={sessions.error} />
      <div className="row">
        <button
          type="button"
          disabled={others === 0}
          data-testid="sign-out-others"
          onClick={() =>
            void sessions.act(async () => {
              const answer = await api<{ ended: number }>("POST", "/api/me/sessions/end-others");
              setResult(t("othersSignedOut", { count: answer.ended }));
            })
          }
        >
          {t("signOutOthers")}
        </button>
        {result && (
          <span className="hint" role="status">
            {result}
          </span>
        )}
      </div>
    </section>
  );
}
