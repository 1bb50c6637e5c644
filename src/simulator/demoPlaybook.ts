import { eq, sql } from "drizzle-orm";
import { SAMPLE_CANNED } from "../playbook/knowledge/fixtures/sampleKnowledgeBase.ts";
import type { Db } from "../store/database.ts";
import { cannedReplies, knowledgeArticles, triageSettings } from "../store/schema.ts";
import { DEMO_ARTICLES } from "./demoKnowledgeBase.ts";

/**
 * The demo shop's playbook: a published knowledge base and canned replies in the four UI languages, so the FAQ
 * bot answers simple questions and the composer suggests replies from the first minute. Seeded once: an
 * operator's edits survive restarts.
 */
export async function seedDemoPlaybook(db: Db, workspaceId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(knowledgeArticles)
      .where(eq(knowledgeArticles.workspaceId, workspaceId));
    if (Number(existing?.count ?? 0) > 0) return;
    await tx.insert(knowledgeArticles).values(
      DEMO_ARTICLES.map((article) => ({
        workspaceId,
        title: article.title,
        body: article.body,
        language: article.language,
        categoryKey: article.categoryKey,
        tags: [...(article.tags ?? [])],
        published: true,
      })),
    );
    await tx.insert(cannedReplies).values(
      SAMPLE_CANNED.map((reply) => ({
        workspaceId,
        title: reply.title,
        language: reply.language,
        body: reply.body,
        usage: reply.usage ?? "any",
        categoryKey: reply.categoryKey,
      })),
    );
    await tx
      .update(triageSettings)
      .set({ brandName: "Nordmart" })
      .where(eq(triageSettings.workspaceId, workspaceId));
  });
}
