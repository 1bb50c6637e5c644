import { useContext, useState } from "react";
import { AddButton } from "../components/AddButton.tsx";
import { RecordTable } from "../components/RecordTable.tsx";
import { Select } from "../components/Select.tsx";
import { useListEditor } from "../components/useListEditor.ts";
import { LocaleContext } from "../hooks.ts";
import { CannedReplyEditor } from "./CannedReplyEditor.tsx";
import { PlaybookRowButtons } from "./PlaybookRowButtons.tsx";
import { type CannedReply, type Category, defaultPlaybookLanguage } from "./playbookApi.ts";
import { useLanguageOptions, usePlaybookT } from "./playbookI18n.ts";

export function CannedRepliesTab({ canEdit, categories }: { canEdit: boolean; categories: Category[] }) {
  const pt = usePlaybookT();
  const locale = useContext(LocaleContext);
  const languages = useLanguageOptions();
  const list = useListEditor<CannedReply, { items: CannedReply[]; variables: string[] }>(
    "/api/playbook/canned-replies",
  );
  const [language, setLanguage] = useState("");

  if (list.editing)
    return (
      <CannedReplyEditor
        reply={list.editing === "new" ? null : list.editing}
        variables={list.answer?.variables ?? []}
        categories={categories}
        defaultLanguage={defaultPlaybookLanguage(locale)}
        onCancel={list.close}
        onSaved={list.saved}
      />
    );
  const shown = language ? list.items.filter((r) => r.language === language) : list.items;
  return (
    <section>
      <div className="playbook-toolbar">
        {canEdit && (
          <AddButton data-testid="add-canned" label={pt("addCanned")} onClick={() => list.edit("new")} />
        )}
        <Select
          aria-label={pt("language")}
          emptyLabel={pt("allLanguages")}
          options={languages}
          value={language}
          onChange={setLanguage}
        />
      </div>
      {shown.length === 0 && <p className="muted">{pt("noCanned")}</p>}
      <RecordTable className="playbook-list">
        {shown.map((reply) => (
          <tr key={reply.id} data-testid="canned-row">
            <td>
              <strong>{reply.title}</strong>
              {reply.shortcut && <code className="muted"> {reply.shortcut}</code>}
              <div className="small muted">
                {reply.language.toUpperCase()} · {pt(`usage_${reply.usage}`)}
                {reply.categoryKey ? ` · ${reply.categoryKey}` : ""}
              </div>
              {reply.guidance && <div className="hint small">{reply.guidance}</div>}
            </td>
            <td className="body-preview">{reply.body}</td>
            {canEdit && (
              <PlaybookRowButtons
                confirmText={pt("confirmDeleteCanned")}
                onEdit={() => list.edit(reply)}
                onDelete={() => void list.remove(reply.id)}
              />
            )}
          </tr>
        ))}
      </RecordTable>
    </section>
  );
}
