import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { type ContactFacts, factsOf, orderedPair, rankSuggestions } from "../domain/contactMatching.ts";
import type { Viewer } from "../domain/roles.ts";
import type { DbOrTx } from "../store/database.ts";
import {
  contactIdentities,
  contactMerges,
  contactNotes,
  contactSuggestionDismissals,
  contacts,
  conversations,
  users,
} from "../store/schema.ts";
import { listConversations } from "./conversationQueries.ts";
import { notFound } from "./httpError.ts";

/**
 * An agent may look at a person when they may see at least one of the person's conversations (their teams'
 * or their own); supervisors and admins see everyone. A merged contact counts through what it merged into.
 */
export async function getVisibleContact(db: DbOrTx, viewer: Viewer, id: string) {
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.workspaceId, viewer.workspaceId)));
  if (!contact) throw notFound("Contact");
  if (viewer.role !== "agent") return contact;
  const owner = contact.mergedIntoId ?? contact.id;
  const teams = viewer.teamIds.length > 0 ? viewer.teamIds : ["00000000-0000-0000-0000-000000000000"];
  const [visible] = await db
    .execute(sql`SELECT 1 FROM conversations c
    WHERE c.contact_id IN (${contact.id}, ${owner})
      AND (c.assignee_id = ${viewer.userId} OR c.team_id IN (${sql.join(
        teams.map((team) => sql`${team}::uuid`),
        sql`, `,
      )})) LIMIT 1`)
    .then((r) => (r as unknown as { rows: unknown[] }).rows);
  if (!visible) throw notFound("Contact");
  return contact;
}

export async function identitiesOf(db: DbOrTx, contactIds: string[]) {
  if (contactIds.length === 0) return [];
  return db
    .select()
    .from(contactIdentities)
    .where(inArray(contactIdentities.contactId, contactIds))
    .orderBy(asc(contactIdentities.createdAt));
}

/** The profile the sidebar shows: the person, every platform identity, notes, tags and the merges into it. */
export async function contactProfile(db: DbOrTx, viewer: Viewer, id: string) {
  const contact = await getVisibleContact(db, viewer, id);
  const [identities, notes, merges, history] = await Promise.all([
    identitiesOf(db, [contact.id]),
    db
      .select({
        id: contactNotes.id,
        text: contactNotes.text,
        createdAt: contactNotes.createdAt,
        updatedAt: contactNotes.updatedAt,
        author: { id: users.id, name: users.name },
      })
      .from(contactNotes)
      .leftJoin(users, eq(users.id, contactNotes.authorUserId))
      .where(eq(contactNotes.contactId, contact.id))
      .orderBy(desc(contactNotes.createdAt)),
    db
      .select({
        id: contactMerges.id,
        sourceContactId: contactMerges.sourceContactId,
        sourceName: contacts.displayName,
        createdAt: contactMerges.createdAt,
      })
      .from(contactMerges)
      .innerJoin(contacts, eq(contacts.id, contactMerges.sourceContactId))
      .where(and(eq(contactMerges.targetContactId, contact.id), isNull(contactMerges.unmergedAt)))
      .orderBy(desc(contactMerges.createdAt)),
    listConversations(db, viewer, { contactId: contact.id, limit: 100 }),
  ]);
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(eq(conversations.contactId, contact.id));
  return {
    id: contact.id,
    displayName: contact.displayName,
    mergedIntoId: contact.mergedIntoId,
    erasedAt: contact.erasedAt?.toISOString() ?? null,
    tags: contact.tags,
    phone: contact.phone,
    email: contact.email,
    createdAt: contact.createdAt.toISOString(),
    identities: identities.map((identity) => ({
      id: identity.id,
      platform: identity.platform,
      externalId: identity.externalId,
      username: identity.username,
      displayName: identity.displayName,
      reach: identity.reach,
      createdAt: identity.createdAt.toISOString(),
    })),
    notes: notes.map((note) => ({
      ...note,
      author: note.author?.id ? note.author : null,
      createdAt: note.createdAt.toISOString(),
      updatedAt: note.updatedAt.toISOString(),
    })),
    merges: merges.map((merge) => ({ ...merge, createdAt: merge.createdAt.toISOString() })),
    conversations: history.items,
    /** Conversations the viewer may not open (other teams'): counted, so the history does not look complete. */
    hiddenConversationCount: Math.max(0, (total?.n ?? 0) - history.items.length),
  };
}

const MAX_CANDIDATES = 50;

async function factsFor(db: DbOrTx, rows: (typeof contacts.$inferSelect)[]): Promise<ContactFacts[]> {
  const identities = await identitiesOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) =>
    factsOf(
      row,
      identities.filter((identity) => identity.contactId === row.id),
    ),
  );
}

/**
 * Contacts that may be the same person, best first. Candidates come from indexes only (phone, e-mail,
 * username, the name's words); the rules in domain/contactMatching.ts then decide and rank.
 */
export async function contactSuggestions(db: DbOrTx, viewer: Viewer, id: string) {
  const contact = await getVisibleContact(db, viewer, id);
  if (contact.mergedIntoId || contact.erasedAt) return [];
  const [facts] = await factsFor(db, [contact]);
  const identities = await identitiesOf(db, [contact.id]);
  const usernames = identities.flatMap((identity) =>
    identity.username ? [identity.username.toLowerCase()] : [],
  );
  const nameWords = [contact.displayName, ...identities.map((identity) => identity.displayName)].flatMap(
    (name) => {
      const words = name
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((word) => word.length >= 2);
      return words.length >= 2 ? [words.map((word) => `'${word.replace(/'/gu, "''")}'`).join(" & ")] : [];
    },
  );
  const ws = viewer.workspaceId;
  const anyOf = (values: string[]) =>
    sql`(${sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    )})`;
  const probes = [
    facts!.phones.length > 0 &&
      sql`SELECT id FROM contacts WHERE workspace_id = ${ws} AND phone IN ${anyOf(facts!.phones)}
        UNION SELECT contact_id FROM contact_identities
        WHERE workspace_id = ${ws} AND platform = 'whatsapp' AND external_id IN ${anyOf(facts!.phones)}`,
    facts!.emails.length > 0 &&
      sql`SELECT id FROM contacts WHERE workspace_id = ${ws} AND lower(email) IN ${anyOf(facts!.emails)}`,
    usernames.length > 0 &&
      sql`SELECT contact_id FROM contact_identities WHERE workspace_id = ${ws} AND lower(username) IN ${anyOf(usernames)}`,
    ...nameWords.map(
      (query) =>
        sql`SELECT id FROM contacts WHERE workspace_id = ${ws}
          AND to_tsvector('simple'::regconfig, display_name) @@ ${query}::tsquery`,
    ),
  ].filter((probe): probe is ReturnType<typeof sql> => Boolean(probe));
  if (probes.length === 0) return [];
  const ids = (
    (await db.execute(sql`SELECT DISTINCT id FROM (${sql.join(probes, sql` UNION `)}) found(id)
      WHERE id <> ${contact.id} LIMIT ${MAX_CANDIDATES * 2}`)) as unknown as { rows: { id: string }[] }
  ).rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const candidates = await db
    .select()
    .from(contacts)
    .where(and(inArray(contacts.id, ids), isNull(contacts.mergedIntoId), isNull(contacts.erasedAt)))
    .limit(MAX_CANDIDATES);
  const dismissed = await db
    .select()
    .from(contactSuggestionDismissals)
    .where(
      sql`${contactSuggestionDismissals.contactAId} = ${contact.id} OR ${contactSuggestionDismissals.contactBId} = ${contact.id}`,
    );
  const dismissedIds = new Set(
    dismissed.map((row) => (row.contactAId === contact.id ? row.contactBId : row.contactAId)),
  );
  const ranked = rankSuggestions(facts!, await factsFor(db, candidates), dismissedIds);
  const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  const counts = await db
    .select({ contactId: conversations.contactId, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(inArray(conversations.contactId, ranked.map((s) => s.contactId).concat([contact.id])))
    .groupBy(conversations.contactId);
  const countOf = new Map(counts.map((row) => [row.contactId, row.n]));
  return ranked.map((suggestion) => ({
    ...suggestion,
    displayName: byId.get(suggestion.contactId)?.displayName ?? "",
    conversationCount: countOf.get(suggestion.contactId) ?? 0,
  }));
}

export async function dismissSuggestion(db: DbOrTx, viewer: Viewer, contactId: string, otherId: string) {
  await getVisibleContact(db, viewer, contactId);
  await getVisibleContact(db, viewer, otherId);
  const [a, b] = orderedPair(contactId, otherId);
  await db
    .insert(contactSuggestionDismissals)
    .values({ workspaceId: viewer.workspaceId, contactAId: a, contactBId: b, dismissedBy: viewer.userId })
    .onConflictDoNothing();
}

/** Contacts whose name has all the typed words (as prefixes); agents find only people they can see. */
export async function findContacts(db: DbOrTx, viewer: Viewer, q: string) {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 6);
  if (words.length === 0) return [];
  const query = words.map((word) => `'${word}':*`).join(" & ");
  const teams = viewer.teamIds.length > 0 ? viewer.teamIds : ["00000000-0000-0000-0000-000000000000"];
  const agentClause =
    viewer.role === "agent"
      ? sql`AND EXISTS (SELECT 1 FROM conversations c WHERE c.contact_id = ct.id AND (c.assignee_id = ${viewer.userId}
          OR c.team_id IN (${sql.join(
            teams.map((team) => sql`${team}::uuid`),
            sql`, `,
          )})))`
      : sql``;
  const { rows } = (await db.execute(sql`SELECT ct.id, ct.display_name AS "displayName",
      (SELECT count(*)::int FROM conversations c WHERE c.contact_id = ct.id) AS "conversationCount",
      (SELECT coalesce(json_agg(DISTINCT ci.platform), '[]'::json) FROM contact_identities ci WHERE ci.contact_id = ct.id) AS platforms
    FROM contacts ct
    WHERE ct.workspace_id = ${viewer.workspaceId} AND ct.merged_into_id IS NULL AND ct.erased_at IS NULL
      AND to_tsvector('simple'::regconfig, ct.display_name) @@ ${query}::tsquery ${agentClause}
    ORDER BY ct.display_name LIMIT 20`)) as unknown as {
    rows: { id: string; displayName: string; conversationCount: number; platforms: string[] | string }[];
  };
  return rows.map((row) => ({
    ...row,
    platforms: typeof row.platforms === "string" ? (JSON.parse(row.platforms) as string[]) : row.platforms,
  }));
}
