import { z } from "zod";
import { notFound } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { knowledgeArticles } from "../store/schema.ts";
import { CategoryKey, PLAYBOOK_LANGUAGES, type PlaybookActor } from "./playbookInput.ts";
import { changeTriageConfig, deleteTriageConfigRow } from "./triageConfigChange.ts";
import { findOwnRow, ownRow } from "./workspaceRows.ts";

const fields = {
  title: z.string().trim().min(1).max(300),
  body: z.string().trim().min(1).max(20_000),
  language: z.enum(PLAYBOOK_LANGUAGES),
  categoryKey: CategoryKey.nullable(),
  tags: z.array(z.string().trim().min(1).max(60)).max(30),
  published: z.boolean(),
};

export const ArticleInput = z.object({
  ...fields,
  categoryKey: fields.categoryKey.default(null),
  tags: fields.tags.default([]),
  // An article starts internal: publishing it puts it on the public FAQ page, a separate decision.
  published: fields.published.default(false),
});
export type ArticleInput = z.infer<typeof ArticleInput>;
export const ArticlePatch = z.object(fields).partial();
export type ArticlePatch = z.infer<typeof ArticlePatch>;

/** Tags are matched case-insensitively by the search; storing them folded keeps duplicates out. */
function foldTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.toLowerCase()))];
}

export async function createArticle(db: Db, actor: PlaybookActor, input: ArticleInput) {
  return changeTriageConfig(db, actor, async (tx) => {
    const [row] = await tx
      .insert(knowledgeArticles)
      .values({ ...input, tags: foldTags(input.tags), workspaceId: actor.workspaceId })
      .returning();
    return {
      result: row!,
      audit: {
        action: "article.created",
        targetType: "article",
        targetId: row!.id,
        details: { title: input.title, language: input.language, published: input.published },
      },
    };
  });
}

export async function updateArticle(db: Db, actor: PlaybookActor, id: string, patch: ArticlePatch) {
  return changeTriageConfig(db, actor, async (tx) => {
    const before = await findOwnRow(tx, knowledgeArticles, actor.workspaceId, id, "Article", true);
    const [row] = await tx
      .update(knowledgeArticles)
      .set({ ...patch, ...(patch.tags ? { tags: foldTags(patch.tags) } : {}), updatedAt: new Date() })
      .where(ownRow(knowledgeArticles, actor.workspaceId, id))
      .returning();
    if (!row) throw notFound("Article");
    // Publishing and unpublishing change what the public sees: they get an action of their own.
    const action =
      row.published === before.published
        ? "article.updated"
        : row.published
          ? "article.published"
          : "article.unpublished";
    return {
      result: row,
      audit: {
        action,
        targetType: "article",
        targetId: id,
        details: { title: row.title, changed: Object.keys(patch) },
      },
    };
  });
}

export async function deleteArticle(db: Db, actor: PlaybookActor, id: string): Promise<void> {
  await deleteTriageConfigRow(db, actor, {
    table: knowledgeArticles,
    id,
    what: "Article",
    targetType: "article",
    label: { title: knowledgeArticles.title },
  });
}
