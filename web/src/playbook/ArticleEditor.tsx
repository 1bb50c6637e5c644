import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { ApiProblems } from "./ApiProblems.tsx";
import { CategorySelect } from "./CategorySelect.tsx";
import { type Article, type Category, PLAYBOOK_LANGUAGES, type PlaybookLanguage } from "./playbookApi.ts";
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
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      title: draft.title,
      body: draft.body,
      language: draft.language,
      categoryKey: draft.categoryKey,
      published: draft.published,
      tags: draft.tags
        .split(",")
        .map((t) => t.trim())
        .filter((t) => t.length > 0),
    };
    try {
      if (article) await api("PATCH", `/api/playbook/articles/${article.id}`, body);
      else await api("POST", "/api/playbook/articles", body);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card playbook-editor" onSubmit={save} data-testid="article-editor">
      <label>
        {pt("title")}
        <input
          data-testid="article-title"
          value={draft.title}
          maxLength={300}
          required
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
        />
      </label>
      <div className="row">
        <label>
          {pt("language")}
          <select
            data-testid="article-language"
            value={draft.language}
            onChange={(e) => setDraft({ ...draft, language: e.target.value as PlaybookLanguage })}
          >
            {PLAYBOOK_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {pt(`lang_${l}`)}
              </option>
            ))}
          </select>
        </label>
        <CategorySelect
          categories={categories}
          value={draft.categoryKey}
          onChange={(categoryKey) => setDraft({ ...draft, categoryKey })}
        />
      </div>
      <label>
        {pt("articleBody")}
        <textarea
          data-testid="article-body"
          rows={10}
          maxLength={20_000}
          required
          value={draft.body}
          onChange={(e) => setDraft({ ...draft, body: e.target.value })}
        />
      </label>
      <p className="hint small">{pt("articleBodyHint")}</p>
      <label>
        {pt("tags")}
        <input
          data-testid="article-tags"
          value={draft.tags}
          onChange={(e) => setDraft({ ...draft, tags: e.target.value })}
        />
      </label>
      <p className="hint small">{pt("tagsHint")}</p>
      <label className="inline">
        <input
          type="checkbox"
          data-testid="article-published"
          checked={draft.published}
          onChange={(e) => setDraft({ ...draft, published: e.target.checked })}
        />
        {pt("published")}
      </label>
      <p className="hint small">{pt("publishedHint")}</p>
      <ApiProblems error={error} />
      <div className="row">
        <button type="submit" className="primary" data-testid="article-save" disabled={busy}>
          {pt("save")}
        </button>
        <button type="button" onClick={onCancel}>
          {pt("cancel")}
        </button>
      </div>
    </form>
  );
}
