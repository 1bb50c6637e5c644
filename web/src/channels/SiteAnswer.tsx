import { useState } from "react";
import { ApiError, api, type ConversationSummary, type Message } from "../api.ts";
import { safeHttpUrl } from "../format.ts";
import { useWebMentionT } from "./webMentionI18n.ts";
import "./siteAnswer.css";

/**
 * The reply box of a web mention (a review, a forum post): nothing can be posted through an API, so the agent opens
 * the page, answers there, and records here that they did, with what they wrote if they like. The page opens
 * without handing the site a reference to Parley (rel=noopener noreferrer), and only an http(s) address is a link.
 */
export function SiteAnswer({
  conversation,
  onSent,
  onNote,
}: {
  conversation: ConversationSummary;
  onSent: (message: Message) => void;
  onNote: () => void;
}) {
  const t = useWebMentionT();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const page = safeHttpUrl(conversation.sitePage);

  async function record() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ message: Message }>(
        "POST",
        `/api/conversations/${conversation.id}/site-answers`,
        text.trim() ? { text } : {},
      );
      onSent(answer.message);
      setText((current) => (current === text ? "" : current));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="reply site-answer" data-testid="site-answer">
      <div className="reply-controls">
        <button type="button" data-testid="note-toggle" onClick={onNote}>
          {t("addNote")}
        </button>
        <span className="muted small">{t("hint")}</span>
      </div>
      <p>
        {page ? (
          <a
            href={page}
            target="_blank"
            rel="noopener noreferrer"
            className="open-page"
            data-testid="open-site-page"
          >
            {t("openPage")}
          </a>
        ) : (
          <span className="muted" data-testid="no-site-page">
            {t("noPage")}
          </span>
        )}
      </p>
      <label>
        <span>{t("answerTextLabel")}</span>
        <textarea
          data-testid="site-answer-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t("answerTextPlaceholder")}
          rows={3}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        className="primary"
        data-testid="answered-on-site"
        disabled={busy}
        onClick={() => void record()}
      >
        {t("answeredOnSite")}
      </button>
    </div>
  );
}
