import { useCallback, useEffect, useState } from "react";
import { api, type ConversationSummary, type Me, type Status, type User } from "./api.ts";
import { PlatformBadge } from "./ConversationList.tsx";
import { Button } from "./components/Button.tsx";
import { ContactSidebar } from "./contacts/ContactSidebar.tsx";
import { type ChangeEvent, useT } from "./hooks.ts";
import { ReplyBox } from "./ReplyBox.tsx";
import { useShortcutCommand } from "./shortcuts/shortcutCommands.ts";
import { SnoozeControl } from "./surveys/SnoozeControl.tsx";
import { SurveyBadge } from "./surveys/SurveyBadge.tsx";
import { useThemeT } from "./theme/themeI18n.ts";
import { MessageThread } from "./thread/MessageThread.tsx";
import { useThreadMessages } from "./thread/useThreadMessages.ts";
import { CollisionWarning } from "./triage/CollisionWarning.tsx";
import { TriageBar } from "./triage/TriageBar.tsx";
import { usePresence } from "./triage/usePresence.ts";

interface Props {
  id: string;
  me: Me;
  changes: ChangeEvent[];
  onOpen: (id: string) => void;
  /** Back to the list: the phone layout's way out of a conversation, hidden where both are on screen. */
  onBack: () => void;
  onChanged: () => void;
}

export function ConversationView({ id, me, changes, onOpen, onBack, onChanged }: Props) {
  const t = useT();
  const tht = useThemeT();
  const [conversation, setConversation] = useState<ConversationSummary | null>(null);
  const [users, setUsers] = useState<User[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [showDetails, setShowDetails] = useState(false);
  const presence = usePresence(id, changes);
  // The messages are paged and kept up to date by the thread itself (thread/useThreadMessages.ts).
  const thread = useThreadMessages(id, changes);

  const load = useCallback(async () => {
    try {
      setConversation(await api<ConversationSummary>("GET", `/api/conversations/${id}`));
      setError(null);
    } catch (err) {
      setError(String(err instanceof Error ? err.message : err));
    }
  }, [id]);

  useEffect(() => {
    void load();
    api<{ items: User[] }>("GET", "/api/users").then(
      (r) => setUsers(r.items),
      () => undefined,
    );
  }, [load]);
  useEffect(() => {
    if (changes.some((c) => c.conversationId === id || c.type === "channel.updated")) void load();
  }, [changes, id, load]);

  async function update(path: "assign" | "status", body: unknown) {
    try {
      const answer = await api<{ conversation: ConversationSummary }>(
        "POST",
        `/api/conversations/${id}/${path}`,
        body,
      );
      setConversation(answer.conversation);
      onChanged();
    } catch (err) {
      setError(String(err instanceof Error ? err.message : err));
    }
  }

  useShortcutCommand("assignToMe", () => void update("assign", { assigneeId: me.user.id }));
  useShortcutCommand("resolve", () => void update("status", { status: "resolved" }));

  if (!conversation)
    return <section className="conversation">{error && <p className="error">{error}</p>}</section>;
  const isPublic = conversation.visibility === "public";
  // A group chat has many authors and no post: it is named after the group, not its first writer.
  const isGroup = isPublic && !conversation.post && conversation.placeName !== null;

  return (
    <>
      {/* Keys typed anywhere in the conversation (the reply box) tell the other agents someone is answering. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: it only listens to keys bubbling up from the fields inside */}
      <section
        className={showDetails ? "conversation details-open" : "conversation"}
        onKeyDown={presence.noteTyping}
      >
        <header>
          <Button variant="ghost" className="back-to-list" data-testid="back-to-list" onClick={onBack}>
            <span aria-hidden="true">←</span> {tht("backToList")}
          </Button>
          {/* On a phone the triage bar (category, priority, labels) waits behind this, leaving room for the thread. */}
          <Button
            variant="ghost"
            className="details-toggle"
            data-testid="details-toggle"
            aria-expanded={showDetails}
            onClick={() => setShowDetails(!showDetails)}
          >
            {tht("triageDetails")}
          </Button>
          <span className="header-break" />
          <PlatformBadge platform={conversation.channel.platform} />
          <h2>{isGroup ? conversation.placeName : conversation.contact.displayName}</h2>
          {!isGroup && conversation.contact.username && (
            <span className="muted">@{conversation.contact.username}</span>
          )}
          <span className={`visibility ${conversation.visibility}`}>
            {isGroup ? t("groupChat") : isPublic ? t("publicThread") : t("privateChat")}
          </span>
          <span className="muted">{conversation.channel.name}</span>
          <span className="spacer" />
          <label>
            {t("status")}{" "}
            <select
              data-testid="status-select"
              value={conversation.status}
              onChange={(e) => update("status", { status: e.target.value as Status })}
            >
              {(["new", "open", "pending", "resolved"] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`status_${s}`)}
                </option>
              ))}
            </select>
          </label>
          <SnoozeControl conversationId={id} status={conversation.status} onChanged={() => void load()} />
          <label>
            {t("assignee")}{" "}
            <select
              data-testid="assignee-select"
              value={conversation.assignee?.id ?? ""}
              onChange={(e) => update("assign", { assigneeId: e.target.value || null })}
            >
              <option value="">{t("unassigned")}</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        </header>
        <TriageBar
          conversation={conversation}
          onChanged={(c) => {
            setConversation(c);
            onChanged();
          }}
        />
        <SurveyBadge conversationId={id} version={`${conversation.status} ${conversation.lastMessageAt}`} />
        <CollisionWarning others={presence.others} />
        {error && <p className="error">{error}</p>}
        {thread.error && <p className="error">{thread.error}</p>}
        <MessageThread conversation={conversation} role={me.user.role} thread={thread} />
        <ReplyBox conversation={conversation} onSent={thread.addSent} />
      </section>
      <ContactSidebar
        contactId={conversation.contact.id}
        conversationId={conversation.id}
        me={me}
        changes={changes}
        onOpen={onOpen}
      />
    </>
  );
}
