import { useState } from "react";
import type { Me } from "../api.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import type { ContactNote } from "./contactApi.ts";
import { useContactsT } from "./contactsI18n.ts";

interface Props {
  notes: ContactNote[];
  me: Me;
  onAdd: (text: string) => Promise<void>;
  onEdit: (id: string, text: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}

export function ContactNotes({ notes, me, onAdd, onEdit, onDelete }: Props) {
  const t = useContactsT();
  const format = useLocaleFormat();
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const mayChange = (note: ContactNote) => me.user.role !== "agent" || note.author?.id === me.user.id;
  return (
    <>
      <h4>{t("notes")}</h4>
      <ul className="contact-notes" data-testid="contact-notes">
        {notes.map((note) => (
          <li key={note.id}>
            {editing?.id === note.id ? (
              <>
                <textarea
                  value={editing.text}
                  onChange={(e) => setEditing({ id: note.id, text: e.target.value })}
                />
                <button
                  type="button"
                  onClick={() => {
                    void onEdit(note.id, editing.text);
                    setEditing(null);
                  }}
                >
                  {t("save")}
                </button>
                <button type="button" onClick={() => setEditing(null)}>
                  {t("cancel")}
                </button>
              </>
            ) : (
              <>
                <p className="note-text">{note.text}</p>
                <span className="muted small">
                  {note.author?.name ?? "—"} · {format.timeAgo(note.createdAt)}
                </span>
                {mayChange(note) && (
                  <>
                    {" "}
                    <button type="button" onClick={() => setEditing({ id: note.id, text: note.text })}>
                      {t("edit")}
                    </button>
                    <button type="button" onClick={() => void onDelete(note.id)}>
                      {t("delete")}
                    </button>
                  </>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      <textarea
        value={draft}
        placeholder={t("notePlaceholder")}
        maxLength={10_000}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button
        type="button"
        disabled={!draft.trim()}
        onClick={() => {
          void onAdd(draft.trim());
          setDraft("");
        }}
      >
        {t("addNote")}
      </button>
    </>
  );
}
