import { type KeyboardEvent, useRef, useState } from "react";
import { ApiError, api, type ConversationSummary, type Message } from "./api.ts";
import { ReplyBlockedNotice } from "./channels/ReplyBlockedNotice.tsx";
import { SiteAnswer } from "./channels/SiteAnswer.tsx";
import { useT } from "./hooks.ts";
import { ReplyAssist } from "./playbook/ReplyAssist.tsx";
import { draftWithSuggestion } from "./playbook/suggestionInsert.ts";
import { useDraftCheck } from "./playbook/useDraftCheck.ts";
import { ReplyWindowNotice, windowState } from "./ReplyWindowNotice.tsx";
import { useShortcutCommand } from "./shortcuts/shortcutCommands.ts";
import { type TemplateDraft, TemplatePicker } from "./TemplatePicker.tsx";

export function ReplyBox({
  conversation,
  onSent,
}: {
  conversation: ConversationSummary;
  onSent: (message: Message) => void;
}) {
  const t = useT();
  const { replyOptions } = conversation;
  const [text, setText] = useState("");
  const [noteMode, setNoteMode] = useState(false);
  const textArea = useRef<HTMLTextAreaElement>(null);
  // R, N and C from the inbox's keyboard: focus after the mode has rendered, so the caret lands in the box.
  const focusText = () => requestAnimationFrame(() => textArea.current?.focus());
  useShortcutCommand("reply", () => {
    setNoteMode(false);
    focusText();
  });
  useShortcutCommand("note", () => {
    setNoteMode(true);
    focusText();
  });
  useShortcutCommand("canned", () => {
    setNoteMode(false);
    const suggestion = document.querySelector<HTMLButtonElement>("[data-testid=reply-suggestion]");
    if (suggestion) suggestion.focus();
    else focusText();
  });
  const [visibility, setVisibility] = useState<"public" | "private">(
    conversation.visibility === "public" && replyOptions.public ? "public" : "private",
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState<TemplateDraft | null>(null);
  const tooLong = !noteMode && text.length > conversation.maxTextLength;
  const state = windowState(conversation.replyWindow);
  const templatesOnly = !noteMode && state === "templates";
  const privateUsed =
    visibility === "private" && conversation.privateReplyToComment?.alreadySent === true && !noteMode;
  // A customer who unsubscribed (Viber) cannot be written to; a note for the team still can.
  const unsubscribed = conversation.replyBlocked != null;
  const blocked = !noteMode && (state === "closed" || privateUsed || unsubscribed);
  // Notes stay inside the team and templates are fixed text: only a free reply is checked and assisted.
  const assisted = !noteMode && !templatesOnly;
  const check = useDraftCheck(conversation.id, text, visibility, assisted);
  const canSwitchPrivate =
    visibility === "public" &&
    replyOptions.private &&
    conversation.privateReplyToComment?.alreadySent !== true;
  // The draft right after the last suggestion went in: typing since then is a search the next one replaces.
  const afterInsert = useRef<string | null>(null);
  const insert = (inserted: string) =>
    setText((current) => {
      const next = draftWithSuggestion(current, inserted, current === afterInsert.current);
      afterInsert.current = next;
      return next;
    });

  async function send() {
    if (templatesOnly) {
      if (!draft || busy) return;
    } else if (!text.trim() || tooLong || busy || blocked) return;
    setBusy(true);
    setError(null);
    try {
      const answer = noteMode
        ? await api<{ message: Message }>("POST", `/api/conversations/${conversation.id}/notes`, { text })
        : await api<{ message: Message }>("POST", `/api/conversations/${conversation.id}/messages`, {
            text: templatesOnly && draft ? draft.preview : text,
            visibility,
            ...(templatesOnly && draft ? { template: draft.template } : {}),
          });
      onSent(answer.message);
      // Only what was sent is cleared: words typed while it was on its way stay in the box.
      setText((current) => (current === text ? "" : current));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  // A web mention is answered on its page; the box offers that, and notes for the team as everywhere.
  if (conversation.answersOnSite && !noteMode)
    return <SiteAnswer conversation={conversation} onSent={onSent} onNote={() => setNoteMode(true)} />;

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <div className={`reply ${noteMode ? "note-mode" : ""}`}>
      <div className="reply-controls">
        <button
          type="button"
          data-testid="note-toggle"
          className={noteMode ? "active" : ""}
          onClick={() => setNoteMode(!noteMode)}
        >
          {noteMode ? t("reply") : t("addNote")}
        </button>
        {!noteMode && replyOptions.public && replyOptions.private && (
          <fieldset className="segmented">
            <button
              type="button"
              aria-pressed={visibility === "public"}
              data-testid="reply-visibility-public"
              className={visibility === "public" ? "active" : ""}
              onClick={() => setVisibility("public")}
            >
              {t("public")}
            </button>
            <button
              type="button"
              aria-pressed={visibility === "private"}
              data-testid="reply-visibility-private"
              className={visibility === "private" ? "active" : ""}
              onClick={() => setVisibility("private")}
            >
              {t("private")}
            </button>
          </fieldset>
        )}
        {!noteMode && (
          <span className="muted small">{visibility === "public" ? t("publicHint") : t("privateHint")}</span>
        )}
        <span className="spacer" />
        {!noteMode && (
          <span className={`counter ${tooLong ? "over" : ""}`}>
            {t("characterCount", { used: text.length, max: conversation.maxTextLength })}
          </span>
        )}
      </div>
      {!noteMode && <ReplyWindowNotice conversation={conversation} visibility={visibility} />}
      {!noteMode && <ReplyBlockedNotice conversation={conversation} />}
      {templatesOnly ? (
        <TemplatePicker channelId={conversation.channel.id} onChange={setDraft} />
      ) : (
        <textarea
          ref={textArea}
          data-testid="reply-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={noteMode ? t("notePlaceholder") : t("replyPlaceholder")}
          rows={3}
        />
      )}
      {assisted && (
        <ReplyAssist
          conversationId={conversation.id}
          check={check}
          text={text}
          visibility={visibility}
          onInsert={insert}
          onSwitchPrivate={canSwitchPrivate ? () => setVisibility("private") : null}
        />
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        data-testid="reply-send"
        className="primary"
        disabled={busy || (templatesOnly ? !draft : !text.trim() || tooLong || blocked)}
        onClick={() => void send()}
      >
        {noteMode ? t("addNote") : t("send")}
      </button>
    </div>
  );
}
