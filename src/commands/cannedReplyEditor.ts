import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { CANNED_USAGES, cannedReplyProblems } from "../playbook/replies/cannedReply.ts";
import { HttpError, notFound } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { cannedReplies } from "../store/schema.ts";
import { CategoryKey, PLAYBOOK_LANGUAGES, type PlaybookActor } from "./playbookInput.ts";
import { changeTriageConfig, deleteTriageConfigRow } from "./triageConfigChange.ts";
import { findOwnRow, ownRow } from "./workspaceRows.ts";

const fields = {
  title: z.string().trim().min(1).max(200),
  shortcut: z.string().trim().min(1).max(40).nullable(),
  language: z.enum(PLAYBOOK_LANGUAGES),
  body: z.string().trim().min(1).max(4000),
  usage: z.enum(CANNED_USAGES),
  guidance: z.string().trim().max(2000),
  categoryKey: CategoryKey.nullable(),
};

export const CannedReplyInput = z.object({
  ...fields,
  shortcut: fields.shortcut.default(null),
  usage: fields.usage.default("any"),
  guidance: fields.guidance.default(""),
  categoryKey: fields.categoryKey.default(null),
});
export type CannedReplyInput = z.infer<typeof CannedReplyInput>;
/** A PATCH names only what changes; the merged reply is checked as a whole. */
export const CannedReplyPatch = z.object(fields).partial();
export type CannedReplyPatch = z.infer<typeof CannedReplyPatch>;

/**
 * The reply's own rules (known variables, a body that fits its usage, a valid shortcut) live in the pure
 * module; the API answers 400 with every problem at once, so the editor can show them all.
 */
function assertValid(reply: CannedReplyInput): void {
  const problems = cannedReplyProblems({
    title: reply.title,
    body: reply.body,
    language: reply.language,
    usage: reply.usage,
    ...(reply.shortcut ? { shortcut: reply.shortcut } : {}),
  });
  if (problems.length > 0)
    throw new HttpError(400, "invalid_canned_reply", problems.join("; "), { problems });
}

/** Agents type a shortcut to pick a reply: two replies with one shortcut would make the pick a coin toss. */
async function assertShortcutFree(db: Db, workspaceId: string, shortcut: string | null, exceptId?: string) {
  if (!shortcut) return;
  const [taken] = await db
    .select({ id: cannedReplies.id })
    .from(cannedReplies)
    .where(
      and(
        eq(cannedReplies.workspaceId, workspaceId),
        eq(cannedReplies.shortcut, shortcut),
        exceptId ? ne(cannedReplies.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (taken) throw new HttpError(409, "shortcut_taken", `Another canned reply already uses "${shortcut}"`);
}

export async function createCannedReply(db: Db, actor: PlaybookActor, input: CannedReplyInput) {
  assertValid(input);
  await assertShortcutFree(db, actor.workspaceId, input.shortcut);
  return changeTriageConfig(db, actor, async (tx) => {
    const [row] = await tx
      .insert(cannedReplies)
      .values({ ...input, workspaceId: actor.workspaceId })
      .returning();
    return {
      result: row!,
      audit: {
        action: "canned_reply.created",
        targetType: "canned_reply",
        targetId: row!.id,
        details: { title: input.title, language: input.language, usage: input.usage },
      },
    };
  });
}

export async function updateCannedReply(db: Db, actor: PlaybookActor, id: string, patch: CannedReplyPatch) {
  const current = await findOwnRow(db, cannedReplies, actor.workspaceId, id, "Canned reply");
  const merged: CannedReplyInput = {
    title: patch.title ?? current.title,
    shortcut: patch.shortcut === undefined ? current.shortcut : patch.shortcut,
    language: patch.language ?? (current.language as CannedReplyInput["language"]),
    body: patch.body ?? current.body,
    usage: patch.usage ?? current.usage,
    guidance: patch.guidance ?? current.guidance,
    categoryKey: patch.categoryKey === undefined ? current.categoryKey : patch.categoryKey,
  };
  assertValid(merged);
  await assertShortcutFree(db, actor.workspaceId, merged.shortcut, id);
  return changeTriageConfig(db, actor, async (tx) => {
    const [row] = await tx
      .update(cannedReplies)
      .set({ ...merged, updatedAt: new Date() })
      .where(ownRow(cannedReplies, actor.workspaceId, id))
      .returning();
    if (!row) throw notFound("Canned reply");
    return {
      result: row,
      audit: {
        action: "canned_reply.updated",
        targetType: "canned_reply",
        targetId: id,
        details: { title: merged.title, changed: Object.keys(patch) },
      },
    };
  });
}

export async function deleteCannedReply(db: Db, actor: PlaybookActor, id: string): Promise<void> {
  await deleteTriageConfigRow(db, actor, {
    table: cannedReplies,
    id,
    what: "Canned reply",
    targetType: "canned_reply",
    label: { title: cannedReplies.title },
  });
}
