import { useCallback, useContext, useEffect, useState } from "react";
import { api } from "../api.ts";
import { LocaleContext } from "../hooks.ts";
import { CannedReplyEditor } from "./CannedReplyEditor.tsx";
import { type CannedReply, type Category, PLAYBOOK_LANGUAGES, type PlaybookLanguage } from "./playbookApi.ts";
import { usePlaybookT } from "./playbookI18n.ts";

export function CannedRepliesTab({ canEdit, categories }: { canEdit: boolean; categories: Category[] }) {
  const pt = usePlaybookT();
  const locale = useContext(LocaleContext);
  const [items, setItems] = useState<CannedReply[]>([]);
  const [variables, setVariables] = useState<string[]>([]);
  const [language, setLanguage] = useState<PlaybookLanguage | "">("");
  const [editing, setEditing] = useState<CannedReply | "new" | null>(null);
  const load = useCallback(
    () =>
      api<{ items: CannedReply[]; variables: string[] }>("GET", "/api/playbook/canned-replies").then(
        (r) => {
          setItems(r.items);
          setVariables(r.variables);
        },
        () => undefined,
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (editing)
    return (
      <CannedReplyEditor
        reply={editing === "new" ? null : editing}
        variables={variables}
        categories={categories}
        defaultLanguage={
          (PLAYBOOK_LANGUAGES as readonly string[]).includes(locale) ? (locale as PlaybookLanguage) : "en"
        }
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void load();
        }}
      />
    );
  const shown = language ? items.filter((r) => r.language === language) : items;
  return (
    <section>
      <div className="playbook-toolbar">
        {canEdit && (
          <button
            type="button"
            className="primary"
            data-testid="add-canned"
            onClick={() => setEditing("new")}
          >
            {pt("addCanned")}
          </button>
        )}
        <select
          aria-label={pt("language")}
          value={language}
          onChange={(e) => setLanguage(e.target.value as PlaybookLanguage | "")}
        >
          <option value="">{pt("allLanguages")}</option>
          {PLAYBOOK_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {pt(`lang_${l}`)}
            </option>
          ))}
        </select>
      </div>
      {shown.length === 0 && <p className="muted">{pt("noCanned")}</p>}
      <table className="playbook-list">
        <tbody>
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
                <td>
                  <button type="button" onClick={() => setEditing(reply)}>
                    {pt("edit")}
                  </button>{" "}
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (window.confirm(pt("confirmDeleteCanned")))
                        void api("DELETE", `/api/playbook/canned-replies/${reply.id}`).then(
                          load,
                          () => undefined,
                        );
                    }}
                  >
                    {pt("delete")}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
