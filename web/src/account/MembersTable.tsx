import { api } from "../api.ts";
import { RecordTable } from "../components/RecordTable.tsx";
import { Select } from "../components/Select.tsx";
import type { RecordList } from "../components/useRecordList.ts";
import type { Agent } from "../settings/settingsApi.ts";
import { type ResetLinkAnswer, ROLES, type Role } from "./accountApi.ts";
import { type AccountKey, useAccountT } from "./accountI18n.ts";

/** Every member with their role and access; one's own row is read-only (another admin changes it). */
export function MembersTable({
  members,
  myId,
  onResult,
  onResetLink,
}: {
  members: RecordList<Agent, { items: Agent[] }>;
  myId: string;
  onResult: (text: string) => void;
  onResetLink: (member: Agent, answer: ResetLinkAnswer) => void;
}) {
  const t = useAccountT();
  const roles = ROLES.map((r) => ({ value: r, label: t(`role_${r}` as AccountKey) }));
  return (
    <RecordTable className="account-table" columns={[t("member"), t("role"), t("status"), t("actions")]}>
      {members.items.map((member) => {
        const self = member.id === myId;
        return (
          <tr key={member.id} data-testid="member-row" className={member.disabled ? "muted" : ""}>
            <td>
              {member.name} {self && <span className="hint">{t("you")}</span>}
              <div className="hint">{member.email}</div>
            </td>
            <td>
              <Select
                aria-label={t("roleOf", { name: member.name })}
                data-testid="member-role"
                options={roles}
                value={member.role}
                disabled={self}
                onChange={(role) =>
                  void members.act(() => api("PUT", `/api/users/${member.id}/role`, { role: role as Role }))
                }
              />
            </td>
            <td>{member.disabled ? t("deactivated") : t("active")}</td>
            <td>
              <div className="row">
                {!self && !member.disabled && (
                  <>
                    <button
                      type="button"
                      onClick={() =>
                        void members.act(async () =>
                          onResetLink(
                            member,
                            await api<ResetLinkAnswer>("POST", `/api/users/${member.id}/password-reset`),
                          ),
                        )
                      }
                    >
                      {t("resetLink")}
                    </button>
                    <button
                      type="button"
                      data-testid="member-deactivate"
                      onClick={() => {
                        if (!window.confirm(t("confirmDeactivate", { name: member.name }))) return;
                        void members.act(async () => {
                          const outcome = await api<{
                            sessionsEnded: number;
                            tokensRevoked: number;
                            conversationsReturned: number;
                          }>("POST", `/api/users/${member.id}/deactivate`);
                          onResult(
                            t("deactivatedResult", {
                              name: member.name,
                              sessions: outcome.sessionsEnded,
                              tokens: outcome.tokensRevoked,
                              conversations: outcome.conversationsReturned,
                            }),
                          );
                        });
                      }}
                    >
                      {t("deactivate")}
                    </button>
                  </>
                )}
                {!self && member.disabled && (
                  <button
                    type="button"
                    onClick={() => void members.act(() => api("POST", `/api/users/${member.id}/reactivate`))}
                  >
                    {t("reactivate")}
                  </button>
                )}
              </div>
            </td>
          </tr>
        );
      })}
    </RecordTable>
  );
}
