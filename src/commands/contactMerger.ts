import { and, eq, inArray } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db, Tx } from "../store/database.ts";
import { notifyChange } from "../store/notify.ts";
import {
  auditLog,
  contactIdentities,
  contactMerges,
  contactNotes,
  contacts,
  conversations,
} from "../store/schema.ts";

type ContactRow = typeof contacts.$inferSelect;

/** Locks both contacts in id order, so two merges of the same pair in opposite directions cannot deadlock. */
export async function lockContacts(
  tx: Tx,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, ContactRow>> {
  const rows = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, ids)))
    .orderBy(contacts.id)
    .for("update");
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Where merging `source` into `target` would lead, as an error, or null when it may go ahead. A contact that
 * was merged is only a record of that merge: merging it again, or into it, would split a person's history
 * over a chain, and a chain that comes back to the source is a cycle.
 */
async function refusal(tx: Tx, source: ContactRow, target: ContactRow): Promise<HttpError | null> {
  if (source.mergedIntoId)
    return new HttpError(409, "contact_already_merged", "This contact was already merged into another one", {
      mergedIntoId: source.mergedIntoId,
    });
  if (source.erasedAt || target.erasedAt)
    return new HttpError(409, "contact_erased", "An erased contact cannot be merged");
  if (!target.mergedIntoId) return null;
  const seen = new Set<string>([target.id]);
  let next: string | null = target.mergedIntoId;
  while (next && !seen.has(next)) {
    if (next === source.id)
      return new HttpError(
        409,
        "merge_cycle",
        "The target was merged into this contact: merging back would make a cycle",
      );
    seen.add(next);
    const [row] = await tx
      .select({ mergedIntoId: contacts.mergedIntoId })
      .from(contacts)
      .where(eq(contacts.id, next));
    next = row?.mergedIntoId ?? null;
  }
  return new HttpError(
    409,
    "target_merged",
    "The target was merged into another contact; merge into that one",
    {
      mergedIntoId: target.mergedIntoId,
    },
  );
}

/**
 * Merges contact `sourceId` into `targetId`: its identities, conversations and notes move to the target, the
 * target gains its tags and any phone or e-mail it lacked, and the source stays behind as a record pointing to
 * the target. Exactly what moved is stored, so unmerging (contactUnmerger.ts) puts it all back.
 */
export async function mergeContacts(db: Db, viewer: Viewer, sourceId: string, targetId: string, ip?: string) {
  if (sourceId === targetId)
    throw new HttpError(400, "merge_into_itself", "A contact cannot be merged into itself");
  return db.transaction(async (tx) => {
    const locked = await lockContacts(tx, viewer.workspaceId, [sourceId, targetId]);
    const source = locked.get(sourceId);
    const target = locked.get(targetId);
    if (!source || !target) throw new HttpError(404, "not_found", "Contact not found");
    const refused = await refusal(tx, source, target);
    if (refused) throw refused;

    const identityIds = (
      await tx
        .update(contactIdentities)
        .set({ contactId: targetId })
        .where(eq(contactIdentities.contactId, sourceId))
        .returning({ id: contactIdentities.id })
    ).map((row) => row.id);
    const conversationIds = (
      await tx
        .update(conversations)
        .set({ contactId: targetId, updatedAt: new Date() })
        .where(eq(conversations.contactId, sourceId))
        .returning({ id: conversations.id })
    ).map((row) => row.id);
    const noteIds = (
      await tx
        .update(contactNotes)
        .set({ contactId: targetId })
        .where(eq(contactNotes.contactId, sourceId))
        .returning({ id: contactNotes.id })
    ).map((row) => row.id);

    const targetBefore = { tags: target.tags, phone: target.phone, email: target.email };
    await tx
      .update(contacts)
      .set({
        tags: [...new Set([...target.tags, ...source.tags])],
        phone: target.phone ?? source.phone,
        email: target.email ?? source.email,
        updatedAt: new Date(),
      })
      .where(eq(contacts.id, targetId));
    await tx
      .update(contacts)
      .set({ mergedIntoId: targetId, updatedAt: new Date() })
      .where(eq(contacts.id, sourceId));
    const [merge] = await tx
      .insert(contactMerges)
      .values({
        workspaceId: viewer.workspaceId,
        sourceContactId: sourceId,
        targetContactId: targetId,
        identityIds,
        conversationIds,
        noteIds,
        targetBefore,
        mergedBy: viewer.userId,
      })
      .returning();
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "contact.merged",
      targetType: "contact",
      targetId,
      details: { mergeId: merge!.id, sourceContactId: sourceId, identityIds, conversationIds, noteIds },
      ip: ip ?? null,
    });
    // Every conversation of the person now has a new history beside it, not only the ones that moved.
    await announce(tx, viewer.workspaceId, await conversationsOf(tx, [targetId]));
    return merge!;
  });
}

export async function conversationsOf(tx: Tx, contactIds: string[]): Promise<string[]> {
  const rows = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(inArray(conversations.contactId, contactIds));
  return rows.map((row) => row.id);
}

/** A change of customer is a change of each conversation: open inboxes and sidebars reload them. */
export async function announce(tx: Tx, workspaceId: string, conversationIds: string[]): Promise<void> {
  for (const conversationId of conversationIds)
    await notifyChange(tx, { workspaceId, type: "conversation.updated", conversationId });
}
