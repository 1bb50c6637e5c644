import { and, eq } from "drizzle-orm";
import { normalizeEmail, normalizePhone } from "../domain/contactMatching.ts";
import type { Viewer } from "../domain/roles.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { auditLog, contactNotes, contacts } from "../store/schema.ts";

export interface ContactChanges {
  displayName?: string | undefined;
  tags?: string[] | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
}

/** Tags, name, phone and e-mail as agents write them; phone and e-mail stored normalised for suggestions. */
export async function editContact(db: Db, viewer: Viewer, contactId: string, changes: ContactChanges) {
  const set: Partial<typeof contacts.$inferInsert> = { updatedAt: new Date() };
  if (changes.displayName !== undefined) set.displayName = changes.displayName.trim();
  if (changes.tags !== undefined)
    set.tags = [...new Set(changes.tags.map((tag) => tag.trim()).filter(Boolean))];
  if (changes.phone !== undefined) {
    set.phone = changes.phone === null || changes.phone.trim() === "" ? null : normalizePhone(changes.phone);
    if (changes.phone && !set.phone) throw new HttpError(400, "invalid_phone", "Not a phone number");
  }
  if (changes.email !== undefined) {
    set.email = changes.email === null || changes.email.trim() === "" ? null : normalizeEmail(changes.email);
    if (changes.email && !set.email) throw new HttpError(400, "invalid_email", "Not an e-mail address");
  }
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ mergedIntoId: contacts.mergedIntoId, erasedAt: contacts.erasedAt })
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.workspaceId, viewer.workspaceId)))
      .for("update");
    if (!row) throw new HttpError(404, "not_found", "Contact not found");
    if (row.mergedIntoId)
      throw new HttpError(409, "contact_merged", "This contact was merged; edit the one it was merged into");
    if (row.erasedAt) throw new HttpError(409, "contact_erased", "This contact was erased");
    await tx.update(contacts).set(set).where(eq(contacts.id, contactId));
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "contact.edited",
      targetType: "contact",
      targetId: contactId,
      details: { fields: Object.keys(changes) },
    });
  });
}

export async function addContactNote(db: Db, viewer: Viewer, contactId: string, text: string) {
  const [note] = await db
    .insert(contactNotes)
    .values({ workspaceId: viewer.workspaceId, contactId, authorUserId: viewer.userId, text })
    .returning();
  return note!;
}

async function ownNote(db: Db, viewer: Viewer, noteId: string) {
  const [note] = await db
    .select()
    .from(contactNotes)
    .where(and(eq(contactNotes.id, noteId), eq(contactNotes.workspaceId, viewer.workspaceId)));
  if (!note) throw new HttpError(404, "not_found", "Note not found");
  // Agents edit their own notes; supervisors and admins tidy up anyone's.
  if (viewer.role === "agent" && note.authorUserId !== viewer.userId)
    throw new HttpError(403, "forbidden", "Only the author or a supervisor may change this note");
  return note;
}

export async function editContactNote(db: Db, viewer: Viewer, noteId: string, text: string) {
  const note = await ownNote(db, viewer, noteId);
  await db.update(contactNotes).set({ text, updatedAt: new Date() }).where(eq(contactNotes.id, note.id));
  return note.contactId;
}

export async function deleteContactNote(db: Db, viewer: Viewer, noteId: string) {
  const note = await ownNote(db, viewer, noteId);
  await db.delete(contactNotes).where(eq(contactNotes.id, note.id));
  return note.contactId;
}
