import { useState } from "react";
import { useContactsT } from "./contactsI18n.ts";

export function TagEditor({ tags, onChange }: { tags: string[]; onChange: (tags: string[]) => void }) {
  const t = useContactsT();
  const [draft, setDraft] = useState("");
  const add = () => {
    const tag = draft.trim();
    if (tag && !tags.includes(tag)) onChange([...tags, tag]);
    setDraft("");
  };
  return (
    <>
      <h4>{t("tags")}</h4>
      <div className="tags" data-testid="contact-tags">
        {tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}{" "}
            <button
              type="button"
              aria-label={`${t("delete")} ${tag}`}
              onClick={() => onChange(tags.filter((x) => x !== tag))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          value={draft}
          maxLength={40}
          placeholder={t("addTag")}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") add();
          }}
        />
      </div>
    </>
  );
}
