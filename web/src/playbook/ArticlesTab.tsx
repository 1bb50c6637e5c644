import { useContext, useEffect, useState } from "react";
import { api } from "../api.ts";
import { AddButton } from "../components/AddButton.tsx";
import { RecordTable } from "../components/RecordTable.tsx";
import { useListEditor } from "../components/useListEditor.ts";
import { safeHttpUrl } from "../format.ts";
import { LocaleContext } from "../hooks.ts";
import { ArticleEditor } from "./ArticleEditor.tsx";
import { PlaybookRowButtons } from "./PlaybookRowButtons.tsx";
import { type Article, type Category, defaultPlaybookLanguage } from "./playbookApi.ts";
import { usePlaybookT } from "./playbookI18n.ts";

interface SearchHit {
  id: string;
}

export function ArticlesTab({ canEdit, categories }: { canEdit: boolean; categories: Category[] }) {
  const pt = usePlaybookT();
  const locale = useContext(LocaleContext);
  const list = useListEditor<Article, { items: Article[]; faqUrl: string }>("/api/playbook/articles");
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<string[] | null>(null);
  // The search is the same one agents get suggestions from: stems, so "доставку" finds "Доставка".
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setMatches(null);
      return;
    }
    const timer = setTimeout(() => {
      api<{ items: SearchHit[] }>(
        "GET",
        `/api/playbook/articles/search?q=${encodeURIComponent(q)}&limit=50`,
      ).then(
        (r) => setMatches(r.items.map((hit) => hit.id)),
        () => setMatches([]),
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [query]);

  if (list.editing)
    return (
      <ArticleEditor
        article={list.editing === "new" ? null : list.editing}
        categories={categories}
        defaultLanguage={defaultPlaybookLanguage(locale)}
        onCancel={list.close}
        onSaved={list.saved}
      />
    );
  const byId = new Map(list.items.map((a) => [a.id, a]));
  const shown = matches ? matches.flatMap((id) => byId.get(id) ?? []) : list.items;
  const faqLink = safeHttpUrl(list.answer?.faqUrl ?? null);
  return (
    <section>
      <div className="playbook-toolbar">
        {canEdit && (
          <AddButton data-testid="add-article" label={pt("addArticle")} onClick={() => list.edit("new")} />
        )}
        <input
          type="search"
          data-testid="article-search"
          aria-label={pt("searchArticles")}
          placeholder={pt("searchArticles")}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {faqLink && (
          <a href={faqLink} target="_blank" rel="noopener noreferrer" data-testid="faq-link">
            {pt("openFaq")}
          </a>
        )}
      </div>
      {shown.length === 0 && <p className="muted">{pt("noArticles")}</p>}
      <RecordTable className="playbook-list">
        {shown.map((article) => (
          <tr key={article.id} data-testid="article-row">
            <td>
              <strong>{article.title}</strong>{" "}
              <span className={`badge ${article.published ? "badge-published" : "badge-internal"}`}>
                {pt(article.published ? "badgePublished" : "badgeInternal")}
              </span>
              <div className="small muted">
                {article.language.toUpperCase()}
                {article.categoryKey ? ` · ${article.categoryKey}` : ""}
                {article.tags.length > 0 ? ` · ${article.tags.join(", ")}` : ""}
              </div>
            </td>
            <td className="body-preview">{article.body.slice(0, 300)}</td>
            {canEdit && (
              <PlaybookRowButtons
                confirmText={pt("confirmDeleteArticle")}
                onEdit={() => list.edit(article)}
                onDelete={() => void list.remove(article.id)}
              />
            )}
          </tr>
        ))}
      </RecordTable>
    </section>
  );
}
