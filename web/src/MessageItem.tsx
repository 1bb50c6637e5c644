import type { ReactNode } from "react";
import type { Message } from "./api.ts";
import { useWebMentionT } from "./channels/webMentionI18n.ts";
import { useT } from "./hooks.ts";
import { useLocaleFormat } from "./localeFormat.ts";
import { SentimentControl } from "./sentiment/SentimentControl.tsx";
import { AttachmentList } from "./thread/AttachmentList.tsx";

/** Customer text is rendered as React text children only: markup in it stays inert. */
export function MessageItem({
  message,
  actions,
  conversationId,
}: {
  message: Message;
  actions?: ReactNode;
  /** Given where agents may correct a customer message's mood. */
  conversationId?: string;
}) {
  const t = useT();
  const webT = useWebMentionT();
  const format = useLocaleFormat();
  return (
    <div
      className={`message ${message.direction} ${message.deletedAt ? "deleted" : ""} ${message.hiddenAt ? "hidden-comment" : ""}`}
      data-testid="message"
      data-direction={message.direction}
      data-delivery-status={message.deliveryStatus}
      data-hidden={message.hiddenAt ? "true" : "false"}
    >
      <div className="meta">
        <span className="author">
          {message.direction === "note" ? `${t("note_label")} · ${message.author.name}` : message.author.name}
        </span>
        <time dateTime={message.sentAt}>{format.dateTime(message.sentAt)}</time>
        {message.direction === "out" && message.visibility === "private" && (
          <span className="tag">{t("private")}</span>
        )}
        {message.editedAt && <span className="tag">{t("edited")}</span>}
        {message.deletedAt && <span className="tag warn">{t("deleted")}</span>}
        {message.hiddenAt && !message.deletedAt && (
          <span className="tag warn" data-testid="hidden-tag">
            {t("hiddenTag")}
          </span>
        )}
        {message.likedAt && <span className="tag">{t("likedTag")}</span>}
        {message.reaction && (
          <span className="reaction" title={t("customerReaction")} data-testid="reaction">
            {message.reaction}
          </span>
        )}
        {message.direction === "out" && message.answeredOnSiteAt ? (
          <span className="tag" data-testid="answered-on-site-tag">
            {webT("answeredOnSiteTag")}
          </span>
        ) : (
          message.direction === "out" && (
            <span className={`delivery ${message.deliveryStatus}`}>
              {t(`delivery_${message.deliveryStatus}`)}
            </span>
          )
        )}
      </div>
      <p className="text">{message.text}</p>
      <AttachmentList attachments={message.attachments} />
      {conversationId && message.direction === "in" && message.sentiment && (
        <SentimentControl
          // A new standing label from the server (another agent's click) starts the control afresh.
          key={`${message.sentiment.label}:${message.sentiment.corrected}`}
          conversationId={conversationId}
          message={{ ...message, sentiment: message.sentiment }}
        />
      )}
      {message.deliveryError && <p className={`error ${message.deliveryStatus}`}>{message.deliveryError}</p>}
      {message.deliveryStatus === "uncertain" && <p className="hint">{t("uncertainHint")}</p>}
      {actions}
    </div>
  );
}
