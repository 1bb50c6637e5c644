import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { LISTENING_LANGUAGES } from "../listening/listeningTypes.ts";
import { normalizeTerm } from "../listening/normalize.ts";
import { parseQuery, QuerySyntaxError } from "../listening/queryParser.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db, DbOrTx } from "../store/database.ts";
import { auditLog, listeningTopics } from "../store/schema.ts";

export const MAX_ALIAS_LENGTH = 100;
export const MAX_ALIASES = 50;

/**
 * A topic's other names (parent company, products). Each must say something once: an alias with no letters
 * or digits, a sentence-long one, or the same name twice (as the matcher compares: case, diacritics and
 * punctuation aside) is refused with the alias's number.
 */
export const TopicAliases = z
  .array(z.object({ text: z.string().trim(), kind: z.enum(["parent", "product"]) }))
  .max(MAX_ALIASES, `At most ${MAX_ALIASES} aliases`)
  .superRefine((aliases, ctx) => {
    const seen = new Map<string, number>();
    aliases.forEach((alias, i) => {
      const path = [i, "text"];
      const normalized = normalizeTerm(alias.text);
      if (normalized === "") {
        ctx.addIssue({ code: "custom", path, message: `Alias ${i + 1} is empty` });
      } else if (alias.text.length > MAX_ALIAS_LENGTH) {
        ctx.addIssue({
          code: "custom",
          path,
          message: `Alias ${i + 1} is longer than ${MAX_ALIAS_LENGTH} characters`,
        });
      } else if (seen.has(normalized)) {
        ctx.addIssue({
          code: "custom",
          path,
          message: `Alias ${i + 1} ("${alias.text}") repeats alias ${seen.get(normalized)! + 1}`,
        });
      } else seen.set(normalized, i);
    });
  });

export const TopicInput = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(["brand", "product", "competitor", "other"]),
  query: z.string().trim().min(1).max(4096),
  languages: z.array(z.enum(LISTENING_LANGUAGES)).default([]),
  sources: z.array(z.string().min(1).max(40)).max(20).default([]),
  extraVariants: z.record(z.string().max(200), z.array(z.string().min(1).max(200)).max(100)).default({}),
  excludedVariants: z.array(z.string().max(200)).max(1000).default([]),
  aliases: TopicAliases.default([]),
  enabled: z.boolean().default(true),
});
export type TopicInput = z.infer<typeof TopicInput>;

/** A query that does not parse is refused with the position of the error, for the editor to point at. */
export function validateQuery(query: string): void {
  try {
    parseQuery(query);
  } catch (err) {
    if (err instanceof QuerySyntaxError)
      throw new HttpError(400, "invalid_query", err.message, { position: err.position, length: err.length });
    throw err;
  }
}

/** How far back a new or changed query looks, so a topic starts with the week's mentions, not an empty page. */
const BACKFILL_DAYS = 7;

async function relistenRecentMessages(tx: DbOrTx, workspaceId: string): Promise<void> {
  await tx.execute(sql`
    UPDATE messages SET listened_at = NULL
    WHERE workspace_id = ${workspaceId} AND direction = 'in'
      AND created_at > now() - make_interval(days => ${BACKFILL_DAYS})`);
}

export async function createTopic(db: Db, actor: { workspaceId: string; userId: string }, input: TopicInput) {
  validateQuery(input.query);
  return db.transaction(async (tx) => {
    const [topic] = await tx
      .insert(listeningTopics)
      .values({ ...input, workspaceId: actor.workspaceId })
      .returning();
    await relistenRecentMessages(tx, actor.workspaceId);
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "topic.created",
      targetType: "topic",
      targetId: topic!.id,
      details: { name: input.name, query: input.query, aliases: input.aliases },
    });
    return topic!;
  });
}

export async function updateTopic(
  db: Db,
  actor: { workspaceId: string; userId: string },
  topicId: string,
  input: TopicInput,
) {
  validateQuery(input.query);
  return db.transaction(async (tx) => {
    const [topic] = await tx
      .update(listeningTopics)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(listeningTopics.id, topicId), eq(listeningTopics.workspaceId, actor.workspaceId)))
      .returning();
    if (!topic) throw new HttpError(404, "not_found", "Topic not found");
    await relistenRecentMessages(tx, actor.workspaceId);
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "topic.updated",
      targetType: "topic",
      targetId: topicId,
      details: { name: input.name, query: input.query, aliases: input.aliases },
    });
    return topic;
  });
}

export async function deleteTopic(db: Db, actor: { workspaceId: string; userId: string }, topicId: string) {
  await db.transaction(async (tx) => {
    const [topic] = await tx
      .delete(listeningTopics)
      .where(and(eq(listeningTopics.id, topicId), eq(listeningTopics.workspaceId, actor.workspaceId)))
      .returning({ id: listeningTopics.id, name: listeningTopics.name });
    if (!topic) throw new HttpError(404, "not_found", "Topic not found");
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "topic.deleted",
      targetType: "topic",
      targetId: topicId,
      details: { name: topic.name },
    });
  });
}
