/**
 * The public FAQ page: a workspace's published knowledge-base articles, grouped by category, for customers
 * and search engines, with no sign-in. Everything on it was typed by someone (titles, bodies, category and
 * brand names), so it is rendered with hono/html's `html`, which escapes every interpolated value; the only
 * raw markup is this file's own. Unpublished articles are filtered in the query, never after it.
 */

import { and, asc, eq } from "drizzle-orm";
import type { Context, Hono } from "hono";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { PLAYBOOK_LANGUAGES, type PlaybookLanguage } from "../commands/playbookInput.ts";
import type { Db } from "../store/database.ts";
import { categories, knowledgeArticles, triageSettings, workspaces } from "../store/schema.ts";
import type { AppEnv } from "./apiRoute.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CHROME: Readonly<
  Record<
    PlaybookLanguage,
    {
      title: string;
      other: string;
      language: string;
      all: string;
      empty: string;
      fallback: string;
      notFound: string;
    }
  >
> = {
  en: {
    title: "Frequently asked questions",
    other: "Other questions",
    language: "Language",
    all: "All languages",
    empty: "There are no answers here yet.",
    fallback: "There are no answers in this language yet; here are all of them.",
    notFound: "This page does not exist.",
  },
  ru: {
    title: "Частые вопросы",
    other: "Другие вопросы",
    language: "Язык",
    all: "Все языки",
    empty: "Здесь пока нет ответов.",
    fallback: "На этом языке ответов пока нет; вот все ответы.",
    notFound: "Такой страницы нет.",
  },
  pl: {
    title: "Najczęściej zadawane pytania",
    other: "Inne pytania",
    language: "Język",
    all: "Wszystkie języki",
    empty: "Nie ma tu jeszcze odpowiedzi.",
    fallback: "W tym języku nie ma jeszcze odpowiedzi; oto wszystkie.",
    notFound: "Ta strona nie istnieje.",
  },
  lv: {
    title: "Biežāk uzdotie jautājumi",
    other: "Citi jautājumi",
    language: "Valoda",
    all: "Visas valodas",
    empty: "Šeit vēl nav atbilžu.",
    fallback: "Šajā valodā atbilžu vēl nav; šeit ir visas.",
    notFound: "Šādas lapas nav.",
  },
};

/** Each language named in itself: a reader looks for their own language, not for its English name. */
const LANGUAGE_NAMES: Readonly<Record<PlaybookLanguage, string>> = {
  en: "English",
  ru: "Русский",
  pl: "Polski",
  lv: "Latviešu",
};

function isLanguage(value: string | undefined): value is PlaybookLanguage {
  return (PLAYBOOK_LANGUAGES as readonly string[]).includes(value ?? "");
}

/** The page's address, optionally in one language and at one article (the composer links to these). */
export function faqUrlOf(
  publicUrl: string,
  workspaceId: string,
  language?: string,
  articleId?: string,
): string {
  const base = `${publicUrl.replace(/\/+$/u, "")}/faq/${workspaceId}`;
  return `${base}${language && isLanguage(language) ? `?lang=${language}` : ""}${articleId ? `#article-${articleId}` : ""}`;
}

interface FaqArticle {
  id: string;
  title: string;
  body: string;
  language: string;
  tags: string[];
  updatedAt: string;
}

interface FaqGroup {
  categoryKey: string | null;
  categoryName: string;
  articles: FaqArticle[];
}

export interface Faq {
  workspaceId: string;
  brand: string;
  /** The language asked for, when it is one we know. */
  requested: PlaybookLanguage | null;
  /** The language the articles are shown in; null when all are shown. */
  language: PlaybookLanguage | null;
  /** Languages that have published articles, for the switcher. */
  languages: PlaybookLanguage[];
  groups: FaqGroup[];
}

/** null for an unknown workspace. */
export async function loadFaq(db: Db, workspaceId: string, lang: string | undefined): Promise<Faq | null> {
  if (!UUID.test(workspaceId)) return null;
  const [workspace] = await db
    .select({ name: workspaces.name, brandName: triageSettings.brandName })
    .from(workspaces)
    .leftJoin(triageSettings, eq(triageSettings.workspaceId, workspaces.id))
    .where(eq(workspaces.id, workspaceId));
  if (!workspace) return null;
  const [published, cats] = await Promise.all([
    db
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.workspaceId, workspaceId), eq(knowledgeArticles.published, true)))
      .orderBy(asc(knowledgeArticles.title)),
    db
      .select()
      .from(categories)
      .where(eq(categories.workspaceId, workspaceId))
      .orderBy(asc(categories.position), asc(categories.key)),
  ]);
  const languages = PLAYBOOK_LANGUAGES.filter((l) => published.some((a) => a.language === l));
  const requested = isLanguage(lang) ? lang : null;
  const language = requested && languages.includes(requested) ? requested : null;
  const shown = language ? published.filter((a) => a.language === language) : published;
  const nameLanguage = language ?? requested ?? "en";
  const byKey = new Map<string | null, FaqArticle[]>();
  for (const a of shown) {
    const list = byKey.get(a.categoryKey) ?? [];
    list.push({
      id: a.id,
      title: a.title,
      body: a.body,
      language: a.language,
      tags: a.tags,
      updatedAt: a.updatedAt.toISOString(),
    });
    byKey.set(a.categoryKey, list);
  }
  const known = cats.filter((cat) => byKey.has(cat.key));
  const groups: FaqGroup[] = known.map((cat) => ({
    categoryKey: cat.key,
    categoryName: cat.names[nameLanguage] || cat.name || cat.key,
    articles: byKey.get(cat.key) ?? [],
  }));
  // Articles under a key no category has (yet), then those without one, so nothing published goes missing.
  const unknownKeys = [...byKey.keys()]
    .filter((k): k is string => k !== null && !known.some((cat) => cat.key === k))
    .sort();
  for (const key of unknownKeys)
    groups.push({ categoryKey: key, categoryName: key, articles: byKey.get(key)! });
  const loose = byKey.get(null);
  if (loose) groups.push({ categoryKey: null, categoryName: CHROME[nameLanguage].other, articles: loose });
  return {
    workspaceId,
    brand: workspace.brandName?.trim() || workspace.name,
    requested,
    language,
    languages,
    groups,
  };
}

/** Paragraphs at blank lines, line breaks kept: the body is plain text, never markup. */
function paragraphs(body: string): HtmlEscapedString[] {
  return body
    .split(/\n\s*\n/u)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => {
      const lines = p.split("\n");
      return html`<p>${lines.map((line, i) => (i === 0 ? line : html`<br />${line}`))}</p>` as HtmlEscapedString;
    });
}

const STYLE = html`<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d232b; background: #f6f7f9; }
  main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d5d9e0; padding-bottom: .25rem; }
  article { background: #fff; border: 1px solid #d5d9e0; border-radius: 6px; margin: .5rem 0; padding: .25rem 1rem; }
  h3 { font-size: 1.05rem; margin: .75rem 0 .25rem; }
  article:target { outline: 2px solid #1a56db; }
  nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .75rem; padding: 0; margin: .5rem 0 0; }
  a { color: #1a56db; }
  a[aria-current="page"] { font-weight: 700; color: inherit; text-decoration: none; }
  .note { color: #5b6472; }
</style>`;

export function renderFaqPage(faq: Faq, publicUrl: string): HtmlEscapedString {
  const chromeLanguage = faq.language ?? faq.requested ?? "en";
  const t = CHROME[chromeLanguage];
  const link = (l: PlaybookLanguage | null) => (l ? `?lang=${l}` : "?");
  const switcher =
    faq.languages.length > 1
      ? html`<nav aria-label="${t.language}"><ul>
          <li><a href="${link(null)}" ${faq.language === null ? html`aria-current="page"` : ""}>${t.all}</a></li>
          ${faq.languages.map(
            (l) =>
              html`<li><a href="${link(l)}" hreflang="${l}" lang="${l}" ${faq.language === l ? html`aria-current="page"` : ""}>${LANGUAGE_NAMES[l]}</a></li>`,
          )}
        </ul></nav>`
      : "";
  const canonical = faqUrlOf(publicUrl, faq.workspaceId, faq.language ?? undefined);
  return html`<!doctype html>
<html lang="${chromeLanguage}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${t.title} · ${faq.brand}</title>
<link rel="canonical" href="${canonical}" />
${STYLE}
</head>
<body>
<main>
  <header>
    <h1>${t.title}</h1>
    <p class="note">${faq.brand}</p>
    ${switcher}
  </header>
  ${faq.requested && faq.language === null && faq.groups.length > 0 ? html`<p class="note" role="status">${t.fallback}</p>` : ""}
  ${faq.groups.length === 0 ? html`<p>${t.empty}</p>` : ""}
  ${faq.groups.map(
    (group, g) => html`<section aria-labelledby="group-${g}">
    <h2 id="group-${g}">${group.categoryName}</h2>
    ${group.articles.map(
      (a) => html`<article id="article-${a.id}" lang="${a.language}" aria-labelledby="title-${a.id}">
      <h3 id="title-${a.id}">${a.title}</h3>
      ${paragraphs(a.body)}
    </article>`,
    )}
  </section>`,
  )}
</main>
</body>
</html>` as HtmlEscapedString;
}

function renderNotFound(lang: string | undefined): HtmlEscapedString {
  const l = isLanguage(lang) ? lang : "en";
  return html`<!doctype html>
<html lang="${l}"><head><meta charset="utf-8" /><title>404</title>${STYLE}</head>
<body><main><h1>404</h1><p>${CHROME[l].notFound}</p></main></body></html>` as HtmlEscapedString;
}

/** `GET /faq/:workspaceId` (HTML) and `GET /faq/:workspaceId.json`, both public and read-only. */
export function faqRoutes(app: Hono<AppEnv>, db: Db, publicUrl: string): void {
  app.get("/faq/:page", async (c: Context<AppEnv>) => {
    const page = c.req.param("page") ?? "";
    const json = page.endsWith(".json");
    const lang = c.req.query("lang");
    const faq = await loadFaq(db, json ? page.slice(0, -".json".length) : page, lang);
    // Unpublishing must take effect at once: shared caches revalidate every time.
    c.header("Cache-Control", "no-cache");
    if (!faq) {
      if (json) return c.json({ error: { code: "not_found", message: "No such FAQ page" } }, 404);
      return c.html(renderNotFound(lang), 404);
    }
    if (json) {
      return c.json({
        brand: faq.brand,
        language: faq.language,
        languages: faq.languages,
        groups: faq.groups,
      });
    }
    return c.html(renderFaqPage(faq, publicUrl));
  });
}
