import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import {
  CATEGORY_LANGUAGES,
  type Category,
  type CategoryLanguage,
  errorText,
  splitLines,
  useList,
} from "./settingsApi.ts";
import { labelOf, useSettingsT } from "./settingsI18n.ts";

interface Draft {
  key: string;
  names: Record<CategoryLanguage, string>;
  keywords: Record<CategoryLanguage, string>;
}

function draftOf(category: Category | null): Draft {
  const names = {} as Record<CategoryLanguage, string>;
  const keywords = {} as Record<CategoryLanguage, string>;
  for (const language of CATEGORY_LANGUAGES) {
    names[language] = category?.names[language] ?? "";
    keywords[language] = (category?.keywords[language] ?? []).join("\n");
  }
  return { key: category?.key ?? "", names, keywords };
}

function CategoryEditor({ category, onDone }: { category: Category | null; onDone: () => void }) {
  const t = useSettingsT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(category));
  const [error, setError] = useState<string | null>(null);
  async function save(event: FormEvent) {
    event.preventDefault();
    const names = Object.fromEntries(
      CATEGORY_LANGUAGES.map((l) => [l, draft.names[l].trim()]).filter(([, n]) => n),
    );
    const keywords = Object.fromEntries(CATEGORY_LANGUAGES.map((l) => [l, splitLines(draft.keywords[l])]));
    const body = { names, keywords, ...(names.en ? { name: names.en } : {}) };
    try {
      if (category) await api("PATCH", `/api/categories/${category.id}`, body);
      else await api("POST", "/api/categories", { ...body, key: draft.key.trim() });
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form className="card" onSubmit={save} data-testid="category-editor">
      <label>
        {t("key")}
        <input
          required
          value={draft.key}
          disabled={category !== null}
          pattern="[a-z0-9]+([_\-][a-z0-9]+)*"
          onChange={(e) => setDraft({ ...draft, key: e.target.value })}
        />
        <span className="hint">{t("keyHint")}</span>
      </label>
      <fieldset>
        <legend>{t("names")}</legend>
        {CATEGORY_LANGUAGES.map((language) => (
          <label key={language}>
            {labelOf(t, "language", language)}
            <input
              value={draft.names[language]}
              onChange={(e) => setDraft({ ...draft, names: { ...draft.names, [language]: e.target.value } })}
            />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("keywords")}</legend>
        <span className="hint">{t("keywordsHint")}</span>
        {CATEGORY_LANGUAGES.map((language) => (
          <label key={language}>
            {labelOf(t, "language", language)}
            <textarea
              value={draft.keywords[language]}
              onChange={(e) =>
                setDraft({ ...draft, keywords: { ...draft.keywords, [language]: e.target.value } })
              }
            />
          </label>
        ))}
      </fieldset>
      {error && <p className="error">{error}</p>}
      <div className="row">
        <button type="submit" className="primary">
          {t("save")}
        </button>
        <button type="button" onClick={onDone}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

export function CategoriesTab() {
  const t = useSettingsT();
  const list = useList<Category>("/api/categories");
  const [editing, setEditing] = useState<Category | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (editing)
    return (
      <CategoryEditor
        category={editing === "new" ? null : editing}
        onDone={() => {
          setEditing(null);
          void list.reload();
        }}
      />
    );
  return (
    <section>
      <button type="button" className="primary" data-testid="add-category" onClick={() => setEditing("new")}>
        {t("addCategory")}
      </button>
      {(error ?? list.error) && <p className="error">{error ?? list.error}</p>}
      <table className="settings-table">
        <thead>
          <tr>
            <th>{t("key")}</th>
            <th>{t("names")}</th>
            <th>{t("keywords")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.items.map((category) => (
            <tr key={category.id} data-testid="category-row">
              <td>
                <code>{category.key}</code>
              </td>
              <td>
                {CATEGORY_LANGUAGES.map((l) => category.names[l])
                  .filter(Boolean)
                  .join(" · ")}
              </td>
              <td className="hint">
                {CATEGORY_LANGUAGES.map((l) => (category.keywords[l] ?? []).length).reduce(
                  (a, b) => a + b,
                  0,
                )}
              </td>
              <td>
                <div className="row">
                  <button type="button" onClick={() => setEditing(category)}>
                    {t("edit")}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (!window.confirm(t("confirmDelete"))) return;
                      api("DELETE", `/api/categories/${category.id}`).then(
                        () => list.reload(),
                        (err: unknown) => setError(errorText(err)),
                      );
                    }}
                  >
                    {t("delete")}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
