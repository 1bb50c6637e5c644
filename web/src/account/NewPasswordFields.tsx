import { TextField } from "../components/TextField.tsx";
import { useAccountT } from "./accountI18n.ts";

export interface NewPasswordDraft {
  password: string;
  repeat: string;
}

export const EMPTY_NEW_PASSWORD: NewPasswordDraft = { password: "", repeat: "" };

/** The new password twice, as a password manager expects it; the server checks the rule again. */
export function NewPasswordFields({
  value,
  onChange,
  testIdPrefix,
}: {
  value: NewPasswordDraft;
  onChange: (value: NewPasswordDraft) => void;
  testIdPrefix: string;
}) {
  const t = useAccountT();
  return (
    <>
      <TextField
        label={t("newPassword")}
        hint={t("passwordRule")}
        type="password"
        autoComplete="new-password"
        minLength={10}
        maxLength={1024}
        required
        data-testid={`${testIdPrefix}-new`}
        value={value.password}
        onChange={(password) => onChange({ ...value, password })}
      />
      <TextField
        label={t("repeatPassword")}
        type="password"
        autoComplete="new-password"
        required
        data-testid={`${testIdPrefix}-repeat`}
        value={value.repeat}
        onChange={(repeat) => onChange({ ...value, repeat })}
      />
    </>
  );
}
