import { useContext } from "react";
import { api } from "../api.ts";
import { RecordTable } from "../components/RecordTable.tsx";
import type { RecordList } from "../components/useRecordList.ts";
import { LocaleContext } from "../hooks.ts";
import type { Invitation, InvitationAnswer } from "./accountApi.ts";
import { type AccountKey, useAccountT } from "./accountI18n.ts";
import { useDateTime } from "./useDateTime.ts";

/** Invitations nobody has accepted yet: send again (a new link, the old one stops working) or withdraw. */
export function InvitationsTable({
  invitations,
  onSentAgain,
}: {
  invitations: RecordList<Invitation, { items: Invitation[]; mailConfigured: boolean }>;
  onSentAgain: (answer: InvitationAnswer) => void;
}) {
  const t = useAccountT();
  const when = useDateTime();
  const language = useContext(LocaleContext);
  if (invitations.items.length === 0) return <p className="hint">{t("noInvitations")}</p>;
  return (
    <RecordTable
      className="account-table"
      columns={[t("email"), t("role"), t("invitedAt"), t("expires"), t("actions")]}
    >
      {invitations.items.map((invitation) => (
        <tr key={invitation.id} data-testid="invitation-row">
          <td>{invitation.email}</td>
          <td>{t(`role_${invitation.role}` as AccountKey)}</td>
          <td>{when(invitation.createdAt)}</td>
          <td>{invitation.expired ? t("expired") : when(invitation.expiresAt)}</td>
          <td>
            <div className="row">
              <button
                type="button"
                onClick={() =>
                  void invitations.act(async () =>
                    onSentAgain(
                      await api<InvitationAnswer>("POST", "/api/invitations", {
                        email: invitation.email,
                        role: invitation.role,
                        teamIds: invitation.teamIds,
                        language,
                      }),
                    ),
                  )
                }
              >
                {t("sendAgain")}
              </button>
              <button
                type="button"
                onClick={() => {
                  if (window.confirm(t("confirmWithdraw", { email: invitation.email })))
                    void invitations.remove(invitation.id);
                }}
              >
                {t("withdraw")}
              </button>
            </div>
          </td>
        </tr>
      ))}
    </RecordTable>
  );
}
