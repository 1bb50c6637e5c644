import { useState } from "react";
import { CheckField } from "../components/CheckField.tsx";
import { saveRecord } from "../components/saveRecord.ts";
import { TextAreaField, TextField } from "../components/TextField.tsx";
import { useSubmit } from "../components/useRequest.ts";
import { CategorySelect } from "./CategorySelect.tsx";
import { EditorFooter } from "./EditorFooter.tsx";
import { LanguageField } from "./LanguageField.tsx";
import type { Article, Category, PlaybookLanguage } from "./playbookApi.ts";
import { usePlaybookT } from "./playbookI18n.ts";

type Draft = Omit<Article, "id" | "updatedAt" | "tags"> & { tags: string };

export function ArticleEditor({
  article,
  categories,
  defaultLanguage,
  onSaved,
  onCancel,
}: {
  article: Article | null;
  categories: Category[];
  defaultLanguage: PlaybookLanguage;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const pt = usePlaybookT();
  const [draft, setDraft] = useState<Draft>(() =>
    article
      ? { ...article, tags: article.tags.join(", ") }
      : { title: "", body: "", language: defaultLanguage, categoryKey: null, tags: "", published: false },
  );
  const { submit, error, busy } = useSubmit(
    () =>
      saveRecord("/api/playbook/articles", article?.id, {
        title: draft.title,
        body: draft.body,
        language: draft.language,
        categoryKey: draft.categoryKey,
        published: draft.published,
        tags: draft.tags
          .split(",")
          .map((t) => t.trim())
          .filter((t) => t.length > 0),
      }),
    onSaved,
  );

  return (
    <form className="card playbook-editor" onSubmit={submit} data-testid="article-editor">
      <TextField
        label={pt("title")}
        data-testid="article-title"
        value={draft.title}
        maxLength={300}
        required
        onChange={(title) => setDraft({ ...draft, title })}
      />
      <div className="row">
        <LanguageField
          data-testid="article-language"
          value={draft.language}
          onChange={(language) => setDraft({ ...draft, language })}
        />
        <CategorySelect
          categories={categories}
          value={draft.categoryKey}
          onChange={(categoryKey) => setDraft({ ...draft, categoryKey })}
        />
      </div>
      <TextAreaField
        label={pt("articleBody")}
        data-testid="article-body"
        rows={10}
        maxLength={20_000}
        required
        value={draft.body}
        onChange={(body) => setDraft({ ...draft, body })}
      />
      <p className="hint small">{pt("articleBodyHint")}</p>
      <TextField
        label={pt("tags")}
        data-testid="article-tags"
        value={draft.tags}
        onChange={(tags) => setDraft({ ...draft, tags })}
      />
      <p className="hint small">{pt("tagsHint")}</p>
      <CheckField
        className="inline"
        label={pt("published")}
        data-testid="article-published"
        checked={draft.published}
        onChange={(published) => setDraft({ ...draft, published })}
      />
      <p className="hint small">{pt("publishedHint")}</p>
      <EditorFooter error={error} busy={busy} onCancel={onCancel} saveTestId="article-save" />
    </form>
  );
}
