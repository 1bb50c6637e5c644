import type { LinkDelivery } from "./accountApi.ts";
import { useAccountT } from "./accountI18n.ts";
import { CopyableSecret } from "./CopyableSecret.tsx";
import { useDateTime } from "./useDateTime.ts";

/** After an invitation or a reset link: "e-mailed", or the link for the admin to pass on, and why. */
export function LinkOutcome({
  delivery: outcome,
  email,
  expiresAt,
  sentText,
}: {
  delivery: LinkDelivery;
  email: string;
  expiresAt: string;
  sentText: string;
}) {
  const t = useAccountT();
  const when = useDateTime();
  if (outcome.delivery === "sent")
    return (
      <p className="hint" role="status" data-testid="link-sent">
        {sentText}
      </p>
    );
  return (
    <div className="notice" role="status" data-testid="link-to-pass">
      {outcome.delivery === "failed" && <p className="error">{t("mailFailed", { error: outcome.error })}</p>}
      <p>{t("linkToPass", { email, until: when(expiresAt) })}</p>
      <CopyableSecret value={outcome.link} label={t("linkFor", { email })} testId="handover-link" />
    </div>
  );
}
