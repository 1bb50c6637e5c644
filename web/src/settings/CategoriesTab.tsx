import { useState } from "react";
import { AddButton } from "../components/AddButton.tsx";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { FormButtons } from "../components/FormButtons.tsx";
import { RecordTable } from "../components/RecordTable.tsx";
import { saveRecord } from "../components/saveRecord.ts";
import { TextAreaField, TextField } from "../components/TextField.tsx";
import { useListEditor } from "../components/useListEditor.ts";
import { useSubmit } from "../components/useRequest.ts";
import { RowButtons } from "./RowButtons.tsx";
import { CATEGORY_LANGUAGES, type Category, type CategoryLanguage, splitLines } from "./settingsApi.ts";
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
  const { submit, error } = useSubmit(() => {
    const names = Object.fromEntries(
      CATEGORY_LANGUAGES.map((l) => [l, draft.names[l].trim()]).filter(([, n]) => n),
    );
    const keywords = Object.fromEntries(CATEGORY_LANGUAGES.map((l) => [l, splitLines(draft.keywords[l])]));
    const body = { names, keywords, ...(names.en ? { name: names.en } : {}) };
    // The key is how rules and replies name a category, so it is set once, when the category is created.
    return saveRecord("/api/categories", category?.id, category ? body : { ...body, key: draft.key.trim() });
  }, onDone);
  return (
    <form className="card" onSubmit={submit} data-testid="category-editor">
      <TextField
        label={t("key")}
        hint={t("keyHint")}
        required
        value={draft.key}
        disabled={category !== null}
        pattern="[a-z0-9]+([_\-][a-z0-9]+)*"
        onChange={(key) => setDraft({ ...draft, key })}
      />
      <fieldset>
        <legend>{t("names")}</legend>
        {CATEGORY_LANGUAGES.map((language) => (
          <TextField
            key={language}
            label={labelOf(t, "language", language)}
            value={draft.names[language]}
            onChange={(name) => setDraft({ ...draft, names: { ...draft.names, [language]: name } })}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("keywords")}</legend>
        <span className="hint">{t("keywordsHint")}</span>
        {CATEGORY_LANGUAGES.map((language) => (
          <TextAreaField
            key={language}
            label={labelOf(t, "language", language)}
            value={draft.keywords[language]}
            onChange={(words) => setDraft({ ...draft, keywords: { ...draft.keywords, [language]: words } })}
          />
        ))}
      </fieldset>
      <ErrorMessage error={error} />
      <FormButtons saveLabel={t("save")} cancelLabel={t("cancel")} onCancel={onDone} />
    </form>
  );
}

export function CategoriesTab() {
  const t = useSettingsT();
  const list = useListEditor<Category>("/api/categories");
  if (list.editing)
    return <CategoryEditor category={list.editing === "new" ? null : list.editing} onDone={list.saved} />;
  return (
    <section>
      <AddButton data-testid="add-category" label={t("addCategory")} onClick={() => list.edit("new")} />
      <ErrorMessage error={list.error} />
      <RecordTable className="settings-table" columns={[t("key"), t("names"), t("keywords"), ""]}>
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
              {CATEGORY_LANGUAGES.map((l) => (category.keywords[l] ?? []).length).reduce((a, b) => a + b, 0)}
            </td>
            <td>
              <RowButtons onEdit={() => list.edit(category)} onDelete={() => void list.remove(category.id)} />
            </td>
          </tr>
        ))}
      </RecordTable>
    </section>
  );
}
