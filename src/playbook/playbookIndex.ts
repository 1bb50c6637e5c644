/**
 * The search index over a workspace's knowledge articles and canned replies, built from the database and kept
 * per process. The composer asks for suggestions on every typing pause, so the index is not rebuilt per
 * request: a copy lives for CONFIG_TTL_MS, and an edit made through this process drops it at once. Other
 * server processes sharing the database see the edit when their copy expires, a couple of seconds later.
 */

import { eq } from "drizzle-orm";
import type { DbOrTx } from "../store/database.ts";
import { cannedReplies, knowledgeArticles } from "../store/schema.ts";
import { CONFIG_TTL_MS, onTriageConfigChange } from "../triage/configVersion.ts";
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

interface Ready {
  playbook: Playbook;
  /** When its reads began: an edit committed after that may be missing from it. */
  builtAt: number;
}

interface Pending {
  source: DbOrTx;
  promise: Promise<Playbook>;
}

const ready = new Map<string, Ready>();
const pending = new Map<string, Pending>();
/** Bumped by every invalidation, so a build that read the rows before an edit is not kept after it. */
const generations = new Map<string, number>();

function drop(workspaceId: string): void {
  ready.delete(workspaceId);
  pending.delete(workspaceId);
  generations.set(workspaceId, (generations.get(workspaceId) ?? 0) + 1);
}

// Edits go through changeTriageConfig (commands/triageConfigChange.ts), which signals here after the commit;
// a category change drops the copy too, which costs one rebuild.
onTriageConfigChange(drop);

/**
 * The workspace's index, built at most every CONFIG_TTL_MS. Concurrent callers share one build, but only
 * when they read through the same handle: on PGlite a query outside a transaction waits for the transaction
 * to end, so a transaction joining a build started outside it would wait for itself.
 */
export function playbookFor(db: DbOrTx, workspaceId: string, now = Date.now()): Promise<Playbook> {
  const done = ready.get(workspaceId);
  if (done && now - done.builtAt < CONFIG_TTL_MS) return Promise.resolve(done.playbook);
  const running = pending.get(workspaceId);
  if (running && running.source === db) return running.promise;
  const generation = generations.get(workspaceId) ?? 0;
  const promise = buildPlaybook(db, workspaceId);
  const entry: Pending = { source: db, promise };
  if (!running) pending.set(workspaceId, entry);
  promise.then(
    (playbook) => {
      if (pending.get(workspaceId) === entry) pending.delete(workspaceId);
      if ((generations.get(workspaceId) ?? 0) === generation)
        ready.set(workspaceId, { playbook, builtAt: now });
    },
    // A failed build is not kept: the next caller tries again.
    () => {
      if (pending.get(workspaceId) === entry) pending.delete(workspaceId);
    },
  );
  return promise;
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
