import { useCallback, useEffect, useState } from "react";
import type { Me } from "../api.ts";
import { PlatformBadge } from "../ConversationList.tsx";
import { type ChangeEvent, useT } from "../hooks.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import { ContactNotes } from "./ContactNotes.tsx";
import { type ContactProfile, type ContactSuggestion, contactApi, downloadJson } from "./contactApi.ts";
import { useContactsT } from "./contactsI18n.ts";
import { MergePicker } from "./MergePicker.tsx";
import { TagEditor } from "./TagEditor.tsx";
import "./contacts.css";

interface Props {
  contactId: string;
  conversationId: string;
  me: Me;
  changes: ChangeEvent[];
  onOpen: (conversationId: string) => void;
}

/**
 * The person behind a conversation: who they are on each platform, every conversation they had on any
 * channel, notes and tags, merge suggestions and merges, and (supervisors, admins) export and erase.
 */
export function ContactSidebar({ contactId: initialId, conversationId, me, changes, onOpen }: Props) {
  const t = useContactsT();
  const tApp = useT();
  const format = useLocaleFormat();
  const [contactId, setContactId] = useState(initialId);
  const [profile, setProfile] = useState<ContactProfile | null>(null);
  const [suggestions, setSuggestions] = useState<ContactSuggestion[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setContactId(initialId), [initialId]);

  const load = useCallback(async () => {
    try {
      const next = await contactApi.profile(contactId);
      setProfile(next);
      setSuggestions(next.mergedIntoId || next.erasedAt ? [] : await contactApi.suggestions(contactId));
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [contactId]);
  useEffect(() => {
    void load();
  }, [load]);
  // A merge or unmerge elsewhere moves conversations; their notices name them.
  const ownConversations = new Set(profile?.conversations.map((c) => c.id) ?? []);
  const touched = changes.some(
    (change) =>
      change.type === "conversation.updated" &&
      change.conversationId !== undefined &&
      ownConversations.has(change.conversationId),
  );
  useEffect(() => {
    if (touched) void load();
  }, [touched, load]);

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await load();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  if (!profile)
    return <aside className="context contact-sidebar">{error && <p className="error">{error}</p>}</aside>;
  const supervisor = me.user.role !== "agent";
  const merge = (sourceId: string, sourceName: string) => {
    if (!window.confirm(t("confirmMerge", { name: sourceName, target: profile.displayName }))) return;
    void act(() => contactApi.merge(sourceId, profile.id));
  };

  return (
    <aside className="context contact-sidebar" data-testid="contact-sidebar">
      <h3>{t("person")}</h3>
      <p className="contact-name" data-testid="contact-name">
        {profile.displayName}
      </p>
      {error && <p className="error">{error}</p>}
      {profile.mergedIntoId && (
        <p className="muted">
          {t("mergedInto")}{" "}
          <button type="button" onClick={() => setContactId(profile.mergedIntoId!)}>
            {t("openMerged")}
          </button>
        </p>
      )}
      {profile.erasedAt && <p className="muted">{t("erased")}</p>}

      <h4>{t("identities")}</h4>
      <ul data-testid="contact-identities">
        {profile.identities.map((identity) => (
          <li key={identity.id}>
            <PlatformBadge platform={identity.platform} /> {identity.displayName}
            {identity.username && <span className="muted"> @{identity.username}</span>}
            {identity.reach !== null && (
              <span className="muted"> · {t("reach", { reach: identity.reach })}</span>
            )}
          </li>
        ))}
      </ul>

      <h4 title={t("historyHint")}>{t("history")}</h4>
      <ul data-testid="contact-history">
        {profile.conversations.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="item"
              onClick={() => onOpen(c.id)}
              disabled={c.id === conversationId}
            >
              <span className="row">
                <PlatformBadge platform={c.channel.platform} />
                <span className="name">
                  {c.channel.name} · {tApp(`status_${c.status}`)}
                  {c.id === conversationId && <span className="muted"> ({t("thisConversation")})</span>}
                </span>
                <span className="time">{format.timeAgo(c.lastMessageAt)}</span>
              </span>
              <span className="preview">{c.lastMessagePreview}</span>
            </button>
          </li>
        ))}
      </ul>

      {profile.hiddenConversationCount > 0 && (
        <p className="muted small">{t("hiddenConversations", { n: profile.hiddenConversationCount })}</p>
      )}

      {!profile.mergedIntoId && !profile.erasedAt && (
        <>
          <TagEditor
            tags={profile.tags}
            onChange={(tags) => act(() => contactApi.setTags(profile.id, tags))}
          />
          <ContactNotes
            notes={profile.notes}
            me={me}
            onAdd={(text) => act(() => contactApi.addNote(profile.id, text))}
            onEdit={(id, text) => act(() => contactApi.editNote(id, text))}
            onDelete={(id) => act(() => contactApi.deleteNote(id))}
          />

          {suggestions.length > 0 && (
            <>
              <h4>{t("suggestions")}</h4>
              <ul data-testid="contact-suggestions">
                {suggestions.map((s) => (
                  <li key={s.contactId}>
                    <strong>{s.displayName}</strong>{" "}
                    <span className="muted">
                      {s.reasons.map((reason) => t(`reason_${reason.kind}`)).join(", ")} ·{" "}
                      {t("conversationsCount", { n: s.conversationCount })}
                    </span>
                    <div className="row">
                      <button type="button" onClick={() => merge(s.contactId, s.displayName)}>
                        {t("mergeHere")}
                      </button>
                      <button
                        type="button"
                        onClick={() => act(() => contactApi.dismiss(profile.id, s.contactId))}
                      >
                        {t("notSame")}
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}

          {/* Keyed on the merges so a finished merge clears the search and its stale results. */}
          <MergePicker key={profile.merges.map((m) => m.id).join()} contactId={profile.id} onMerge={merge} />

          {profile.merges.length > 0 && (
            <ul data-testid="contact-merges">
              {profile.merges.map((m) => (
                <li key={m.id}>
                  {t("mergedFrom", { name: m.sourceName })}{" "}
                  <button type="button" onClick={() => act(() => contactApi.unmerge(m.id))}>
                    {t("unmerge")}
                  </button>
                </li>
              ))}
            </ul>
          )}

          {supervisor && (
            <div className="row contact-data">
              <button
                type="button"
                onClick={() =>
                  act(async () =>
                    downloadJson(await contactApi.exportData(profile.id), `contact-${profile.id}.json`),
                  )
                }
              >
                {t("exportData")}
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  if (window.confirm(t("confirmErase", { name: profile.displayName })))
                    void act(() => contactApi.erase(profile.id));
                }}
              >
                {t("erase")}
              </button>
            </div>
          )}
        </>
      )}
    </aside>
  );
}
