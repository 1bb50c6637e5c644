import { and, asc, eq } from "drizzle-orm";
import type { Hono } from "hono";
import { z } from "zod";
import {
  ArticleInput,
  ArticlePatch,
  createArticle,
  deleteArticle,
  updateArticle,
} from "../../commands/articleEditor.ts";
import {
  CannedReplyInput,
  CannedReplyPatch,
  createCannedReply,
  deleteCannedReply,
  updateCannedReply,
} from "../../commands/cannedReplyEditor.ts";
import { PLAYBOOK_LANGUAGES } from "../../commands/playbookInput.ts";
import type { Viewer } from "../../domain/roles.ts";
import { draftCheck } from "../../playbook/draftCheck.ts";
import { type PlaybookDoc, playbookFor } from "../../playbook/playbookIndex.ts";
import { CANNED_VARIABLES, renderCannedReply } from "../../playbook/replies/cannedReply.ts";
import type { Db } from "../../store/database.ts";
import { cannedReplies, categories, knowledgeArticles } from "../../store/schema.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { cannedReplyValues, loadDraftContext } from "../draftContext.ts";
import { faqUrlOf } from "../faqPage.ts";
import { forbidden, notFound } from "../httpError.ts";

const IdParams = z.object({ id: z.uuid() });

/** The playbook speaks for the whole team: supervisors and admins write it, every agent reads and uses it. */
function requireEditor(viewer: Viewer): void {
  if (viewer.role === "agent") throw forbidden("Only supervisors and admins edit the playbook");
}

/** The start of an article, for a search result or a quote in a reply: its first paragraph, cut at a word. */
export function excerptOf(body: string, max = 200): string {
  const first = (body.split(/\n\s*\n/u)[0] ?? body).replace(/\s+/gu, " ").trim();
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function presentHit(doc: PlaybookDoc, publicUrl: string, workspaceId: string) {
  return {
    id: doc.id,
    kind: doc.kind,
    title: doc.title,
    language: doc.language,
    categoryKey: doc.categoryKey ?? null,
    excerpt: excerptOf(doc.body),
    // Only a published article has a page a customer can open.
    faqUrl:
      doc.kind === "article" && doc.published ? faqUrlOf(publicUrl, workspaceId, doc.language, doc.id) : null,
  };
}

/** The collection path (`/api/playbook/articles`), its schemas, and the editor commands behind it. */
interface EditorRoutes<I extends z.ZodType, P extends z.ZodType, C, U> {
  path: string;
  input: I;
  patch: P;
  summaries: { create: string; update: string; remove: string };
  create: (db: Db, viewer: Viewer, input: z.infer<I>) => Promise<C>;
  update: (db: Db, viewer: Viewer, id: string, patch: z.infer<P>) => Promise<U>;
  remove: (db: Db, viewer: Viewer, id: string) => Promise<void>;
}

/**
 * Canned replies and articles are written the same way: create, patch and delete, by supervisors and admins
 * only, answering with the stored row. One declaration keeps the two kinds from drifting apart.
 */
function editorRoutes<I extends z.ZodType, P extends z.ZodType, C, U>(
  app: Hono<AppEnv>,
  db: Db,
  routes: EditorRoutes<I, P, C, U>,
): void {
  apiRoute(
    app,
    {
      method: "post",
      path: routes.path,
      summary: routes.summaries.create,
      tag: "playbook",
      body: routes.input,
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => {
      requireEditor(viewer);
      return c.json(await routes.create(db, viewer, body), 201);
    },
  );
  apiRoute(
    app,
    {
      method: "patch",
      path: `${routes.path}/:id`,
      summary: routes.summaries.update,
      tag: "playbook",
      params: IdParams,
      body: routes.patch,
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      requireEditor(viewer);
      return c.json(await routes.update(db, viewer, params.id, body));
    },
  );
  apiRoute(
    app,
    {
      method: "delete",
      path: `${routes.path}/:id`,
      summary: routes.summaries.remove,
      tag: "playbook",
      params: IdParams,
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      requireEditor(viewer);
      await routes.remove(db, viewer, params.id);
      return c.body(null, 204);
    },
  );
}

export function playbookRoutes(app: Hono<AppEnv>, db: Db, publicUrl: string): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/playbook/categories",
      summary: "Support categories a canned reply or an article can belong to",
      tag: "playbook",
      response: { status: 200 },
    },
    async ({ viewer }, c) =>
      c.json({
        items: await db
          .select({ key: categories.key, name: categories.name, names: categories.names })
          .from(categories)
          .where(eq(categories.workspaceId, viewer.workspaceId))
          .orderBy(asc(categories.position), asc(categories.key)),
      }),
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/playbook/canned-replies",
      summary: "Canned replies, with the variables their text may use",
      tag: "playbook",
      response: { status: 200 },
    },
    async ({ viewer }, c) =>
      c.json({
        items: await db
          .select()
          .from(cannedReplies)
          .where(eq(cannedReplies.workspaceId, viewer.workspaceId))
          .orderBy(asc(cannedReplies.language), asc(cannedReplies.title)),
        variables: CANNED_VARIABLES,
      }),
  );
  editorRoutes(app, db, {
    path: "/api/playbook/canned-replies",
    input: CannedReplyInput,
    patch: CannedReplyPatch,
    summaries: {
      create: "Add a canned reply (supervisors and admins); 400 lists every problem with its text",
      update: "Change a canned reply (supervisors and admins)",
      remove: "Delete a canned reply (supervisors and admins)",
    },
    create: createCannedReply,
    update: updateCannedReply,
    remove: deleteCannedReply,
  });
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/playbook/canned-replies/:id/render",
      summary:
        "A canned reply filled in for a conversation; `missing` lists the variables left for the agent",
      tag: "playbook",
      params: IdParams,
      body: z.object({ conversationId: z.uuid() }),
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      const [reply] = await db
        .select({ body: cannedReplies.body })
        .from(cannedReplies)
        .where(and(eq(cannedReplies.id, params.id), eq(cannedReplies.workspaceId, viewer.workspaceId)));
      if (!reply) throw notFound("Canned reply");
      const context = await loadDraftContext(db, viewer, body.conversationId);
      return c.json(renderCannedReply(reply.body, await cannedReplyValues(db, viewer, context)));
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/playbook/articles",
      summary: "Knowledge-base articles, published or not, and the address of the public FAQ page",
      tag: "playbook",
      response: { status: 200 },
    },
    async ({ viewer }, c) =>
      c.json({
        items: await db
          .select()
          .from(knowledgeArticles)
          .where(eq(knowledgeArticles.workspaceId, viewer.workspaceId))
          .orderBy(asc(knowledgeArticles.language), asc(knowledgeArticles.title)),
        faqUrl: faqUrlOf(publicUrl, viewer.workspaceId),
      }),
  );
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/playbook/articles/search",
      summary: "Search the knowledge base (stemmed, in ru, pl, lv and en)",
      tag: "playbook",
      query: z.object({
        q: z.string().trim().min(1).max(500),
        language: z.enum(PLAYBOOK_LANGUAGES).optional(),
        limit: z.coerce.number().int().min(1).max(50).default(10),
      }),
      response: { status: 200 },
    },
    async ({ query, viewer }, c) => {
      const { index, docs } = await playbookFor(db, viewer.workspaceId);
      const hits = index.search(query.q, {
        kinds: ["article"],
        limit: query.limit,
        ...(query.language ? { language: query.language } : {}),
      });
      const items = hits.flatMap((hit) => {
        const doc = docs.get(hit.id);
        if (!doc) return [];
        return [
          {
            ...presentHit(doc, publicUrl, viewer.workspaceId),
            published: doc.published ?? false,
            confidence: hit.confidence,
            matchedTerms: hit.matchedTerms,
          },
        ];
      });
      return c.json({ items });
    },
  );
  editorRoutes(app, db, {
    path: "/api/playbook/articles",
    input: ArticleInput,
    patch: ArticlePatch,
    summaries: {
      create: "Add an article (supervisors and admins); it stays off the public FAQ until published",
      update: "Change, publish or unpublish an article (supervisors and admins)",
      remove: "Delete an article (supervisors and admins)",
    },
    create: createArticle,
    update: updateArticle,
    remove: deleteArticle,
  });

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/conversations/:id/draft-check",
      summary:
        "Check a reply being written: personal data in a public reply, bureaucratic wording, and matching canned replies and articles",
      tag: "playbook",
      params: IdParams,
      body: z.object({ text: z.string().max(20_000), visibility: z.enum(["public", "private"]) }),
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      // Independent reads, on every typing pause: run together. A 404 from the first still rejects the pair.
      const [context, playbook] = await Promise.all([
        loadDraftContext(db, viewer, params.id),
        playbookFor(db, viewer.workspaceId),
      ]);
      const result = draftCheck(
        playbook,
        {
          visibility: context.conversation.conversation.visibility,
          language: context.language,
          categoryKey: context.categoryKey,
          customerMessage: context.inboundTexts[0] ?? "",
        },
        body,
      );
      return c.json({
        ...result,
        suggestions: result.suggestions.map((s) => {
          const doc = playbook.docs.get(s.id);
          return { ...s, ...(doc ? presentHit(doc, publicUrl, viewer.workspaceId) : {}) };
        }),
      });
    },
  );
}
