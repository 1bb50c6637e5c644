/**
 * The search index over a workspace's knowledge articles and canned replies, built from the database and kept
 * per process until they change. The composer asks for suggestions on every typing pause, so the index is
 * not rebuilt per request.
 */

import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { cannedReplies, knowledgeArticles } from "../store/schema.ts";
import { KnowledgeIndex, type SearchDocument } from "./knowledge/knowledgeIndex.ts";

/** What the API needs to know about a hit beyond its id: enough to present and filter it without a query. */
export interface PlaybookDoc {
  id: string;
  kind: "article" | "canned";
  title: string;
  body: string;
  language: string;
  categoryKey?: string;
  /** Canned replies: where the reply may be posted. */
  usage?: "public" | "private" | "any";
  /** Articles: only published ones may be shown outside the team. */
  published?: boolean;
}

export interface Playbook {
  /** Everything: what agents search and are offered while they write. */
  index: KnowledgeIndex;
  /**
   * Published articles only: what may be shown to customers (the FAQ bot). Drafts and internal notes stay
   * out of it, so their words cannot even tip a ranking.
   */
  publicIndex: KnowledgeIndex;
  docs: Map<string, PlaybookDoc>;
}

const cache = new Map<string, { signature: string; playbook: Playbook }>();

/**
 * The workspace's index, rebuilt only when its articles or canned replies changed: one cheap query (counts
 * and latest edits, the way listening keeps its topics) tells, so every process sees an edit at once and
 * the composer's typing pauses never rebuild an unchanged index.
 */
export async function playbookFor(db: DbOrTx, workspaceId: string): Promise<Playbook> {
  const [state] = (
    (await db.execute(sql`
      SELECT (SELECT count(*) FROM canned_replies WHERE workspace_id = ${workspaceId})::int AS replies,
        (SELECT coalesce(max(updated_at), 'epoch') FROM canned_replies WHERE workspace_id = ${workspaceId})::text
          AS replies_changed,
        (SELECT count(*) FROM knowledge_articles WHERE workspace_id = ${workspaceId})::int AS articles,
        (SELECT coalesce(max(updated_at), 'epoch') FROM knowledge_articles WHERE workspace_id = ${workspaceId})::text
          AS articles_changed`)) as unknown as { rows: Record<string, unknown>[] }
  ).rows;
  const signature = JSON.stringify(state);
  const cached = cache.get(workspaceId);
  if (cached?.signature === signature) return cached.playbook;
  const playbook = await buildPlaybook(db, workspaceId);
  cache.set(workspaceId, { signature, playbook });
  return playbook;
}

async function buildPlaybook(db: DbOrTx, workspaceId: string): Promise<Playbook> {
  // One after the other: a transaction's connection runs one query at a time anyway.
  const replies = await db.select().from(cannedReplies).where(eq(cannedReplies.workspaceId, workspaceId));
  const articles = await db
    .select()
    .from(knowledgeArticles)
    .where(eq(knowledgeArticles.workspaceId, workspaceId));
  const documents: SearchDocument[] = [];
  const publicDocuments: SearchDocument[] = [];
  const docs = new Map<string, PlaybookDoc>();
  for (const r of replies) {
    documents.push({ id: r.id, kind: "canned", language: r.language, title: r.title, body: r.body });
    docs.set(r.id, {
      id: r.id,
      kind: "canned",
      title: r.title,
      body: r.body,
      language: r.language,
      usage: r.usage,
      ...(r.categoryKey ? { categoryKey: r.categoryKey } : {}),
    });
  }
  for (const a of articles) {
    const document: SearchDocument = {
      id: a.id,
      kind: "article",
      language: a.language,
      title: a.title,
      body: a.body,
      tags: a.tags,
    };
    documents.push(document);
    if (a.published) publicDocuments.push(document);
    docs.set(a.id, {
      id: a.id,
      kind: "article",
      title: a.title,
      body: a.body,
      language: a.language,
      published: a.published,
      ...(a.categoryKey ? { categoryKey: a.categoryKey } : {}),
    });
  }
  return { index: new KnowledgeIndex(documents), publicIndex: new KnowledgeIndex(publicDocuments), docs };
}
