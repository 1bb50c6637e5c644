import type { ConversationSummary } from "../api.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import { useViberT } from "./viberI18n.ts";

/** Says why nothing can be sent in this thread: the customer unsubscribed from the account (Viber). */
export function ReplyBlockedNotice({ conversation }: { conversation: ConversationSummary }) {
  const t = useViberT();
  const at = useLocaleFormat().dateTime;
  const blocked = conversation.replyBlocked;
  if (!blocked) return null;
  return (
    <p
      className="window-notice closed"
      data-testid="reply-blocked"
      data-reason={blocked.reason}
      role="status"
    >
      {t("unsubscribed", { name: conversation.contact.displayName, time: at(blocked.since) })}
    </p>
  );
}
