import { useState } from "react";
import type { Me } from "../api.ts";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { useRecordList } from "../components/useRecordList.ts";
import type { Agent, Team } from "../settings/settingsApi.ts";
import type { Invitation, LinkDelivery } from "./accountApi.ts";
import { useAccountT } from "./accountI18n.ts";
import { InvitationsTable } from "./InvitationsTable.tsx";
import { InviteForm } from "./InviteForm.tsx";
import { LinkOutcome } from "./LinkOutcome.tsx";
import { MembersTable } from "./MembersTable.tsx";
import "./account.css";

interface Outcome {
  /** Shown beside what was clicked: under the invite form, or above the members. */
  kind: "invitation" | "reset";
  delivery: LinkDelivery;
  email: string;
  expiresAt: string;
  sentText: string;
}

/** Settings → Team members (admins): invite, change roles, deactivate, send reset links. */
export function TeamMembersTab({ me }: { me: Me }) {
  const t = useAccountT();
  const invitations = useRecordList<Invitation, { items: Invitation[]; mailConfigured: boolean }>(
    "/api/invitations",
  );
  const members = useRecordList<Agent>("/api/users");
  const teams = useRecordList<Team>("/api/teams");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const mailConfigured = invitations.answer?.mailConfigured;

  return (
    <section className="team-members" data-testid="team-members">
      {mailConfigured !== undefined && (
        <p className={mailConfigured ? "hint" : "warning"} data-testid="mail-status">
          {mailConfigured ? t("mailConfigured") : t("mailNotConfigured")}
        </p>
      )}
      <InviteForm
        teams={teams.items}
        onInvited={(answer) => {
          setResult(null);
          setOutcome({
            kind: "invitation",
            delivery: answer,
            email: answer.invitation.email,
            expiresAt: answer.invitation.expiresAt,
            sentText: t("invitationSent", { email: answer.invitation.email }),
          });
          void invitations.reload();
        }}
      />
      {outcome?.kind === "invitation" && <LinkOutcome {...outcome} />}
      <h2>{t("pendingInvitations")}</h2>
      <ErrorMessage error={invitations.error} />
      <InvitationsTable
        invitations={invitations}
        onSentAgain={(answer) =>
          setOutcome({
            kind: "invitation",
            delivery: answer,
            email: answer.invitation.email,
            expiresAt: answer.invitation.expiresAt,
            sentText: t("invitationSent", { email: answer.invitation.email }),
          })
        }
      />
      <h2>{t("members")}</h2>
      {outcome?.kind === "reset" && <LinkOutcome {...outcome} />}
      {result && (
        <p className="hint" role="status" data-testid="member-result">
          {result}
        </p>
      )}
      <ErrorMessage error={members.error} />
      <MembersTable
        members={members}
        myId={me.user.id}
        onResult={(text) => {
          setOutcome(null);
          setResult(text);
        }}
        onResetLink={(member, answer) => {
          setResult(null);
          setOutcome({
            kind: "reset",
            delivery: answer,
            email: member.email,
            expiresAt: answer.expiresAt,
            sentText: t("resetSent", { email: member.email }),
          });
        }}
      />
    </section>
  );
}
