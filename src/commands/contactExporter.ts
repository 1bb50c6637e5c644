import { asc, eq, inArray } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import { contactProfile } from "../server/contactQueries.ts";
import type { Db } from "../store/database.ts";
import { auditLog, channels, conversations, messages, users } from "../store/schema.ts";

/**
 * Everything Parley holds about one person, as one JSON document (GDPR art. 15 and 20): the contact, its
 * identities on every platform, notes, merges, and every conversation with all its messages. Handing out
 * personal data is recorded in the audit log.
 */
export async function exportContact(db: Db, viewer: Viewer, contactId: string, ip?: string) {
  const profile = await contactProfile(db, viewer, contactId);
  const conversationRows = await db
    .select({
      id: conversations.id,
      platform: channels.platform,
      channel: channels.name,
      visibility: conversations.visibility,
      status: conversations.status,
      placeName: conversations.placeName,
      labels: conversations.labels,
      createdAt: conversations.createdAt,
      resolvedAt: conversations.resolvedAt,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(eq(conversations.contactId, profile.id))
    .orderBy(asc(conversations.createdAt));
  const ids = conversationRows.map((row) => row.id);
  const messageRows =
    ids.length === 0
      ? []
      : await db
          .select({
            id: messages.id,
            conversationId: messages.conversationId,
            direction: messages.direction,
            visibility: messages.visibility,
            text: messages.text,
            attachments: messages.attachments,
            sentAt: messages.sentAt,
            editedAt: messages.editedAt,
            deletedAt: messages.deletedAt,
            agent: users.name,
          })
          .from(messages)
          .leftJoin(users, eq(users.id, messages.authorUserId))
          .where(inArray(messages.conversationId, ids))
          .orderBy(asc(messages.sentAt));
  await db.insert(auditLog).values({
    workspaceId: viewer.workspaceId,
    actorUserId: viewer.userId,
    action: "contact.exported",
    targetType: "contact",
    targetId: profile.id,
    details: { conversations: ids.length, messages: messageRows.length },
    ip: ip ?? null,
  });
  const { conversations: _summaries, ...contact } = profile;
  return {
    exportedAt: new Date().toISOString(),
    contact,
    conversations: conversationRows.map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      messages: messageRows
        .filter((message) => message.conversationId === row.id)
        .map(({ conversationId: _c, ...message }) => ({
          ...message,
          sentAt: message.sentAt.toISOString(),
          editedAt: message.editedAt?.toISOString() ?? null,
          deletedAt: message.deletedAt?.toISOString() ?? null,
        })),
    })),
  };
}
