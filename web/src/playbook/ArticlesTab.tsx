import { useCallback, useContext, useEffect, useState } from "react";
import { api } from "../api.ts";
import { safeHttpUrl } from "../format.ts";
import { LocaleContext } from "../hooks.ts";
import { ArticleEditor } from "./ArticleEditor.tsx";
import { type Article, type Category, PLAYBOOK_LANGUAGES, type PlaybookLanguage } from "./playbookApi.ts";
import { usePlaybookT } from "./playbookI18n.ts";

interface SearchHit {
  id: string;
}

export function ArticlesTab({ canEdit, categories }: { canEdit: boolean; categories: Category[] }) {
  const pt = usePlaybookT();
  const locale = useContext(LocaleContext);
  const [items, setItems] = useState<Article[]>([]);
  const [faqUrl, setFaqUrl] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<string[] | null>(null);
  const [editing, setEditing] = useState<Article | "new" | null>(null);
  const load = useCallback(
    () =>
      api<{ items: Article[]; faqUrl: string }>("GET", "/api/playbook/articles").then(
        (r) => {
          setItems(r.items);
          setFaqUrl(r.faqUrl);
        },
        () => undefined,
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
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

  if (editing)
    return (
      <ArticleEditor
        article={editing === "new" ? null : editing}
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
  const byId = new Map(items.map((a) => [a.id, a]));
  const shown = matches ? matches.flatMap((id) => byId.get(id) ?? []) : items;
  const faqLink = safeHttpUrl(faqUrl);
  return (
    <section>
      <div className="playbook-toolbar">
        {canEdit && (
          <button
            type="button"
            className="primary"
            data-testid="add-article"
            onClick={() => setEditing("new")}
          >
            {pt("addArticle")}
          </button>
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
      <table className="playbook-list">
        <tbody>
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
                <td>
                  <button type="button" onClick={() => setEditing(article)}>
                    {pt("edit")}
                  </button>{" "}
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (window.confirm(pt("confirmDeleteArticle")))
                        void api("DELETE", `/api/playbook/articles/${article.id}`).then(
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
