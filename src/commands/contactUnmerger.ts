import { and, eq, inArray, sql } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { auditLog, contactIdentities, contactMerges, contactNotes, contacts } from "../store/schema.ts";
import { announce, conversationsOf, lockContacts } from "./contactMerger.ts";

/**
 * Undoes one merge: the identities, conversations and notes that moved go back to the source contact, which
 * becomes a contact of its own again, and the target loses the tags, phone and e-mail the merge gave it.
 * Conversations that the moved identities started after the merge go back too: they are that person's. What
 * agents added to the target since (its own notes, new tags) stays. A target that has since been merged
 * elsewhere must be unmerged first, or the identities would go back from the wrong contact.
 */
export async function unmergeContacts(db: Db, viewer: Viewer, mergeId: string, ip?: string) {
  return db.transaction(async (tx) => {
    const [merge] = await tx
      .select()
      .from(contactMerges)
      .where(and(eq(contactMerges.id, mergeId), eq(contactMerges.workspaceId, viewer.workspaceId)))
      .for("update");
    if (!merge) throw new HttpError(404, "not_found", "Merge not found");
    if (merge.unmergedAt) throw new HttpError(409, "already_unmerged", "This merge was already undone");
    const locked = await lockContacts(tx, viewer.workspaceId, [merge.sourceContactId, merge.targetContactId]);
    const source = locked.get(merge.sourceContactId);
    const target = locked.get(merge.targetContactId);
    if (!source || !target) throw new HttpError(404, "not_found", "Contact not found");
    if (target.mergedIntoId)
      throw new HttpError(
        409,
        "target_merged",
        "The target was merged into another contact since; unmerge that first",
        {
          mergedIntoId: target.mergedIntoId,
        },
      );
    if (target.erasedAt) throw new HttpError(409, "contact_erased", "The contact was erased");

    if (merge.identityIds.length > 0)
      await tx
        .update(contactIdentities)
        .set({ contactId: source.id })
        .where(
          and(eq(contactIdentities.contactId, target.id), inArray(contactIdentities.id, merge.identityIds)),
        );
    const moved = (await tx.execute(sql`
      UPDATE conversations c SET contact_id = ${source.id}, updated_at = now()
      WHERE c.contact_id = ${target.id}
        AND (c.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(merge.conversationIds)}::jsonb)::uuid)
          OR (c.created_at >= ${merge.createdAt.toISOString()}::timestamptz AND (
            SELECT m.author_identity_id FROM messages m
            WHERE m.conversation_id = c.id AND m.direction = 'in' ORDER BY m.sent_at LIMIT 1
          ) IN (SELECT jsonb_array_elements_text(${JSON.stringify(merge.identityIds)}::jsonb)::uuid)))
      RETURNING c.id`)) as unknown as { rows: { id: string }[] };
    if (merge.noteIds.length > 0)
      await tx
        .update(contactNotes)
        .set({ contactId: source.id })
        .where(and(eq(contactNotes.contactId, target.id), inArray(contactNotes.id, merge.noteIds)));

    const before = merge.targetBefore as { tags?: string[]; phone?: string | null; email?: string | null };
    const tagsBefore = new Set(before.tags ?? []);
    const added = new Set(source.tags.filter((tag) => !tagsBefore.has(tag)));
    await tx
      .update(contacts)
      .set({
        tags: target.tags.filter((tag) => !added.has(tag)),
        // Only what the merge filled in goes; a value an agent typed since stays.
        phone: !before.phone && target.phone === source.phone ? null : target.phone,
        email: !before.email && target.email === source.email ? null : target.email,
        updatedAt: new Date(),
      })
      .where(eq(contacts.id, target.id));
    await tx
      .update(contacts)
      .set({ mergedIntoId: null, updatedAt: new Date() })
      .where(eq(contacts.id, source.id));
    await tx
      .update(contactMerges)
      .set({ unmergedAt: new Date(), unmergedBy: viewer.userId })
      .where(eq(contactMerges.id, merge.id));
    const conversationIds = moved.rows.map((row) => row.id);
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "contact.unmerged",
      targetType: "contact",
      targetId: source.id,
      details: { mergeId: merge.id, targetContactId: target.id, conversationIds },
      ip: ip ?? null,
    });
    await announce(tx, viewer.workspaceId, await conversationsOf(tx, [source.id, target.id]));
    return { sourceContactId: source.id, targetContactId: target.id, conversationIds };
  });
}
