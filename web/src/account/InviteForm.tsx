import { type FormEvent, useContext, useState } from "react";
import { api } from "../api.ts";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { SelectField } from "../components/Select.tsx";
import { TextField } from "../components/TextField.tsx";
import { useRequest } from "../components/useRequest.ts";
import { LocaleContext } from "../hooks.ts";
import { ChoiceList } from "../settings/ChoiceList.tsx";
import { type InvitationAnswer, ROLES, type Role } from "./accountApi.ts";
import { type AccountKey, useAccountT } from "./accountI18n.ts";

/** Invites a colleague by e-mail with a role and teams; the outcome (sent, or a link to pass on) goes up. */
export function InviteForm({
  teams,
  onInvited,
}: {
  teams: { id: string; name: string }[];
  onInvited: (answer: InvitationAnswer) => void;
}) {
  const t = useAccountT();
  // The invitation e-mail is written in the language the admin is using.
  const language = useContext(LocaleContext);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("agent");
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const request = useRequest();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void request.run(async () => {
      onInvited(await api<InvitationAnswer>("POST", "/api/invitations", { email, role, teamIds, language }));
      setEmail("");
      setTeamIds([]);
    });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="invite-heading" data-testid="invite-form">
      <h2 id="invite-heading">{t("inviteTitle")}</h2>
      <TextField
        label={t("email")}
        type="email"
        required
        maxLength={320}
        autoComplete="off"
        data-testid="invite-email"
        value={email}
        onChange={setEmail}
      />
      <SelectField
        label={t("role")}
        data-testid="invite-role"
        options={ROLES.map((r) => ({
          value: r,
          label: `${t(`role_${r}` as AccountKey)} — ${t(`roleHint_${r}` as AccountKey)}`,
        }))}
        value={role}
        onChange={(value) => setRole(value as Role)}
      />
      {teams.length > 0 && (
        <ChoiceList
          label={t("teams")}
          options={teams.map((team) => ({ value: team.id, label: team.name }))}
          selected={teamIds}
          onChange={setTeamIds}
        />
      )}
      <ErrorMessage error={request.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={request.busy} data-testid="invite-submit">
          {t("invite")}
        </button>
      </div>
    </form>
  );
}
