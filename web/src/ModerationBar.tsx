import { useState } from "react";
import { ApiError, api, type Me, type Message, type ModerationOperation } from "./api.ts";
import { useT } from "./hooks.ts";

/**
 * Hide, like or delete one customer comment on the platform. The state shown is the platform's: a button press
 * only queues the call, and the comment changes when the platform has confirmed it.
 */
export function ModerationBar({
  conversationId,
  message,
  allowed,
  role,
}: {
  conversationId: string;
  message: Message;
  allowed: ModerationOperation[];
  role: Me["user"]["role"];
}) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  if (message.direction !== "in" || message.deletedAt || !message.externalId || allowed.length === 0)
    return null;
  const choices: ModerationOperation[] = [
    message.hiddenAt ? "unhide" : "hide",
    message.likedAt ? "unlike" : "like",
    ...(role === "agent" ? [] : (["delete"] as const)),
  ];
  const labels: Record<ModerationOperation, string> = {
    hide: t("hide"),
    unhide: t("unhide"),
    like: t("like"),
    unlike: t("unlike"),
    delete: t("deleteComment"),
  };

  async function run(operation: ModerationOperation) {
    if (operation === "delete" && !window.confirm(t("confirmDelete"))) return;
    setError(null);
    try {
      await api("POST", `/api/conversations/${conversationId}/messages/${message.id}/moderation`, {
        operation,
      });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <div className="moderation" title={t("moderationHint")}>
      {choices
        .filter((operation) => allowed.includes(operation))
        .map((operation) => (
          <button
            key={operation}
            type="button"
            className={`link ${operation === "delete" ? "danger" : ""}`}
            data-testid={`moderate-${operation}`}
            disabled={message.moderationPending !== null}
            onClick={() => void run(operation)}
          >
            {labels[operation]}
          </button>
        ))}
      {message.moderationPending && (
        <span className="muted small" data-testid="moderation-pending">
          {labels[message.moderationPending]}: {t("moderationPending")}
        </span>
      )}
      {(error ?? message.moderationError) && (
        <span className="error small" role="alert">
          {error ?? message.moderationError}
        </span>
      )}
    </div>
  );
}
