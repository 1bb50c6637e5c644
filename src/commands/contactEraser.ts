import { and, eq, sql } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db, Tx } from "../store/database.ts";
import { auditLog, contactNotes, contacts } from "../store/schema.ts";
import { announce, lockContacts } from "./contactMerger.ts";

export const ERASED_NAME = "Erased contact";

/** Rows a statement touched, read the same way on PGlite and node-postgres. */
async function count(tx: Tx, statement: ReturnType<typeof sql>): Promise<number> {
  const result = (await tx.execute(statement)) as unknown as {
    rows: unknown[];
    affectedRows?: number;
    rowCount?: number;
  };
  return result.rowCount ?? result.affectedRows ?? result.rows.length;
}

/**
 * Erases a person on their request (GDPR art. 17). Removed or blanked: the contact's name, phone, e-mail,
 * tags and notes; every identity's name, username and audience, and its platform id (replaced by a random
 * placeholder, since a hash of a phone number is easily reversed; a new message from the person starts a
 * new, unknown contact); the chat id private conversations were threaded and answered by; the text and
 * attachments of every message in the person's conversations and of their comments elsewhere; the previews,
 * bot questions, moderation summaries, listening hits and classifier examples copied from those texts; the
 * stored webhook bodies that named them; pending replies to them (cancelled).
 *
 * Kept, because Parley or the law needs them and they say nothing about the person: ids and timestamps of
 * contacts, conversations and messages (reports and SLA history stay true), the platforms' message ids (a
 * webhook delivered again must not bring an erased message back as new), delivered outbox rows without their
 * text (proof of what was sent when, and the idempotency keys), and the audit log entry of the erasure itself.
 */
export async function eraseContact(db: Db, viewer: Viewer, contactId: string, ip?: string) {
  return db.transaction(async (tx) => {
    const locked = await lockContacts(tx, viewer.workspaceId, [contactId]);
    const contact = locked.get(contactId);
    if (!contact) throw new HttpError(404, "not_found", "Contact not found");
    if (contact.mergedIntoId)
      throw new HttpError(409, "contact_merged", "This contact was merged; erase the one it was merged into");
    if (contact.erasedAt) throw new HttpError(409, "contact_erased", "This contact was already erased");

    // The person is also every contact merged into this one: those records keep names too.
    const people = (
      (await tx.execute(sql`WITH RECURSIVE merged(id) AS (
          SELECT ${contactId}::uuid
          UNION SELECT c.id FROM contacts c JOIN merged ON c.merged_into_id = merged.id)
        SELECT id FROM merged`)) as unknown as { rows: { id: string }[] }
    ).rows.map((row) => row.id);
    const ids = sql`(${sql.join(
      people.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`;
    const conversationIds = (
      (await tx.execute(
        sql`SELECT id FROM conversations WHERE contact_id IN ${ids} AND workspace_id = ${viewer.workspaceId}`,
      )) as unknown as { rows: { id: string }[] }
    ).rows.map((row) => row.id);
    const convs = sql`(SELECT id FROM conversations WHERE contact_id IN ${ids})`;
    const identities = sql`(SELECT id FROM contact_identities WHERE contact_id IN ${ids})`;

    const erasedMessages = await count(
      tx,
      sql`UPDATE messages SET text = '', attachments = '[]'::jsonb, reaction = NULL
        WHERE conversation_id IN ${convs} OR author_identity_id IN ${identities}`,
    );
    await tx.execute(sql`UPDATE conversations SET last_message_preview = '', updated_at = now()
      WHERE id IN ${convs}`);
    await tx.execute(sql`UPDATE outbox SET status = 'failed', last_error = 'Cancelled: the contact was erased'
      WHERE conversation_id IN ${convs} AND status = 'pending'`);
    await tx.execute(
      sql`UPDATE outbox SET action = action - 'text' - 'template' WHERE conversation_id IN ${convs}`,
    );
    await tx.execute(sql`UPDATE bot_answers SET question = '' WHERE conversation_id IN ${convs}`);
    await tx.execute(sql`UPDATE moderation_cases SET summary = '' WHERE conversation_id IN ${convs}`);
    await tx.execute(sql`UPDATE mentions SET hits = '[]'::jsonb, subjects = '[]'::jsonb
      WHERE conversation_id IN ${convs}`);
    await tx.execute(sql`DELETE FROM classifier_examples WHERE conversation_id IN ${convs}`);

    // Stored webhook bodies name the person by platform id: processed ones that do are dropped.
    const rawEvents = await count(
      tx,
      sql`DELETE FROM raw_events r USING contact_identities ci
        WHERE ci.contact_id IN ${ids} AND r.workspace_id = ${viewer.workspaceId} AND r.status <> 'pending'
          AND r.platform = ci.platform
          AND (r.payload::text LIKE '%"' || ci.external_id || '"%'
            OR r.payload::text LIKE '%: ' || ci.external_id || ',%'
            OR r.payload::text LIKE '%: ' || ci.external_id || '}%')`,
    );
    // A private chat is threaded by the person's platform id: a new message must not reopen erased history.
    // Its reply target is the person's chat id: nobody is to be written to any more there.
    await tx.execute(sql`UPDATE conversations SET thread_key = 'erased:' || id::text, reply_target = '{}'::jsonb
      WHERE id IN ${convs} AND visibility = 'private'`);
    const erasedIdentities = await count(
      tx,
      sql`UPDATE contact_identities SET display_name = ${ERASED_NAME}, username = NULL, reach = NULL,
        external_id = 'erased:' || gen_random_uuid()::text
        WHERE contact_id IN ${ids} AND external_id NOT LIKE 'erased:%'`,
    );
    await tx.delete(contactNotes).where(sql`${contactNotes.contactId} IN ${ids}`);
    await tx
      .update(contacts)
      .set({
        displayName: ERASED_NAME,
        tags: [],
        phone: null,
        email: null,
        erasedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(and(sql`${contacts.id} IN ${ids}`, eq(contacts.workspaceId, viewer.workspaceId)));
    const summary = {
      contacts: people.length,
      identities: erasedIdentities,
      conversations: conversationIds.length,
      messages: erasedMessages,
      rawEvents,
    };
    await tx.insert(auditLog).values({
      workspaceId: viewer.workspaceId,
      actorUserId: viewer.userId,
      action: "contact.erased",
      targetType: "contact",
      targetId: contactId,
      details: summary,
      ip: ip ?? null,
    });
    await announce(tx, viewer.workspaceId, conversationIds);
    return summary;
  });
}
